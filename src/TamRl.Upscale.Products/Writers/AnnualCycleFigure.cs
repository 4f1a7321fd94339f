using System.Globalization;
using System.Xml.Linq;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.Products.Budgets;
using TamRl.Upscale.Products.Scoring;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// The annual-cycle figure (<see cref="ProductLayout.AnnualCycle"/>): the monthly totals (Pg C per month) of GPP, RECO and
/// NEE for the globe and each continent, a panel each, with the ensemble's spread (+-1 standard deviation, the table's
/// <c>uncertainty_pgc</c>) as a band. Drawn from the regional budget table alone (<see cref="BudgetTable"/>), so the
/// figure and the table cannot disagree.
/// <para>
/// SVG written here rather than a ScottPlot PNG like the quicklooks: browsers (the dashboard), QGIS layouts and
/// Inkscape show it at any size, it is a few kilobytes, and every plotted point is a number in the file, so a test (or a
/// reader) can map it back to the table. Each panel states its axis mapping as data attributes (<c>data-ymin</c>,
/// <c>data-ymax</c>, <c>data-top</c>, <c>data-height</c>): y = top + (ymax - value) / (ymax - ymin) x height.
/// </para>
/// </summary>
public static class AnnualCycleFigure
{
    private const int Width = 1000;
    private const int PanelWidth = 420;
    private const int PanelHeight = 210;
    private const int Margin = 60;
    private const int HeaderHeight = 70;
    private const int PanelStride = PanelHeight + 70;

    /// <summary>The fluxes drawn, with their colours (ColorBrewer Dark2, distinguishable by colour-blind readers).</summary>
    public static readonly IReadOnlyList<(string Flux, string Label, string Colour)> Series =
    [
        ("gpp", "GPP", "#1b9e77"),
        ("reco", "RECO", "#d95f02"),
        ("nee", "NEE", "#7570b3"),
    ];

    public static void Write(string path, BudgetTable table) => AtomicFile.WriteAllText(path, Render(table).ToString());

