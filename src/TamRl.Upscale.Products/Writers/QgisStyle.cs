using System.Globalization;
using System.Xml.Linq;
using TamRl.Upscale.IO.Files;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// A QGIS layer style (<c>.qml</c>) beside a COG, same name: QGIS applies it when the file is opened, so a map reads at
/// once instead of as a grey stretch. A single-band pseudocolour renderer with an interpolated ramp over the display
/// range: viridis for GPP and RECO, from the period's 2nd to 98th percentile; for NEE a diverging blue (sink) -
/// white (0) - red (source) ramp symmetric about zero out to the larger of the two percentiles' magnitudes, so zero
/// is always white. The range comes from the product's own monthly values (<see cref="ValueSample"/>), the same for
/// every COG of a variable in the period, so months compare by colour.
/// </summary>
public static class QgisStyle
{
    public const double LowerPercentile = 0.02;
    public const double UpperPercentile = 0.98;

    private static readonly string[] Viridis = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];
    private static readonly string[] SinkToSource = ["#2166ac", "#67a9cf", "#f7f7f7", "#ef8a62", "#b2182b"];

    /// <summary>The display range of a variable from its sample: percentiles, symmetric about 0 when diverging; never empty.</summary>
    public static (double Min, double Max) RangeOf(ValueSample sample, bool diverging)
    {
        var (low, high) = (sample.Percentile(LowerPercentile), sample.Percentile(UpperPercentile));
        if (double.IsNaN(low))
            return diverging ? (-1, 1) : (0, 1);
        if (diverging)
        {
            var limit = Math.Max(Math.Abs(low), Math.Abs(high));
            return limit > 0 ? (-limit, limit) : (-1, 1);
        }
        return high > low ? (low, high) : (low, low + 1);
    }

    /// <summary>Writes <c>path</c> (next to its COG, same base name, extension .qml) atomically.</summary>
    public static void Write(string path, FluxVariable variable, double min, double max, bool diverging)
    {
        var colours = diverging ? SinkToSource : Viridis;
        string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        var items = colours.Select((c, i) =>
        {
            var value = min + (max - min) * i / (colours.Length - 1);
            return new XElement("item", new XAttribute("value", F(value)), new XAttribute("color", c), new XAttribute("alpha", "255"),
                new XAttribute("label", value.ToString("0.00", CultureInfo.InvariantCulture)));
        });
        var shader = new XElement("colorrampshader",
            new XAttribute("colorRampType", "INTERPOLATED"), new XAttribute("classificationMode", "1"), new XAttribute("clip", "0"),
            new XAttribute("minimumValue", F(min)), new XAttribute("maximumValue", F(max)), new XAttribute("labelPrecision", "2"),
            items);
        var renderer = new XElement("rasterrenderer",
            new XAttribute("type", "singlebandpseudocolor"), new XAttribute("band", "1"), new XAttribute("opacity", "1"),
            new XAttribute("alphaBand", "-1"), new XAttribute("classificationMin", F(min)), new XAttribute("classificationMax", F(max)),
            new XAttribute("nodataColor", ""),
            new XElement("rasterTransparency"),
            new XElement("minMaxOrigin",
                new XElement("limits", "None"), new XElement("extent", "WholeRaster"), new XElement("statAccuracy", "Exact"),
                new XElement("cumulativeCutLower", F(LowerPercentile)), new XElement("cumulativeCutUpper", F(UpperPercentile)),
                new XElement("stdDevFactor", "2")),
            new XElement("rastershader", shader));
        var document = new XDocument(
            new XDocumentType("qgis", "http://mrcc.com/qgis.dtd", "SYSTEM", null),
            new XElement("qgis", new XAttribute("version", "3.28.0"), new XAttribute("styleCategories", "Symbology"),
                new XComment($" {variable.LongName} ({variable.Name}, {FluxVariable.Units}); range from the product's monthly values, " +
                    (diverging ? "symmetric about 0 (blue: sink, red: source)" : $"{LowerPercentile:P0} to {UpperPercentile:P0} percentiles") + " "),
                new XElement("pipe",
                    renderer,
                    new XElement("brightnesscontrast", new XAttribute("brightness", "0"), new XAttribute("contrast", "0"), new XAttribute("gamma", "1")),
                    new XElement("rasterresampler", new XAttribute("maxOversampling", "2"))),
                new XElement("blendMode", "0")));
        AtomicFile.WriteAllText(path, document.ToString());
    }
}
