using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Grib;
using TamRl.Upscale.IO.Inspection;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Grib;

/// <summary>GRIB as the CDS sends it, read through GDAL's GRIB driver, checked against cdo (ecCodes underneath).</summary>
public class GribDatasetTests
{
    private static readonly string SoilMix = RepoPaths.RealData("era5", "grib", "soil-surface-level-mix.grib");
    private static readonly string ScalarTime = RepoPaths.RealData("era5", "grib", "era5-single-level-scalar-time.grib");
    private static readonly string Members = RepoPaths.RealData("era5", "grib", "era5-levels-members-first10.grib");

    /// <summary>cdo's values of one parameter (table-128 code), in stored order, and its date/time.</summary>
    private static double[] CdoValues(string path, string param) =>
        ExternalTool.RunOk("cdo", "-s", "outputf,%.10g,1", $"-selparam,{param}", path)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Open_RealSoilAndSurfaceMix_NamesEachParameterByItsCfVarNameWithUdunitsUnits()
    {
        using var grib = GribDataset.Open(SoilMix);

        var names = grib.Variables.Where(v => v.Rank == 3).Select(v => v.Name).ToArray();
        Assert.Equal(["t2m", "stl1", "stl2", "stl3", "stl4", "slt", "swvl1", "swvl2", "swvl3", "swvl4"], names);
        Assert.Equal("K", grib.GetVariable("t2m").Attributes.GetText("units")); // GRIB_NORMALIZE_UNITS=NO: not degC
        Assert.Equal("m3 m-3", grib.GetVariable("swvl1").Attributes.GetText("units"));
        Assert.Equal("0-7-DBLY", grib.GetVariable("swvl1").Attributes.GetText("GRIB_level"));
    }

    [Theory]
    [InlineData("t2m", "167.128")]
    [InlineData("swvl1", "39.128")]
    public void ReadDoubles_RealSoilMix_EqualsCdoValues(string variable, string param)
    {
        using var grib = GribDataset.Open(SoilMix);

        var values = grib.ReadDoubles(variable);

        var expected = CdoValues(SoilMix, param);
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.Equal(expected[i], values[i], Math.Max(1e-9, Math.Abs(expected[i]) * 1e-9));
    }

    [Fact]
    public void Open_RealScalarTime_DecodesTheValidTimeAndCellCentres()
    {
        using var grib = GribDataset.Open(ScalarTime);

        var coordinates = CfCoordinateFinder.FindRequired(grib, "t2m");
        var axis = CfTimeCoder.Decode(grib, coordinates.Time!.CoordinateVariable);
        Assert.Equal(new DateTime(2017, 1, 1, 12, 0, 0), Assert.Single(axis.Times).ToDateTime());
        var latitude = grib.ReadDoubles("latitude");
        var longitude = grib.ReadDoubles("longitude");
        // cdo sinfo: lon -10 to 40 by 0.25, lat 60 to 30 by -0.25
        Assert.Equal((121, 60.0, 30.0), (latitude.Length, latitude[0], latitude[^1]));
        Assert.Equal((201, -10.0, 40.0), (longitude.Length, longitude[0], longitude[^1]));
    }

    [Fact]
    public void RequireOneMessagePerTime_RealEnsembleMembers_ThrowsNamingTheFileTheBandsAndTheTime()
    {
        using var grib = GribDataset.Open(Members);

        Assert.Equal(["z@500-ISBL"], grib.Variables.Where(v => v.Rank == 3).Select(v => v.Name));
        var e = Assert.Throws<InvalidInputException>(() => grib.RequireOneMessagePerTime("z@500-ISBL"));
        Assert.Contains(Members, e.Message);
        Assert.Contains("messages 1 and 2", e.Message);
        Assert.Contains("2017-01-01 00:00", e.Message);
        Assert.Contains("ensemble members 0 and 1", e.Message);
        // The file (cfgrib sample, 10-member ERA5 ensemble) starts with one message per member, number 0..9
        Assert.Equal(Enumerable.Range(0, 10).Select(n => (int?)n), grib.Messages.Select(m => m.EnsembleMember));
    }