    /// <summary>The figure as an SVG document (panels: the globe, then the continents in the table's order).</summary>
    public static XDocument Render(BudgetTable table)
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        var monthly = table.Rows.Where(r => r.Period.Length == 7).ToList(); // "YYYY-MM"; years are "YYYY"
        var months = monthly.Select(r => r.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var regions = monthly.Where(r => r.Group == BudgetRegions.Global).Select(r => r.Region).Distinct()
            .Concat(monthly.Where(r => r.Group == BudgetRegions.Continent).Select(r => r.Region).Distinct()).ToList();
        var panelRows = (regions.Count + 1) / 2;
        var height = HeaderHeight + panelRows * PanelStride + 20;
        var root = new XElement(svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", height), new XAttribute("viewBox", $"0 0 {Width} {height}"),
            new XAttribute("font-family", "DejaVu Sans, Arial, sans-serif"), new XAttribute("font-size", 12),
            new XElement(svg + "rect", new XAttribute("width", Width), new XAttribute("height", height), new XAttribute("fill", "white")),
            new XElement(svg + "title", $"Annual cycle of GPP, RECO and NEE, {table.Period}"),
            Text(svg, Width / 2.0, 24, $"Monthly totals, Pg C per month, {table.Period} (run {table.RunId})", 16, "middle"),
            Text(svg, Width / 2.0, 44, $"band: ensemble spread, +-1 standard deviation ({table.UncertaintyMethod}); NEE > 0 is a source", 12, "middle"));
        for (var s = 0; s < Series.Count; s++)
        {
            var x = Width / 2.0 - 150 + s * 110;
            root.Add(new XElement(svg + "rect", new XAttribute("x", F(x)), new XAttribute("y", 53), new XAttribute("width", 24), new XAttribute("height", 10),
                new XAttribute("fill", Series[s].Colour)));
            root.Add(Text(svg, x + 30, 62, Series[s].Label, 12, "start"));
        }
        for (var p = 0; p < regions.Count; p++)
        {
            var left = Margin + (p % 2) * (PanelWidth + Margin + 10); // the second column ends 30 px inside the width
            var top = HeaderHeight + 20 + (p / 2) * PanelStride;
            root.Add(Panel(svg, regions[p], p == 0 ? BudgetRegions.Global : BudgetRegions.Continent, monthly, months, left, top));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XElement Panel(XNamespace svg, string region, string group, List<BudgetRow> monthly, List<string> months, double left, double top)
    {
        var rows = monthly.Where(r => r.Group == group && r.Region == region).ToList();
        double Value(string flux, string month, Func<BudgetRow, double> f) =>
            rows.FirstOrDefault(r => r.Flux == flux && r.Period == month) is { } row ? f(row) : double.NaN;
        var extremes = rows.Where(r => Series.Any(s => s.Flux == r.Flux))
            .SelectMany(r => new[] { r.TotalPgc - r.UncertaintyPgc, r.TotalPgc + r.UncertaintyPgc }).Where(double.IsFinite).Append(0).ToList();
        var (min, max) = (extremes.Min(), extremes.Max());
        if (max - min < 1e-12)
            (min, max) = (min - 1, max + 1);
        var pad = 0.05 * (max - min);
        (min, max) = (min - pad, max + pad);
        double X(int i) => left + (i + 0.5) * PanelWidth / months.Count;
        double Y(double v) => top + (max - v) / (max - min) * PanelHeight;

        var g = new XElement(svg + "g", new XAttribute("class", "panel"), new XAttribute("data-region", region), new XAttribute("data-group", group),
            new XAttribute("data-ymin", R(min)), new XAttribute("data-ymax", R(max)), new XAttribute("data-top", F(top)),
            new XAttribute("data-height", F(PanelHeight)), new XAttribute("data-left", F(left)), new XAttribute("data-width", F(PanelWidth)));
        g.Add(new XElement(svg + "rect", new XAttribute("x", F(left)), new XAttribute("y", F(top)), new XAttribute("width", PanelWidth),
            new XAttribute("height", PanelHeight), new XAttribute("fill", "none"), new XAttribute("stroke", "#888")));
        g.Add(Text(svg, left + PanelWidth / 2.0, top - 8, region == BudgetRegions.Global ? "Globe" : region, 14, "middle"));
        g.Add(new XElement(svg + "line", new XAttribute("class", "zero"), new XAttribute("x1", F(left)), new XAttribute("x2", F(left + PanelWidth)),
            new XAttribute("y1", F(Y(0))), new XAttribute("y2", F(Y(0))), new XAttribute("stroke", "#444"), new XAttribute("stroke-dasharray", "4 3")));
        foreach (var tick in Ticks(min, max))
        {
            g.Add(new XElement(svg + "line", new XAttribute("x1", F(left - 4)), new XAttribute("x2", F(left)), new XAttribute("y1", F(Y(tick))),
                new XAttribute("y2", F(Y(tick))), new XAttribute("stroke", "#444")));
            g.Add(Text(svg, left - 6, Y(tick) + 4, tick.ToString("G4", CultureInfo.InvariantCulture), 10, "end"));
        }
        for (var i = 0; i < months.Count; i++)
            if (months.Count <= 12 || i % ((months.Count + 11) / 12) == 0)
                g.Add(Text(svg, X(i), top + PanelHeight + 14, months.Count <= 12 ? months[i][5..] : months[i], 10, "middle"));
        g.Add(Text(svg, left - 45, top + PanelHeight / 2.0, "Pg C / month", 10, "middle", rotate: true));

        foreach (var (flux, label, colour) in Series)
        {
            var points = Enumerable.Range(0, months.Count).Where(i => double.IsFinite(Value(flux, months[i], r => r.TotalPgc))).ToList();
            if (points.Count == 0)
                continue;
            var upper = points.Select(i => $"{F(X(i))},{F(Y(Value(flux, months[i], r => r.TotalPgc + r.UncertaintyPgc)))}");
            var lower = points.AsEnumerable().Reverse().Select(i => $"{F(X(i))},{F(Y(Value(flux, months[i], r => r.TotalPgc - r.UncertaintyPgc)))}");
            g.Add(new XElement(svg + "polygon", new XAttribute("class", "band"), new XAttribute("data-flux", flux),
                new XAttribute("points", string.Join(' ', upper.Concat(lower))), new XAttribute("fill", colour), new XAttribute("fill-opacity", "0.25"),
                new XAttribute("stroke", "none")));
            g.Add(new XElement(svg + "polyline", new XAttribute("class", "series"), new XAttribute("data-flux", flux),
                new XAttribute("points", string.Join(' ', points.Select(i => $"{F(X(i))},{F(Y(Value(flux, months[i], r => r.TotalPgc)))}"))),
                new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", 2),
                new XElement(svg + "title", $"{label}, {region}")));
        }
        return g;
    }

    /// <summary>Three to six round ticks between min and max.</summary>
    private static IEnumerable<double> Ticks(double min, double max)
    {
        var raw = (max - min) / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(k => k * magnitude).First(s => s >= raw);
        for (var t = Math.Ceiling(min / step) * step; t <= max; t += step)
            yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
    }

    private static XElement Text(XNamespace svg, double x, double y, string text, int size, string anchor, bool rotate = false)
    {
        var e = new XElement(svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("font-size", size),
            new XAttribute("text-anchor", anchor), text);
        if (rotate)
            e.Add(new XAttribute("transform", $"rotate(-90 {F(x)} {F(y)})"));
        return e;
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>The axis ends: 9 significant digits, far more than a pixel's 3 decimals need.</summary>
    private static string R(double v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
