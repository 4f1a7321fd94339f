using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

public class ExtractSitesCommandTests
{
    private static readonly string UsWi7 = RepoPaths.Fixture("fluxnet", "FLX_US-Wi7_FLUXNET2015_FULLSET_DD_2005-2005_1-4.csv");

    /// <summary>A one-month cube (January 2005, 4 x 4 cells of 1 degree around Wisconsin), the real US-Wi7 file, sites.csv and a job.</summary>
    private static string World(TempDirectory dir)
    {
        var grid = new RegularLatLonGrid(4, 4, -93, 48, 1, 1);
        var drivers = Path.Combine(dir.Path, "drivers");
        var n = grid.Rows * grid.Columns;
        DriverCubeWriter.WriteStatic(Path.Combine(drivers, DriverCubeLayout.StaticFileName), grid,
            new StaticFields(Enumerable.Repeat(1f, n).ToArray(), new float[n], new int[n], new int[n]));
        var month = new CubeMonth(2005, 1);
        using (var writer = DriverMonthWriter.Create(Path.Combine(drivers, DriverCubeLayout.MonthFileName(month)), grid, month))
        {
            for (var f = 0; f < DriverFeatures.All.Count; f++)
                for (var day = month.FirstDay; day <= month.LastDay; day = day.AddDays(1))
                    writer.WriteDay(DriverFeatures.All[f].Name, day, Enumerable.Range(0, n).Select(i => f * 100f + day.Day + i * 0.001f).ToArray());
            writer.Complete();
        }
        var towers = Path.Combine(dir.Path, "towers");
        Directory.CreateDirectory(towers);
        File.Copy(UsWi7, Path.Combine(towers, Path.GetFileName(UsWi7)));
        File.WriteAllLines(Path.Combine(towers, "sites.csv"),
            ["site_id,lat,lon,igbp,koppen,network,file", $"US-Wi7,46.6491,-91.0693,DBF,Dfb,FLUXNET2015,{Path.GetFileName(UsWi7)}"]);
        var job = Path.Combine(dir.Path, "job.json");
        File.WriteAllText(job, """{ "name": "towers", "seed": 4, "sites": { "towers": "towers/sites.csv", "drivers": "drivers", "windowLength": 10, "windowStride": 5 } }""");
        return job;
    }

    [Fact]
    public void ExtractSites_WritesTheTrainingDatasetOfTheRealUsWi7Record()
    {
        using var dir = new TempDirectory();
        var job = World(dir);
        var output = Path.Combine(dir.Path, "out");

        var r = Tamrl.Run("extract-sites", "--config", job, "--out", output);

        Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);
        Assert.Contains("1 sites x 31 days", r.StdOut);
        var training = Path.Combine(output, "sites", "training.nc");
        var header = Ncdump.Header(training);
        Assert.Contains(":window_length = 10 ;", header);
        // NEE_VUT_USTAR50 of 2005-01-01 and 2005-01-31 in the CSV text: 0.205054 and the value on line 32
        var nee = Ncdump.Values(training, "nee");
        Assert.Equal(31, nee.Length);
        Assert.Equal(0.205054, nee[0], 5);
        var line32 = File.ReadAllLines(UsWi7)[31].Split(',');
        var column = Array.IndexOf(File.ReadLines(UsWi7).First().Split(','), "NEE_VUT_USTAR50");
        Assert.Equal(double.Parse(line32[column], System.Globalization.CultureInfo.InvariantCulture), nee[30], 5);
        // US-Wi7 lies in cell row 1 (47..46N), column 1 (-92..-91E): index 5 of the 4 x 4 grid
        var drivers = Ncdump.Values(training, "drivers");
        Assert.Equal(0 * 100 + 1 + 5 * 0.001, drivers[0], 4);
        Assert.True(File.Exists(Path.Combine(output, "sites", "splits.json")));
        Assert.True(File.Exists(Path.Combine(output, "sites", "manifest.json")));
    }

    [Fact]
    public void ExtractSites_ExitsWithStatus2NamingTheField_WhenTheSitesSectionIsMissing()
    {
        using var dir = new TempDirectory();
        var job = dir.File("job.json");
        File.WriteAllText(job, """{ "name": "nothing" }""");

        var r = Tamrl.Run("extract-sites", "--config", job, "--out", dir.File("out"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(job, r.StdErr);
        Assert.Contains("'sites'", r.StdErr);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
