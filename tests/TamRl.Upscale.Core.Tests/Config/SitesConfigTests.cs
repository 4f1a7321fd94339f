using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Core.Tests.Config;

public class SitesConfigTests
{
    [Fact]
    public void Load_ReadsTheSitesSection_WithDefaultsForWhatIsLeftOut()
    {
        using var dir = new TempDirectory();
        var path = dir.File("job.json");
        File.WriteAllText(path, """{ "name": "x", "seed": 5, "sites": { "towers": "w/towers/sites.csv", "start": "2010-01-01", "windowStride": 10 } }""");

        var config = PipelineConfig.Load(path);

        Assert.NotNull(config.Sites);
        Assert.Equal(Path.Combine(dir.Path, "w", "towers", "sites.csv"), config.ResolvePath(config.Sites!.Towers![0]));
        Assert.Equal(new DateOnly(2010, 1, 1), config.Sites.Start);
        Assert.Null(config.Sites.End);
        Assert.Equal(30, config.Sites.WindowLength);
        Assert.Equal(10, config.Sites.WindowStride);
        Assert.Equal(0.2, config.Sites.TestFraction);
    }

    [Fact]
    public void Load_RefusesAnUnknownFieldInTheSitesSection_NamingIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("job.json");
        File.WriteAllText(path, """{ "name": "x", "sites": { "tower": "a.csv" } }""");

        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(path));
        Assert.Contains("tower", e.Message);
    }

    [Fact]
    public void Load_ReadsSeveralTowerFolders_TheTowerDriverSource_AndTheTargetColumns()
    {
        using var dir = new TempDirectory();
        var path = dir.File("job.json");
        File.WriteAllText(path, """
            { "name": "x", "sites": { "towers": ["a", "b/sites.csv"], "driverSource": "towers", "features": ["ta", "sw_pot"],
              "columns": { "gpp": "GPP_NT_VUT_REF", "neeQc": "NEE_VUT_REF_QC" } } }
            """);

        var sites = PipelineConfig.Load(path).Sites!;

        Assert.Equal(["a", "b/sites.csv"], sites.Towers);
        Assert.Equal("towers", sites.DriverSource);
        Assert.Equal(["ta", "sw_pot"], sites.Features);
        Assert.Equal("GPP_NT_VUT_REF", sites.Columns!.Gpp);
        Assert.Null(sites.Columns.Reco);
        Assert.Equal("NEE_VUT_REF_QC", sites.Columns.NeeQc);
    }

    [Fact]
    public void Load_RefusesATowersFieldThatIsNeitherAStringNorAList_NamingIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("job.json");
        File.WriteAllText(path, """{ "name": "x", "sites": { "towers": 5 } }""");

        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(path));

        Assert.Contains("towers", e.Message);
    }
}
