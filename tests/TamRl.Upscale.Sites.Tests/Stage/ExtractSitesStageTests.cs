using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Splits;
using TamRl.Upscale.Sites.Stage;
using TamRl.Upscale.Sites.Tests.Fluxnet;
using TamRl.Upscale.Sites.Windows;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Stage;

public class ExtractSitesStageTests
{
    private static readonly DateOnly Jan1 = new(2010, 1, 1);

    /// <summary>A cube of Jan-Feb 2010, six towers of two IGBP classes, their files and sites.csv.</summary>
    private static (string Table, string Cube) World(TempDirectory dir, params string[] extraRows)
    {
        var cube = Path.Combine(dir.Path, "drivers");
        Directory.CreateDirectory(cube);
        TinyCube.Write(cube, new CubeMonth(2010, 1), new CubeMonth(2010, 2));
        var towers = Path.Combine(dir.Path, "towers");
        Directory.CreateDirectory(towers);
        var rows = new List<string> { "site_id,lat,lon,igbp,koppen,network,file" };
        for (var i = 0; i < 6; i++)
        {
            var id = $"US-T{i:D2}";
            var name = $"FLX_{id}_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv";
            TowerCsv.Write(towers, name, Enumerable.Range(0, 59).Select(d => (Jan1.AddDays(d).ToString("yyyyMMdd"), 1.0 + i, 2.0, d % 3 == 0 ? 1.0 : 0.25)));
            // tower i sits in cell (row 2 + i, column 3 + i)
            rows.Add($"{id},{49.0 - i * 0.5 - 0.2},{-93.5 + i * 0.5 + 0.1},{(i < 3 ? "ENF" : "GRA")},{(i % 2 == 0 ? "Dfb" : "Dfa")},FLUXNET2015,{name}");
        }
        rows.AddRange(extraRows);
        var table = Path.Combine(towers, "sites.csv");
        File.WriteAllLines(table, rows);
        return (table, cube);
    }

    [Fact]
    public void Run_WritesTrainingSplitsAndManifest_WithTheCubesValuesAtEachTowersPixel()
    {
        using var dir = new TempDirectory();
        var (table, cube) = World(dir);
        var output = Path.Combine(dir.Path, "out", "sites");

        var outcome = ExtractSitesStage.Run(new ExtractSitesRequest(table, cube, output, Seed: 9, new SiteExtractionOptions()));

        Assert.Equal(6, outcome.Sites);
        Assert.Equal(59, outcome.Days);
        Assert.Equal(["manifest.json", "splits.json", "training.nc"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetDirectoryName(output)!), d => Path.GetFileName(d).StartsWith('.'));

        // the drivers as ncdump reads them from training.nc equal the cube's values at the towers' cells
        var drivers = Ncdump.Values(Path.Combine(output, "training.nc"), "drivers");
        var nf = DriverFeatures.Names.Count;
        for (var i = 0; i < 6; i++)
            foreach (var (day, feature) in new[] { (0, 0), (40, 4), (58, 9) })
                Assert.Equal(TinyCube.Value(feature, Jan1.AddDays(day), 2 + i, 3 + i), drivers[(i * 59 + day) * nf + feature], 3);

        var ds = TrainingDatasetFile.Read(Path.Combine(output, "training.nc"));
        Assert.Equal(1f + 4, ds.SiteSeries(ds.Gpp, 4)[10]);
        Assert.Equal(StaticClasses.ParseIgbp("GRA"), ds.Sites[5].Igbp);

        var splits = SplitsFile.Read(Path.Combine(output, "splits.json"));
        Assert.Equal(9, splits.Seed);
        Assert.Equal(6, splits[SiteSplits.ByIgbp].Train.Count + splits[SiteSplits.ByIgbp].Test.Count);
    }

    [Fact]
    public void Run_RecordsChecksumsThatSha256sumAgreesWith()
    {
        using var dir = new TempDirectory();
        var (table, cube) = World(dir);
        var output = Path.Combine(dir.Path, "sites");
        File.WriteAllText(Path.Combine(cube, DriverCubeLayout.ManifestFileName), """{"inputs": []}""");

        ExtractSitesStage.Run(new ExtractSitesRequest(table, cube, output, 1, new SiteExtractionOptions()));

        var manifest = SitesManifest.Read(Path.Combine(output, SitesManifest.FileName));
        Assert.Equal(["training.nc", "splits.json"], manifest.Files.Select(f => f.Path));
        Assert.NotNull(manifest.DriverCubeManifest);
        foreach (var file in manifest.Files.Concat(manifest.Inputs).Append(manifest.SiteTable).Append(manifest.DriverCubeManifest))
        {
            var full = Path.IsPathRooted(file.Path) ? file.Path : Path.Combine(output, file.Path);
            var sum = ExternalTool.RunOk("sha256sum", full).Split(' ')[0];
            Assert.Equal(sum, file.Sha256);
            Assert.Equal(new FileInfo(full).Length, file.Bytes);
        }
        Assert.Equal(6, manifest.Inputs.Count);
        Assert.Equal((30, 15, 1), (manifest.WindowLength, manifest.WindowStride, manifest.Seed));
        Assert.Equal(new DateOnly(2010, 2, 28), manifest.LastDay);
    }

