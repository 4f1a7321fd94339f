using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.Modis;
using TamRl.Upscale.Ingest.Modis.Catalogue;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.Modis;

public class ModisFileTests
{
    private static readonly ModisProduct Mcd15 = ModisCatalogue.Find("MCD15A2H")!;

    [Fact]
    public void Open_DetectsAnHdf4EosTile_AndDatesItFromTheNameCheckedAgainstItsMetadata()
    {
        var file = ModisFile.Open(ModisRealFiles.Mcd15Tile, Mcd15);

        Assert.Equal(ModisFileFormat.Hdf4Eos, file.Format);
        Assert.Equal("h18v05", file.Name!.Tile);
        Assert.Equal("006", file.Name.Collection);
        Assert.Equal([new DateOnly(2016, 7, 19)], file.CompositeStarts()); // A2016201; RANGEBEGINNINGDATE=2016-07-19
    }

    [Fact]
    public void Read_AppliesTheSdsScaleAndFparLaiQcBits_AtPixelsReadByGdallocationinfo()
    {
        var image = ModisFile.Open(ModisRealFiles.Mcd15Tile, Mcd15).Read(Mcd15.Layer("lai")!, 0);

        Assert.Equal(2400, image.Width);
        Assert.Contains("Sinusoidal", image.ProjectionWkt);
        var checkedKept = 0;
        for (var k = 0; k < 10; k++) // each pixel is two gdallocationinfo runs: kept few for the suite's time
        {
            var (x, y) = (240 * k + 37, 2399 - 239 * k);
            var lai = Raw("Lai_500m", x, y);
            var qc = (int)Raw("FparLai_QC", x, y);
            // Independent decoding of the user guide's bits: 0 main algorithm, 3-4 clear, 5-7 main method.
            var good = lai <= 100 && (qc & 1) == 0 && ((qc >> 3) & 3) is 0 or 3 && ((qc >> 5) & 7) is 0 or 1;
            var value = image.Values[y * 2400 + x];
            if (good)
            {
                Assert.Equal(lai * 0.1, value, 5); // scale_factor 0.1 from the SDS
                checkedKept++;
            }
            else
                Assert.True(float.IsNaN(value), $"pixel ({x}, {y}): LAI {lai}, QC {qc} should be dropped, got {value}");
        }
        Assert.True(checkedKept > 0, "no sampled pixel passed QA: pick other pixels");
        Assert.True(image.Kept > 0 && image.Kept < image.Produced);
    }

    [Fact]
    public void Open_RefusesATileWithoutTheExpectedSds_NamingFileAndDataset()
    {
        var product = Mcd15 with { Layers = [new ModisLayer("lai", ["Lai_1km"], null)] };

        var e = Assert.Throws<InvalidInputException>(() => ModisFile.Open(ModisRealFiles.Mcd15Tile, product));

        Assert.Contains(ModisRealFiles.Mcd15Tile, e.Message);
        Assert.Contains("Lai_1km", e.Message);
    }

    [Fact]
    public void CompositeStarts_RefusesANameWhoseDateDisagreesWithRangeBeginningDate()
    {
        using var dir = new TempDirectory();
        var renamed = dir.File("MCD15A2H.A2016209.h18v05.006.2016215124658.hdf");
        File.CreateSymbolicLink(renamed, ModisRealFiles.Mcd15Tile);

        var e = Assert.Throws<InvalidInputException>(() => ModisFile.Open(renamed, Mcd15).CompositeStarts());

        Assert.Contains("RANGEBEGINNINGDATE", e.Message);
        Assert.Contains("2016-07-19", e.Message);
    }

    [Fact]
    public void Open_RefusesAFileOfAnotherProduct_NamingIt()
    {
        var e = Assert.Throws<InvalidInputException>(() => ModisFile.Open(ModisRealFiles.Mcd15Tile, ModisCatalogue.Find("MOD13A2")!));

        Assert.Contains("MCD15A2H", e.Message);
        Assert.Contains("MOD13A2", e.Message);
    }

    [Fact]
    public void Open_DetectsAnAppEearsNetCdf_WithItsGridMappingAndGregorianTimeAxis()
    {
        var product = ModisCatalogue.Find("MCD12Q1")!;
        var file = ModisFile.Open(ModisRealFiles.Mcd12AppEears, product);

        Assert.Equal(ModisFileFormat.AppEearsNetCdf, file.Format);
        var starts = file.CompositeStarts();
        Assert.Equal(13, starts.Count);
        Assert.Equal(new DateOnly(2001, 1, 1), starts[0]); // 366 days since 2000-01-01 (the file says "julian"; the days are Gregorian)
        Assert.Equal(new DateOnly(2013, 1, 1), starts[^1]);

        var image = file.Read(product.Layer("igbp")!, 2);
        Assert.Contains("Albers", image.ProjectionWkt);
        var sds = $"NETCDF:\"{ModisRealFiles.Mcd12AppEears}\":Land_Cover_Type_1";
        foreach (var (x, y) in new[] { (0, 0), (40, 50), (83, 92), (10, 70) })
        {
            var raw = double.Parse(ExternalTool.RunOk("gdallocationinfo", "-valonly", "-b", "3", sds, $"{x}", $"{y}").Trim(), CultureInfo.InvariantCulture);
            var value = image.Values[y * image.Width + x];
            if (raw == 255)
                Assert.True(float.IsNaN(value));
            else
                Assert.Equal(raw, value);
        }
    }

    [Fact]
    public void Open_TakesTheLayersAnAppEearsRequestHolds_ButRefusesATileMissingOne()
    {
        // MCD12Q1 with a second layer the AppEEARS request did not include: the file provides igbp only.
        var mcd12 = ModisCatalogue.Find("MCD12Q1")!;
        var wider = mcd12 with { Layers = [.. mcd12.Layers, new ModisLayer("umd", ["Land_Cover_Type_2"], null, Categorical: true)] };

        Assert.Equal(["igbp"], ModisFile.Open(ModisRealFiles.Mcd12AppEears, wider).Features);
        var tile = Mcd15 with { Layers = [.. Mcd15.Layers, new ModisLayer("extra", ["Lai_1km"], null)] };
        Assert.Throws<InvalidInputException>(() => ModisFile.Open(ModisRealFiles.Mcd15Tile, tile));
        Assert.Equal(["fpar", "lai"], ModisFile.Open(ModisRealFiles.Mcd15Tile, Mcd15).Features);
    }

    private static double Raw(string sds, int x, int y) =>
        double.Parse(ExternalTool.RunOk("gdallocationinfo", "-valonly", ModisRealFiles.Mcd15Sds(sds), $"{x}", $"{y}").Trim(), CultureInfo.InvariantCulture);
}
