using System.Text.Json;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Gdal;

public sealed class GdalRasterTests
{
    private static readonly string ModisFile = RepoPaths.RealData("modis", "MCD15A2_h00v08_2002185_sample.hdf");

    private static string ModisField(string field) => $"HDF4_EOS:EOS_GRID:\"{ModisFile}\":MOD_Grid_MOD15A2:{field}";

    // gdalinfo -stats would write a .aux.xml beside the real file: PAM off keeps data/real untouched.
    private static JsonElement GdalInfoStatsBand1(string name) =>
        ExternalTool.GdalInfoJson(name, "-stats", "--config", "GDAL_PAM_ENABLED", "NO").GetProperty("bands")[0];

    [Fact]
    public void Open_ListsTheSixSubdatasets_OfModisHdf4Tile()
    {
        using var container = GdalRaster.Open(ModisFile);

        Assert.Equal("HDF4", container.DriverName);
        Assert.Equal(
            ["Fpar_1km", "Lai_1km", "FparLai_QC", "FparExtra_QC", "FparStdDev_1km", "LaiStdDev_1km"],
            container.Subdatasets.Select(s => s.Name.Split(':').Last()));
        Assert.All(container.Subdatasets, s => Assert.StartsWith("HDF4_EOS:EOS_GRID:", s.Name));
        Assert.StartsWith("[1200x1200] Lai_1km", container.Subdatasets[1].Description);
        Assert.Equal("1200", container.Metadata["DATAROWS"]);
    }

    [Fact]
    public void ReadBand_ReturnsWholeTile_WithValuesGdalInfoReports_ForModisSubdataset()
    {
        var name = ModisField("Lai_1km");
        using var raster = GdalRaster.Open(name);
        var values = raster.ReadBand(1);

        Assert.Equal((1200, 1200, 1), (raster.Width, raster.Height, raster.BandCount));
        Assert.Equal(1200 * 1200, values.Length);
        var reference = GdalInfoStatsBand1(name);
        Assert.Equal(reference.GetProperty("minimum").GetDouble(), values.Min());
        Assert.Equal(reference.GetProperty("maximum").GetDouble(), values.Max());
        Assert.Equal(reference.GetProperty("mean").GetDouble(), values.Average(), 9);
        var atCentre = double.Parse(ExternalTool.RunOk("gdallocationinfo", "-valonly", name, "600", "700").Trim());
        Assert.Equal(atCentre, values[700 * 1200 + 600]);
    }

    [Fact]
    public void Bands_ReportTypeNoDataScaleUnitAndDescription_AsGdalInfoDoes()
    {
        var name = ModisField("Lai_1km");
        using var raster = GdalRaster.Open(name);
        var band = raster.Bands.Single();
        var reference = GdalInfoStatsBand1(name);

        Assert.Equal(GdalDataType.Byte, band.DataType);
        Assert.Equal(reference.GetProperty("noDataValue").GetDouble(), band.NoData);
        Assert.Equal(reference.GetProperty("scale").GetDouble(), band.Scale);
        Assert.Equal(reference.GetProperty("offset").GetDouble(), band.Offset);
        Assert.Equal(reference.GetProperty("unit").GetString(), band.Unit);
        Assert.Equal(reference.GetProperty("description").GetString(), band.Description);
    }

    [Fact]
    public void GeoTransformAndProjection_MatchGdalInfo_ForModisSubdataset()
    {
        var name = ModisField("FparLai_QC");
        using var raster = GdalRaster.Open(name);
        var info = ExternalTool.GdalInfoJson(name);

        var expected = info.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected, raster.GeoTransform!.Value.ToArray());
        Assert.Contains("Sinusoidal", raster.ProjectionWkt, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ReadBandWindow_ReturnsTheSameValues_AsTheWholeBandAtThatPlace()
    {
        using var raster = GdalRaster.Open(ModisField("FparLai_QC"));
        var whole = raster.ReadBand(1);
        var window = raster.ReadBandWindow(1, 1190, 5, 10, 3);

        Assert.Equal(30, window.Length);
        for (var row = 0; row < 3; row++)
            for (var col = 0; col < 10; col++)
                Assert.Equal(whole[(5 + row) * 1200 + 1190 + col], window[row * 10 + col]);
        Assert.Throws<ArgumentOutOfRangeException>(() => raster.ReadBandWindow(1, 1195, 0, 10, 1));
    }

    [Fact]
    public void Open_ThrowsGdalExceptionNamingTheFile_WhenFileIsMissing()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nope.tif");

        var e = Assert.Throws<GdalException>(() => GdalRaster.Open(missing));

        Assert.Equal(missing, e.FilePath);
        Assert.StartsWith(missing, e.Message);
        Assert.Equal(GdalErrorClass.Failure, e.ErrorClass);
        Assert.NotEqual("", e.GdalMessage);
    }

    [Fact]
    public void Open_ThrowsGdalExceptionNamingTheFile_WhenFileIsNotARaster()
    {
        using var dir = new TempDirectory();
        var text = dir.File("notes.tif");
        File.WriteAllText(text, "this is not a GeoTIFF");

        var e = Assert.Throws<GdalException>(() => GdalRaster.Open(text));

        Assert.Equal(text, e.FilePath);
        Assert.Contains("not recognized", e.GdalMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Open_ThrowsGdalException_WhenSubdatasetFieldDoesNotExist()
    {
        var name = ModisField("NoSuchField");

        var e = Assert.Throws<GdalException>(() => GdalRaster.Open(name));

        Assert.Equal(name, e.FilePath);
        Assert.Contains("empty", e.Message);
    }
}