    [Fact]
    public void Run_LeavesThePreviousOutputUntouchedAndNoStaging_WhenATowerIsOutsideTheGrid()
    {
        using var dir = new TempDirectory();
        var (table, cube) = World(dir);
        var output = Path.Combine(dir.Path, "sites");
        ExtractSitesStage.Run(new ExtractSitesRequest(table, cube, output, 1, new SiteExtractionOptions()));
        var before = File.ReadAllBytes(Path.Combine(output, "training.nc"));
        File.AppendAllLines(table, ["BR-Far,-2.5,-54.9,EBF,Af,FLUXNET2015,FLX_US-T00_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv"]);

        var e = Assert.Throws<InvalidInputException>(() => ExtractSitesStage.Run(new ExtractSitesRequest(table, cube, output, 2, new SiteExtractionOptions())));

        Assert.Contains("site 'BR-Far'", e.Message);
        Assert.Equal(table, e.FilePath);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(output, "training.nc")));
        Assert.Equal(["sites"], Directory.GetDirectories(dir.Path).Select(Path.GetFileName).Where(n => n!.Contains("sites")));
    }

    [Fact]
    public void Run_ReportsATowerOnAnOceanCell_InTheManifest()
    {
        using var dir = new TempDirectory();
        // cell (0, 0) is ocean in the tiny cube
        var (table, cube) = World(dir, "US-Sea,49.9,-94.9,WAT,Dfb,FLUXNET2015,FLX_US-Sea_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv");
        TowerCsv.Write(Path.GetDirectoryName(table)!, "FLX_US-Sea_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", TowerCsv.ThreeDays());
        var output = Path.Combine(dir.Path, "sites");

        var outcome = ExtractSitesStage.Run(new ExtractSitesRequest(table, cube, output, 1, new SiteExtractionOptions()));

        Assert.Equal(6, outcome.Sites);
        var skipped = Assert.Single(SitesManifest.Read(Path.Combine(output, SitesManifest.FileName)).Skipped);
        Assert.Equal("US-Sea", skipped.Site);
        Assert.Contains("ocean", skipped.Reason);
    }
}

public class ExtractSitesFromTowerMeteorologyTests
{
    [Fact]
    public void Run_WithTowerMeteorology_WritesTheTowerFeatures_OnOneAxisForTowersOfDifferentYears()
    {
        using var dir = new TempDirectory();
        var request = new ExtractSitesRequest(RepoPaths.RealData("towers-fluxnet2015"), "unused", Path.Combine(dir.Path, "sites"), 7,
            new SiteExtractionOptions { Columns = TowerColumns.Reference })
        {
            TowerMeteorology = true,
        };

        var outcome = ExtractSitesStage.Run(request);

        Assert.Equal(12, outcome.Sites);
        var file = Path.Combine(outcome.OutputFolder, ExtractSitesStage.TrainingFileName);
        // Read back by ncdump, not by our reader: the feature names, and the time axis from 1997 (US-LWW) to 2014 (AU-Rob).
        var data = ExternalTool.RunOk("ncdump", "-v", "feature", file);
        var features = System.Text.RegularExpressions.Regex.Matches(data[data.IndexOf("data:", StringComparison.Ordinal)..], "\"([a-z_]+)\"").Select(m => m.Groups[1].Value);
        Assert.Equal(["ta", "sw_in", "vpd", "sw_pot", "day_length", "season_sin", "season_cos"], features);
        var time = Ncdump.Values(file, "time");
        Assert.Equal(new DateOnly(1997, 1, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber, time[0]);
        Assert.Equal(new DateOnly(2014, 12, 31).DayNumber - new DateOnly(1970, 1, 1).DayNumber, time[^1]);
        var dataset = TrainingDatasetFile.Read(file);
        var rob = dataset.Sites.ToList().FindIndex(s => s.Id == "AU-Rob");
        var day = new DateOnly(2014, 1, 1).DayNumber - dataset.FirstDay.DayNumber;
        var taOfRob = dataset.Drivers[((long)rob * dataset.DayCount + day) * dataset.FeatureCount];
        var firstRow = File.ReadLines(Directory.GetFiles(RepoPaths.RealData("towers-fluxnet2015"), "FLX_AU-Rob_*.csv").Single()).Skip(1).First().Split(',');
        Assert.Equal(float.Parse(firstRow[1], System.Globalization.CultureInfo.InvariantCulture), taOfRob);
        Assert.True(float.IsNaN(dataset.Drivers[((long)rob * dataset.DayCount + day - 1) * dataset.FeatureCount]));
        var manifest = SitesManifest.Read(Path.Combine(outcome.OutputFolder, SitesManifest.FileName));
        Assert.Equal(dataset.Features, manifest.Features);
        Assert.StartsWith("tower meteorology of", manifest.DriverCube);
    }
}
