using System.Globalization;
using System.Xml.Linq;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Writers;

public sealed class QgisStyleTests(ProductAssemblerTests.YearRunFixture year) : IDisposable, IClassFixture<ProductAssemblerTests.YearRunFixture>
{
    private readonly TempDirectory _dir = new("tamrl-qgis-style");

    public void Dispose() => _dir.Dispose();

    /// <summary>Every valid pixel of a GeoTIFF, read by GDAL (gdal_translate to an ASCII grid), not by the writer.</summary>
    private static IEnumerable<double> PixelsByGdal(string tif)
    {
        var text = ExternalTool.RunOk("gdal_translate", "-q", "-of", "AAIGrid", tif, "/vsistdout/");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var nodataLine = lines.FirstOrDefault(l => l.StartsWith("NODATA_value", StringComparison.OrdinalIgnoreCase));
        var nodata = nodataLine is null ? double.NaN : double.Parse(nodataLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return lines.Where(l => char.IsDigit(l.TrimStart()[0]) || l.TrimStart()[0] == '-')
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(t => !t.Contains("nan", StringComparison.OrdinalIgnoreCase))
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture))
            .Where(v => v != nodata);
    }

    private static double Attribute(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Assemble_PutsAStyleBesideEveryCog_WhoseRangeIsThePeriodsPercentiles_CentredOnZeroForNee()
    {
        var folder = _dir.File("products");
        var entries = ProductAssembler.Assemble(year.RunDir, folder, quicklooks: false);

        var cogs = Directory.GetFiles(Path.Combine(folder, "cog"), "*.tif");
        Assert.Equal(3 * 13, cogs.Length);
        foreach (var cog in cogs)
            Assert.True(File.Exists(Path.ChangeExtension(cog, ".qml")), $"no style beside {cog}");
        Assert.Equal(3 * 13, entries.Count(e => e.Format == "qgis-style"));

        foreach (var variable in FluxVariables.Fluxes)
        {
            var values = Enumerable.Range(1, 12).SelectMany(m => PixelsByGdal(Path.Combine(folder, "cog", $"{variable.Name}_2021-{m:D2}.tif"))).Order().ToArray();
            double Percentile(double p) => values[(int)Math.Clamp(Math.Ceiling(p * values.Length) - 1, 0, values.Length - 1)];
            var (low, high) = (Percentile(0.02), Percentile(0.98));

            var styles = cogs.Where(c => Path.GetFileName(c).StartsWith(variable.Name + "_", StringComparison.Ordinal))
                .Select(c => File.ReadAllText(Path.ChangeExtension(c, ".qml"))).Distinct().ToList();
            Assert.Single(styles); // one range for every month and the year
            var qml = XDocument.Parse(styles[0]);
            var renderer = qml.Root!.Element("pipe")!.Element("rasterrenderer")!;
            Assert.Equal("singlebandpseudocolor", renderer.Attribute("type")!.Value);
            Assert.Equal("1", renderer.Attribute("band")!.Value);
            var (min, max) = (Attribute(renderer, "classificationMin"), Attribute(renderer, "classificationMax"));
            var items = renderer.Descendants("item").ToList();
            Assert.Equal(5, items.Count);
            Assert.Equal(items.Select(i => Attribute(i, "value")).Order(), items.Select(i => Attribute(i, "value")));
            Assert.Equal(min, Attribute(items[0], "value"), 4);
            Assert.Equal(max, Attribute(items[^1], "value"), 4);
            if (variable == FluxVariables.Nee)
            {
                var limit = Math.Max(Math.Abs(low), Math.Abs(high));
                Assert.Equal(-limit, min, 4);
                Assert.Equal(limit, max, 4);
                Assert.Equal(0, Attribute(items[2], "value"), 6);
                Assert.Equal("#f7f7f7", items[2].Attribute("color")!.Value);
            }
            else
            {
                Assert.Equal(low, min, 4);
                Assert.Equal(high, max, 4);
                Assert.True(max > min);
            }
        }
    }
}