    [Fact]
    public void Inspect_RealGrib_NamesTheVariablesAndDecodesTheTimeAxis()
    {
        var s = DatasetInspector.Inspect(ScalarTime);

        Assert.StartsWith("GRIB (1 messages", s.Format);
        var time = Assert.Single(s.TimeAxes);
        Assert.Equal("2017-01-01 12:00:00", time.First);
        var t2m = Assert.Single(s.Variables, v => v.Name == "t2m");
        Assert.Equal("K", t2m.Units);
        var cdo = ExternalTool.RunOk("cdo", "-s", "info", ScalarTime).Split('\n')[1].Split(" : "); // "1 : date time ... : min mean max : param"
        var stats = cdo[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(stats[0], t2m.Min!.Value, 0.01); // cdo info prints 5 significant digits
        Assert.Equal(stats[2], t2m.Max!.Value, 0.01);
        Assert.Equal((0.25, "descending (north first)"), (s.Grid!.LatitudeResolution, s.Grid.LatitudeOrder));
    }

    [Fact]
    public void Inspect_RealEnsembleMembers_ReportsDuplicateTimesAndPressureLevelsAsProblems()
    {
        var s = DatasetInspector.Inspect(Members);

        Assert.Contains(s.Problems, p => p.Contains("messages 1 and 2"));
        Assert.Contains(s.Problems, p => p.Contains("500-ISBL") && p.Contains("pressure level"));
    }

    [Fact]
    public void Open_Grib2WithEcmwfLocalParameters_NamesThemLikeGrib1()
    {
        using var dir = new TempDirectory();
        var grib2 = dir.File("mix.grib2");
        ExternalTool.RunOk("cdo", "-s", "-f", "grb2", "copy", SoilMix, grib2);
        using var one = GribDataset.Open(SoilMix);
        using var two = GribDataset.Open(grib2);

        Assert.Equal("m3 m-3", two.GetVariable("swvl1").Attributes.GetText("units"));
        Assert.Equal("K", two.GetVariable("t2m").Attributes.GetText("units"));
        Assert.Equal(one.ReadDoubles("swvl1"), two.ReadDoubles("swvl1"), (a, b) => Math.Abs(a - b) < 1e-6);
    }
}

/// <summary>Constant GRIB1 fields (bits per value 0), which GDAL 3.6 alone decodes scaled by 2^E.</summary>
public class Grib1HeadersTests
{
    [Theory]
    [InlineData("300")]
    [InlineData("12960000")]
    [InlineData("0.002")]
    [InlineData("-3.5")]
    public void ReadDoubles_ConstantGrib1Field_EqualsCdosValueNotGdals(string value)
    {
        using var dir = new TempDirectory();
        var path = dir.File("constant.grib");
        ExternalTool.RunOk("cdo", "-s", "-f", "grb", "-b", "P24", "-setparam,169.128", $"-const,{value},r36x18", path);
        var cdo = double.Parse(ExternalTool.RunOk("cdo", "-s", "outputf,%.10g,1", path).Split('\n')[0], CultureInfo.InvariantCulture);

        using var grib = GribDataset.Open(path);
        var values = grib.ReadDoubles("ssrd");

        Assert.All(values, v => Assert.Equal(cdo, v, Math.Abs(cdo) * 1e-6));
        Assert.Equal([(double?)values[0]], Grib1Headers.Read(path).Select(h => h.Constant));
    }

    [Fact]
    public void Read_RealCdsGrib_FindsNoConstantMessage()
    {
        var headers = Grib1Headers.Read(RepoPaths.RealData("era5", "grib", "soil-surface-level-mix.grib"));

        Assert.Equal(10, headers.Count);
        Assert.All(headers, h => Assert.Null(h.Constant));
        Assert.All(headers, h => Assert.Equal((0, (double?)null), (h.TimeRangeIndicator, h.AccumulationHours)));
    }
}
