using System.Text.Json;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

public class InspectCommandTests
{
    private static readonly string Era5Ssrd = RepoPaths.RealData("era5", "new-cds-era5", "era5_surface_solar_radiation_downwards_2020-1.nc");

    [Fact]
    public void Inspect_PrintsTimeAxisGridAndVariables_ForRealEra5()
    {
        var r = Tamrl.Run("inspect", Era5Ssrd);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("valid_time: 2020-01-01 00:00:00 .. 2020-01-01 03:00:00, 4 steps, step 1 hour", r.StdOut);
        Assert.Contains("resolution 0.25 x 0.25 deg", r.StdOut);
        Assert.Contains("latitude descending (north first)", r.StdOut);
        Assert.Matches(@"(?m)^\s+ssrd\s+float32\s+valid_time=4,latitude=4,longitude=4\s+J m\*\*-2", r.StdOut);
    }

    [Fact]
    public void Inspect_NamesVariablesAndDecodesTheTimeAxis_ForRealEra5Grib()
    {
        var grib = RepoPaths.RealData("era5", "grib", "soil-surface-level-mix.grib");

        var r = Tamrl.Run("inspect", grib);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("GRIB (10 messages", r.StdOut);
        Assert.Contains("valid_time: 2022-01-01 00:00:00", r.StdOut);
        Assert.Matches(@"(?m)^\s+t2m\s+float64\s+valid_time=1,latitude=6,longitude=6\s+K", r.StdOut);
        Assert.Matches(@"(?m)^\s+swvl1\s+float64\s+valid_time=1,latitude=6,longitude=6\s+m3 m-3", r.StdOut);
        Assert.DoesNotContain("band_1", r.StdOut);
    }

    [Fact]
    public void InspectJson_IsParseable_AndCarriesDecodedStatistics()
    {
        var r = Tamrl.Run("inspect", Era5Ssrd, "--var", "ssrd", "--json");

        Assert.Equal(0, r.ExitCode);
        var json = JsonDocument.Parse(r.StdOut).RootElement;
        var ssrd = json.GetProperty("variables")[0];
        Assert.Equal("ssrd", ssrd.GetProperty("name").GetString());
        Assert.Equal(64, ssrd.GetProperty("count").GetInt64());
        Assert.Equal(0, ssrd.GetProperty("max").GetDouble()); // 00-03 UTC in January at 60N: night
        Assert.Equal("1 hour", json.GetProperty("timeAxes")[0].GetProperty("step").GetString());
    }

    [Fact]
    public void Inspect_ExitsWithStatus2AndNamesFileAndVariable_WhenTheVariableIsAbsent()
    {
        var r = Tamrl.Run("inspect", Era5Ssrd, "--var", "t2m");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {Era5Ssrd}: variable 't2m': no such variable in the file", r.StdErr.Trim());
    }

    [Fact]
    public void Inspect_ExitsWithStatus2_WhenTheFileIsTruncated()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cut.nc");
        var bytes = File.ReadAllBytes(Era5Ssrd);
        File.WriteAllBytes(path, bytes[..4096]);

        var r = Tamrl.Run("inspect", path);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: {path}:", r.StdErr.Trim());
        Assert.DoesNotContain("   at ", r.StdErr); // no stack trace for a refused input
    }
}
