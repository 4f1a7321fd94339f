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
        Assert.Equal(Path.Combine(dir.Path, "w", "towers", "sites.csv"), config.ResolvePath(config.Sites!.Towers!));
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
}
