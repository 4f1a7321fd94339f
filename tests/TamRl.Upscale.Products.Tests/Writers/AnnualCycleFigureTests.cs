using System.Globalization;
using System.Xml.Linq;
using TamRl.Upscale.Products.Budgets;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Writers;

/// <summary>The annual-cycle figure of a published period (two months), read back as XML and mapped back to the budget table.</summary>
public sealed class AnnualCycleFigureTests(PublishedProductFixture product) : IClassFixture<PublishedProductFixture>
{
    private const string Figure = "quicklook/annual_cycle_2021-01-01_2021-02-28.svg";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Publish_DrawsTheAnnualCycle_WhosePointsMapBackToTheBudgetTablesMonthlyTotals()
    {
        var table = BudgetTable.Load(product.File("budgets/regional_budgets_2021-01-01_2021-02-28.json"));
        var svg = XDocument.Load(product.File(Figure)); // well-formed XML, or this throws
        Assert.Equal(Svg + "svg", svg.Root!.Name);

        var panels = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "panel").ToList();
        var continents = table.Rows.Where(r => r.Group == "continent").Select(r => r.Region).Distinct().ToList();
        Assert.Equal(["global", .. continents], panels.Select(p => (string)p.Attribute("data-region")!).ToArray());
        foreach (var panel in panels)
        {
            double A(string name) => double.Parse((string)panel.Attribute(name)!, CultureInfo.InvariantCulture);
            var (ymin, ymax, top, height) = (A("data-ymin"), A("data-ymax"), A("data-top"), A("data-height"));
            var region = (string)panel.Attribute("data-region")!;
            var lines = panel.Elements(Svg + "polyline").ToList();
            Assert.Equal(["gpp", "reco", "nee"], lines.Select(l => (string)l.Attribute("data-flux")!).ToArray());
            Assert.Equal(3, panel.Elements(Svg + "polygon").Count(p => (string?)p.Attribute("class") == "band"));
            foreach (var line in lines)
            {
                var flux = (string)line.Attribute("data-flux")!;
                var points = Points(line);
                Assert.Equal(2, points.Length); // one per month of the period
                var rows = table.Rows.Where(r => r.Region == region && r.Flux == flux && r.Period.Length == 7).OrderBy(r => r.Period, StringComparer.Ordinal).ToList();
                for (var i = 0; i < points.Length; i++)
                {
                    var value = ymax - (points[i].Y - top) / height * (ymax - ymin);
                    // Coordinates carry 3 decimals of a pixel: 5e-4 px of a 210 px panel.
                    Assert.Equal(rows[i].TotalPgc, value, (ymax - ymin) * 1e-5);
                }
                Assert.True(points[1].X > points[0].X);
            }
        }
    }

    [Fact]
    public void Publish_ListsTheAnnualCycleFigureInTheManifest_WithItsChecksum()
    {
        var manifest = ProductManifest.Load(Path.Combine(product.Out, "products", "manifest.json"));
        var entry = manifest.Files.Single(f => f.Format == "annual-cycle-svg");

        Assert.EndsWith(Figure, entry.File);
        Assert.Equal(Core.Files.FileHash.Sha256(product.File(Figure)), entry.Sha256);
    }

    [Fact]
    public void Render_DrawsTheSpreadAsABandAroundTheTotals()
    {
        BudgetRow Row(string flux, string month, double total, double spread) => new("global", "global", flux, month, 31, 100, total, spread);
        var table = new BudgetTable("r", "2021", "Pg C", "", "", BudgetTable.FromMembers, "", 2,
            [.. new[] { "gpp", "reco", "nee" }.SelectMany(f => Enumerable.Range(1, 12).Select(m => Row(f, $"2021-{m:D2}", f == "nee" ? -m : m, 0.5)))]);

        var svg = AnnualCycleFigure.Render(table);

        var panel = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "panel");
        double A(string name) => double.Parse((string)panel.Attribute(name)!, CultureInfo.InvariantCulture);
        double ValueAt(double y) => A("data-ymax") - (y - A("data-top")) / A("data-height") * (A("data-ymax") - A("data-ymin"));
        var band = Points(panel.Elements(Svg + "polygon").Single(p => (string?)p.Attribute("data-flux") == "nee"));
        Assert.Equal(24, band.Length); // 12 upper points, then 12 lower ones back
        Assert.Equal(-1 + 0.5, ValueAt(band[0].Y), 1e-3);
        Assert.Equal(-1 - 0.5, ValueAt(band[^1].Y), 1e-3);
        Assert.Equal(12, Points(panel.Elements(Svg + "polyline").Single(p => (string?)p.Attribute("data-flux") == "gpp")).Length);
    }

    private static (double X, double Y)[] Points(XElement e) =>
        ((string)e.Attribute("points")!).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToArray();
}
