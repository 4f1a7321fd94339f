using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Core.Tests.Config;

public class IngestConfigTests
{
    private static string Write(TempDirectory dir, string ingest)
    {
        var path = dir.File("c.json");
        File.WriteAllText(path, $$"""{ "name": "x", "ingest": {{ingest}} }""");
        return path;
    }

    private const string Valid = """
        { "grid": { "resolution": 0.5, "bbox": [-10, 40, 10, 60] }, "period": { "start": "2020-01-01", "end": "2020-02-29" },
          "static": "g.nc", "era5": [ { "layout": "legacy", "paths": ["a.nc"], "variables": { "t2m": "T2" } } ],
          "modis": [ { "paths": ["m.nc"], "qaRejectMask": 3 } ] }
        """;

    [Fact]
    public void Load_ReadsTheIngestSection_WithLayoutsInKebabCase()
    {
        using var dir = new TempDirectory();
        var config = PipelineConfig.Load(Write(dir, Valid));

        var ingest = config.Ingest!;
        Assert.Equal(Era5Layout.Legacy, ingest.Era5[0].Layout);
        Assert.Equal("T2", ingest.Era5[0].Variables["t2m"]);
        Assert.Equal(3, ingest.Modis[0].QaRejectMask);
        Assert.Equal(8, ingest.Modis[0].CompositeDays);
        Assert.Equal(new DateOnly(2020, 2, 29), ingest.Period.End);
        var grid = ingest.Grid.ToGrid(config.SourcePath);
        Assert.Equal((40, 40, -10.0, 60.0), (grid.Rows, grid.Columns, grid.West, grid.North));
    }

    [Fact]
    public void Load_ReadsAModisProductSet_WithItsMinimumValidFraction()
    {
        using var dir = new TempDirectory();
        var config = PipelineConfig.Load(Write(dir, Valid.Replace("""{ "paths": ["m.nc"], "qaRejectMask": 3 }""",
            """{ "product": "MCD15A2H", "paths": ["t/*.hdf"], "minValidFraction": 0.25 }""")));

        Assert.Equal("MCD15A2H", config.Ingest!.Modis[0].Product);
        Assert.Equal(0.25, config.Ingest.Modis[0].MinValidFraction);
    }

    [Fact]
    public void Load_AMinimumValidFractionAboveOne_IsRefusedNamingTheField()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(Write(dir, Valid.Replace("\"qaRejectMask\": 3", "\"minValidFraction\": 1.5"))));
        Assert.Equal("ingest.modis[0].minValidFraction", e.Variable);
    }

    [Fact]
    public void Load_TheExampleJob_GivesAGlobalHalfDegreeGrid()
    {
        var config = PipelineConfig.Load(Path.Combine(RepoPaths.Root, "jobs", "ingest-sample.json"));

        var grid = config.Ingest!.Grid.ToGrid(config.SourcePath);
        Assert.Equal((360, 720), (grid.Rows, grid.Columns));
        Assert.Equal(Era5Layout.NewCds, config.Ingest.Era5[0].Layout);
    }

    [Fact]
    public void Load_ABoxThatIsNotWholeCells_IsRefusedNamingTheField()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(Write(dir, Valid.Replace("[-10, 40, 10, 60]", "[-10, 40, 10.3, 60]"))));
        Assert.Equal("ingest.grid.bbox", e.Variable);
    }

    [Fact]
    public void Load_AnUnknownLayout_IsRefused()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(Write(dir, Valid.Replace("\"legacy\"", "\"hdf4\""))));
        Assert.Contains("layout", e.Message);
    }

    [Theory]
    [InlineData("grib", Era5Layout.Grib)]
    [InlineData("era5-land", Era5Layout.Era5Land)]
    public void Load_TheGribAndEra5LandLayouts_AreRead(string name, Era5Layout expected)
    {
        using var dir = new TempDirectory();

        var config = PipelineConfig.Load(Write(dir, Valid.Replace("\"legacy\"", $"\"{name}\"")));

        Assert.Contains(config.Ingest!.Era5, e => e.Layout == expected);
    }

    [Fact]
    public void Load_APeriodEndingBeforeItStarts_IsRefused()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(Write(dir, Valid.Replace("2020-02-29", "2019-12-31"))));
        Assert.Equal("ingest.period", e.Variable);
    }

    [Fact]
    public void Load_WithoutTheStaticField_IsRefused()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(Write(dir, Valid.Replace("\"static\": \"g.nc\",", ""))));
        Assert.Contains("static", e.Message);
    }

    [Fact]
    public void Validate_AcceptsAModisOnlySetWithRealStatic_AndRefusesNoInputSetAtAll()
    {
        using var dir = new TempDirectory();
        var modisOnly = PipelineConfig.Load(Write(dir, """
            { "grid": { "resolution": 0.05 }, "period": { "start": "2012-06-01", "end": "2012-06-30" }, "features": ["evi"],
              "static": "real", "modis": [ { "product": "MOD13A2", "paths": ["m.nc"] } ] }
            """));
        modisOnly.Ingest!.Validate(modisOnly.SourcePath);
        Assert.True(modisOnly.Ingest.StaticIsReal);
        Assert.Empty(modisOnly.Ingest.Era5);

        var none = Write(dir, """
            { "grid": { "resolution": 1 }, "period": { "start": "2012-06-01", "end": "2012-06-30" }, "static": "real" }
            """);
        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(none));
        Assert.Equal("ingest", e.Variable);
    }

    [Fact]
    public void Through_ExtendsThePeriodToALaterDay_AndKeepsItOtherwise()
    {
        using var dir = new TempDirectory();
        var ingest = PipelineConfig.Load(Write(dir, Valid)).Ingest!;

        Assert.Equal((new DateOnly(2020, 1, 1), new DateOnly(2020, 6, 30)), (ingest.Through(new DateOnly(2020, 6, 30)).Period.Start, ingest.Through(new DateOnly(2020, 6, 30)).Period.End));
        Assert.Same(ingest, ingest.Through(new DateOnly(2020, 2, 1)));
    }
}
