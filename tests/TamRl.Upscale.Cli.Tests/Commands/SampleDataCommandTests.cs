using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

public class SampleDataCommandTests
{
    [Fact]
    public void SampleData_WritesAWorld_AndPrintsItsCalibration()
    {
        using var tmp = new TempDirectory();
        var outDir = Path.Combine(tmp.Path, "w");
        var r = Tamrl.Run("sample-data", "--out", outDir, "--start", "2019-07", "--end", "2019-07", "--bbox", "-95,40,-85,50", "--seed", "3");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Calibration (region only", r.StdOut);
        Assert.Contains("GPP", r.StdOut);
        Assert.True(File.Exists(Path.Combine(outDir, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "era5", "new-cds", "era5_daily_2019-07.nc")));
        Assert.Single(Directory.EnumerateFileSystemEntries(tmp.Path)); // no staging folder left beside it
    }

    [Theory]
    [InlineData("--resolution", "0.3", "--resolution")]
    [InlineData("--start", "2019-13", "--start")]
    [InlineData("--bbox", "0,0,190,10", "--bbox")]
    public void SampleData_RefusesBadInput_WithExitStatus2_NamingTheOption(string option, string value, string named)
    {
        using var tmp = new TempDirectory();
        var r = Tamrl.Run("sample-data", "--out", Path.Combine(tmp.Path, "w"), option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.StdErr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Path));
    }
}
