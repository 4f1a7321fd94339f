using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Inference;

public class InferenceServiceTests
{
    private static readonly DatePeriod TwoMonths = new(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28));

    [Fact]
    public void RunChunk_WritesThePredictorsValuesOverLand_AndNaNOverOcean()
    {
        using var dir = new TempDirectory();
        var grid = RegularLatLonGrid.Global(10);
        var cube = new SyntheticDriverCube(grid, TwoMonths);
        var predictor = new LightUseEfficiencyTestPredictor();
        var run = InferenceService.PlanRun(dir.Path, "r", cube, TwoMonths, new MemoryBudget(4_000_000, 16, 0), predictor.Identity);
        var plan = InferenceService.PlanOf(run, cube.LandFraction);
        var chunk = plan.Chunks[0];

        var path = InferenceService.RunChunk(dir.Path, chunk.Id, cube, predictor);

        Assert.Equal(Path.Combine(dir.Path, "chunks", chunk.FileName), path);
        var gpp = Ncdump.Values(path, "gpp"); // [day, row, column] over the tile, read by netCDF's own tool
        var expected = ExpectedGpp(cube, predictor, TwoMonths);
        for (var d = 0; d < TwoMonths.Days; d += 13)
            for (var r = 0; r < chunk.Rows; r++)
                for (var c = 0; c < chunk.Columns; c++)
                {
                    var cell = (chunk.Row0 + r) * grid.Columns + chunk.Column0 + c;
                    var value = gpp[(d * chunk.Rows + r) * chunk.Columns + c];
                    if (cube.LandFraction[cell] > 0)
                        Assert.Equal(expected[cell][d], value, 1e-5);
                    else
                        Assert.True(double.IsNaN(value));
                }
    }

    [Fact]
    public void RunChunk_OfADescriptionTheCallerRead_DoesNotReadRunJsonAgain()
    {
        // A chunk job reads run.json once and hands it on: with the file gone, the chunk still runs from what was read.
        using var dir = new TempDirectory();
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), TwoMonths);
        var predictor = new LightUseEfficiencyTestPredictor();
        InferenceService.PlanRun(dir.Path, "r", cube, TwoMonths, new MemoryBudget(4_000_000, 16, 0), predictor.Identity);
        var run = RunDescription.Load(dir.Path);
        File.Delete(Path.Combine(dir.Path, RunDescription.FileName));

        var path = InferenceService.RunChunk(dir.Path, run, run.ChunkIds[0], cube, predictor);

        Assert.True(File.Exists(path));
        Assert.Throws<DataFileException>(() => InferenceService.RunChunk(dir.Path, run.ChunkIds[0], cube, predictor));
    }

    [Fact]
    public void RunChunk_Rerun_ReplacesExactlyThatChunksFile()
    {
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.Path, budgetBytes: 1_000_000);
        var files = Directory.GetFiles(Path.Combine(dir.Path, "chunks")).Order().ToArray();
        Assert.True(files.Length >= 3);
        var before = files.ToDictionary(f => f, f => (File.GetLastWriteTimeUtc(f), Core.Files.FileHash.Sha256(f)));
        var target = RunDescription.Load(dir.Path).ChunkIds[1];
        Thread.Sleep(20);

        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), TwoMonths);
        var rerun = InferenceService.RunChunk(dir.Path, target, cube, new LightUseEfficiencyTestPredictor { Identity = "test-double:other" });

        foreach (var f in files)
        {
            if (f == rerun)
                Assert.NotEqual(before[f], (File.GetLastWriteTimeUtc(f), Core.Files.FileHash.Sha256(f)));
            else
                Assert.Equal(before[f], (File.GetLastWriteTimeUtc(f), Core.Files.FileHash.Sha256(f)));
        }
        Assert.Equal(files, Directory.GetFiles(Path.Combine(dir.Path, "chunks")).Order().ToArray()); // no temporary file left
        Assert.Empty(InferenceService.MissingChunks(dir.Path));
    }

    [Fact]
    public void Assemble_RefusesAChunkWrittenByAnotherPredictor_NamingTheFile()
    {
        // A chunk rerun with another model (a stale file, or a worker given another bundle) must not be published beside
        // the run's own chunks: before, only the chunk's place and period were compared.
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.Path, budgetBytes: 1_000_000);
        var target = RunDescription.Load(dir.Path).ChunkIds[1];
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), TwoMonths);
        var stale = InferenceService.RunChunk(dir.Path, target, cube, new LightUseEfficiencyTestPredictor { Identity = "test-double:other" });

        var e = Assert.Throws<Core.Errors.InvalidInputException>(() => Products.Writers.ProductAssembler.Assemble(dir.Path, Path.Combine(dir.Path, "assembled"), quicklooks: false));

        Assert.Equal((stale, "predictor"), (e.FilePath, e.Variable));
        Assert.Contains("test-double:other", e.Message);
    }

    [Fact]
    public void RunChunk_HandsThePredictorBatchesOfAtMostTheBudgetsBatchSize()
    {
        using var dir = new TempDirectory();
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), TwoMonths);
        var counting = new BatchRecorder(new LightUseEfficiencyTestPredictor());
        var run = InferenceService.PlanRun(dir.Path, "r", cube, TwoMonths, new MemoryBudget(40_000_000, batchPixels: 7, modelBytesPerPixelDay: 0), counting.Identity);
        var chunk = InferenceService.PlanOf(run, cube.LandFraction).Chunks[0];

        InferenceService.RunChunk(dir.Path, chunk.Id, cube, counting);

        Assert.All(counting.Sizes, n => Assert.InRange(n, 1, 7));
        Assert.Equal(chunk.LandPixels, counting.Sizes.Sum());
        Assert.Equal((chunk.LandPixels + 6) / 7, counting.Sizes.Count);
    }

    [Fact]
    public void RunChunk_Cancelled_StopsBeforeItsNextBatch_AndWritesNoChunkFile()
    {
        // A worker shutting down cancels between batches, never inside the predictor, and leaves no chunk file behind.
        using var dir = new TempDirectory();
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), TwoMonths);
        using var cancel = new CancellationTokenSource();
        var counting = new BatchRecorder(new LightUseEfficiencyTestPredictor()) { AfterBatch = cancel.Cancel };
        var run = InferenceService.PlanRun(dir.Path, "r", cube, TwoMonths, new MemoryBudget(40_000_000, batchPixels: 7, modelBytesPerPixelDay: 0), counting.Identity);
        var chunk = InferenceService.PlanOf(run, cube.LandFraction).Chunks[0];
        Assert.True(chunk.LandPixels > 7, "the chunk needs more than one batch");

        Assert.Throws<OperationCanceledException>(() => InferenceService.RunChunk(dir.Path, run, chunk.Id, cube, counting, cancel.Token));

        Assert.Single(counting.Sizes);
        Assert.False(File.Exists(InferenceService.ChunkPath(dir.Path, chunk.Id)));
    }

    [Fact]
    public void RunChunk_RefusesAModelTrainedOnOtherFeatures_NamingBoth()
    {
        using var dir = new TempDirectory();
        // The cube lacks lst, which the model needs and nothing can compute.
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), TwoMonths) { Features = DriverFeatures.Names.Take(9).ToArray() };
        var predictor = new LightUseEfficiencyTestPredictor { Identity = "bundle-abc" };
        InferenceService.PlanRun(dir.Path, "r", cube, TwoMonths, new MemoryBudget(4_000_000, 16, 0), predictor.Identity);

        var e = Assert.Throws<InvalidInputException>(() => InferenceService.RunAll(dir.Path, cube, predictor));

        Assert.Contains("bundle-abc", e.Message);
        Assert.Contains("features", e.Message);
        Assert.Contains("'lst' is neither in the cube nor computed", e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "chunks")));
    }

    [Fact]
    public void RunAll_WithARegion_RunsOnlyTheChunksTouchingIt()
    {
        using var dir = new TempDirectory();
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), TwoMonths);
        var run = InferenceService.PlanRun(dir.Path, "r", cube, TwoMonths, new MemoryBudget(2_000_000, 16, 0), "p");
        var box = new BoundingBox(-20, 0, 20, 30);
        var expected = InferenceService.PlanOf(run, cube.LandFraction).ChunksTouching(box).Select(c => c.Id).ToArray();

        var done = InferenceService.RunAll(dir.Path, cube, new LightUseEfficiencyTestPredictor(), box);

        Assert.Equal(expected, done);
        Assert.Equal(run.ChunkIds.Except(expected).ToArray(), InferenceService.MissingChunks(dir.Path));
    }

    [Fact]
    public void RunChunk_FromTheDriverCubeOnDisk_MatchesTheInMemoryCube_AndNamesAMissingMonth()
    {
        using var dir = new TempDirectory();
        var grid = RegularLatLonGrid.Global(10);
        var synthetic = new SyntheticDriverCube(grid, TwoMonths);
        var drivers = dir.File("drivers");
        DriverCubeFiles.Write(drivers, synthetic, [DatePeriod.Month(2021, 1), DatePeriod.Month(2021, 2)]);

        using (var cube = Products.DriverCube.NetCdfDriverCube.Open(drivers))
        {
            var run = InferenceService.PlanRun(dir.File("run"), "r", cube, TwoMonths, new MemoryBudget(4_000_000, 16, 0), "p");
            var chunk = InferenceService.PlanOf(run, synthetic.LandFraction).Chunks[0];
            var fromDisk = InferenceService.RunChunk(dir.File("run"), chunk.Id, cube, new LightUseEfficiencyTestPredictor());
            InferenceService.PlanRun(dir.File("mem"), "r", synthetic, TwoMonths, new MemoryBudget(4_000_000, 16, 0), "p");
            var inMemory = InferenceService.RunChunk(dir.File("mem"), chunk.Id, synthetic, new LightUseEfficiencyTestPredictor());
            Assert.Equal(Ncdump.Values(inMemory, "nee"), Ncdump.Values(fromDisk, "nee"));

            var march = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 31));
            InferenceService.PlanRun(dir.File("long"), "r", cube, march, new MemoryBudget(4_000_000, 16, 0), "p");
            var e = Assert.Throws<InvalidInputException>(() => InferenceService.RunChunk(dir.File("long"), chunk.Id, cube, new LightUseEfficiencyTestPredictor()));
            Assert.Contains("drivers_2021-03.nc", e.Message);
            Assert.False(File.Exists(InferenceService.ChunkPath(dir.File("long"), chunk.Id)));
        }
    }

    /// <summary>GPP per land cell and day, from the predictor called on each pixel alone.</summary>
    [Fact]
    public void RunChunk_OnATileLargerThanTheCubesChunks_ReadsItBlockByBlock_AndGivesEveryLandCellItsOwnValues()
    {
        using var dir = new TempDirectory();
        var period = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 3));
        var grid = RegularLatLonGrid.Global(0.5);
        var cube = new SyntheticDriverCube(grid, period);
        var predictor = new LightUseEfficiencyTestPredictor();
        // 3 days x 64 bytes per cell-day: 2 MB gives 102 x 102 tiles, over 4 x 4 blocks of the cube; batches of 100 straddle them.
        var run = InferenceService.PlanRun(dir.Path, "r", cube, period, new MemoryBudget(2_000_000, 100, 0), predictor.Identity);
        var chunk = InferenceService.PlanOf(run, cube.LandFraction).Chunks.MaxBy(c => c.LandPixels)!;
        Assert.True(chunk.Rows > 2 * DriverBlocks.BlockSide, $"tile of {chunk.Rows} rows");
        var land = new List<(int Row, int Column)>();
        for (var r = chunk.Row0; r < chunk.Row0 + chunk.Rows; r++)
            for (var c = chunk.Column0; c < chunk.Column0 + chunk.Columns; c++)
                if (cube.LandFraction[r * grid.Columns + c] > 0)
                    land.Add((r, c));
        var readsBefore = cube.Reads;

        var path = InferenceService.RunChunk(dir.Path, chunk.Id, cube, predictor);

        Assert.Equal(land.Select(DriverBlocks.BlockOf).Distinct().Count(), cube.Reads - readsBefore);
        var gpp = Ncdump.Values(path, "gpp");
        foreach (var (row, column) in land)
        {
            var expected = predictor.Predict(new PixelBlock(1, period.Days, cube.ReadSeries([(row, column)], period.First, period.Days), [0], [0], [0], [0])).Gpp;
            for (var d = 0; d < period.Days; d++)
                Assert.Equal(expected[d], gpp[(d * chunk.Rows + row - chunk.Row0) * chunk.Columns + column - chunk.Column0], 1e-5);
        }
    }

    /// <summary>
    /// A global 0.05 degree grid is 26 million cells: planning counts land a tile at a time and writes land_fraction.nc
    /// in bands of 64 rows; running reads its tile. Nothing reads the whole grid, nor a row of tiles across it.
    /// </summary>
    [Fact]
    public void PlanRun_AndRunChunk_OnTheGlobal005DegreeGrid_ReadTheStaticFieldsATileOrABandAtATime_NeverTheWholeGrid()
    {
        using var dir = new TempDirectory();
        var day = new DatePeriod(new DateOnly(2021, 6, 1), new DateOnly(2021, 6, 1));
        var grid = RegularLatLonGrid.Global(0.05);
        var cube = new SyntheticDriverCube(grid, day);
        var predictor = new LightUseEfficiencyTestPredictor();

        var run = InferenceService.PlanRun(dir.Path, "fine", cube, day, new MemoryBudget(64L << 20, 1024, 0), predictor.Identity);

        using var land = LandFraction.OpenRun(dir.Path, grid);
        var plan = InferenceService.PlanOf(run, land);
        Assert.Equal(plan.Chunks.Select(c => c.Id), run.ChunkIds);
        var tile = (long)plan.TileRows * plan.TileColumns;
        var band = 64L * grid.Columns;
        Assert.True((long)plan.TileRows * grid.Columns > 4 * Math.Max(tile, band), $"tiles of {plan.TileRows} rows are too short for this test");
        Assert.All(cube.StaticReads, w => Assert.True(w.Cells <= Math.Max(tile, band), $"planning read a window of {w.Rows} x {w.Columns} cells"));
        Assert.True(cube.StaticReads.Count(w => w.Rows == plan.TileRows || w.Row0 + w.Rows == grid.Rows) >= plan.Chunks.Count, "land was not counted tile by tile");
        // land_fraction.nc, written band by band, holds the cube's values where they were never read whole.
        foreach (var probe in new[] { new GridBlock(1700, 40, 4000, 300), new GridBlock(0, 5, 7100, 100), new GridBlock(3590, 10, 0, 50) })
            Assert.Equal(cube.ReadStatic(probe).LandFraction, land.Read(probe));

        cube.StaticReads.Clear();
        var chunk = plan.Chunks.MinBy(c => c.LandPixels)!;
        var path = InferenceService.RunChunk(dir.Path, chunk.Id, cube, predictor);

        Assert.True(File.Exists(path));
        // One read of the chunk's own tile: counting its land and running it share it.
        Assert.Equal(new GridBlock(chunk.Row0, chunk.Rows, chunk.Column0, chunk.Columns), Assert.Single(cube.StaticReads));
    }

    [Fact]
    public void RunChunk_WritesAnUncompressedCdf5File_ThatNcdumpReads_WithNaNAsItsFillValue()
    {
        // CDF-5, not NetCDF-4: assembly opens many chunk files, and each open HDF5 file costs ~1.3 MiB.
        using var dir = new TempDirectory();
        var period = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 3));
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), period);
        var predictor = new LightUseEfficiencyTestPredictor();
        var run = InferenceService.PlanRun(dir.Path, "r", cube, period, new MemoryBudget(1 << 20, 100, 0), predictor.Identity);
        var path = InferenceService.RunChunk(dir.Path, run.ChunkIds[0], cube, predictor);

        Assert.Equal("cdf5", Ncdump.Kind(path)); // a classic-model format: no compression, no HDF5
        Assert.Contains("gpp:_FillValue = NaNf", Ncdump.Header(path));
        var gpp = Ncdump.Values(path, "gpp");
        Assert.Contains(gpp, double.IsNaN);   // ocean
        Assert.Contains(gpp, v => v > 0);     // land
    }

    /// <summary>A run planned by an earlier version (run.json without its tile shape) keeps the tiles its chunk ids meant.</summary>
    [Fact]
    public void ARunPlannedBeforeTilesWereAligned_KeepsItsUnalignedTiles_WhenItsChunksAreRunOrPlanned()
    {
        using var dir = new TempDirectory();
        var period = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 3));
        var grid = RegularLatLonGrid.Global(0.5);
        var cube = new SyntheticDriverCube(grid, period);
        var predictor = new LightUseEfficiencyTestPredictor();
        // 3 days at 64 bytes per cell-day: 2 MB allows 10,416 cells, 102 x 102 unaligned, 96 x 96 aligned.
        var budget = new MemoryBudget(2_000_000, 100, 0);
        var run = InferenceService.PlanRun(dir.Path, "r", cube, period, budget, predictor.Identity);
        Assert.Equal((96, 96), (run.TileRows, run.TileColumns));

        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, RunDescription.FileName)))!.AsObject();
        json.Remove("tile_rows");
        json.Remove("tile_columns");
        File.WriteAllText(Path.Combine(dir.Path, RunDescription.FileName), json.ToJsonString());
        var legacy = RunDescription.Load(dir.Path);

        Assert.Equal((102, 102), legacy.Tiles);
        using var land = LandFraction.OpenRun(dir.Path, grid);
        var plan = InferenceService.PlanOf(legacy, land);
        Assert.Equal((102, 102), (plan.TileRows, plan.TileColumns));
        var chunk = plan.Chunks.MaxBy(c => c.LandPixels)!;
        var path = InferenceService.RunChunk(dir.Path, chunk.Id, cube, predictor);
        using var file = ChunkFile.OpenChecked(path, grid, chunk, period); // the file is on the legacy tile
        Assert.Equal(chunk.Rows * chunk.Columns * period.Days, Ncdump.Values(path, "gpp").Length);
    }

    private static Dictionary<int, float[]> ExpectedGpp(SyntheticDriverCube cube, LightUseEfficiencyTestPredictor predictor, DatePeriod period)
    {
        var result = new Dictionary<int, float[]>();
        for (var i = 0; i < cube.LandFraction.Length; i++)
        {
            if (!(cube.LandFraction[i] > 0))
                continue;
            var cell = (i / cube.Grid.Columns, i % cube.Grid.Columns);
            var drivers = cube.ReadSeries([cell], period.First, period.Days);
            var flux = predictor.Predict(new PixelBlock(1, period.Days, drivers, [0], [0], [0], [0]));
            result[i] = flux.Gpp;
        }
        return result;
    }

    private sealed class BatchRecorder(IFluxPredictor inner) : IFluxPredictor
    {
        public List<int> Sizes { get; } = [];

        /// <summary>Called after each batch (e.g. a worker's shutdown arriving meanwhile).</summary>
        public Action? AfterBatch { get; init; }

        public IReadOnlyList<string> Features => inner.Features;

        public string Identity => inner.Identity;

        public FluxBlock Predict(PixelBlock block)
        {
            Sizes.Add(block.Pixels);
            var result = inner.Predict(block);
            AfterBatch?.Invoke();
            return result;
        }
    }

    /// <summary>Records the blocks it is given; predicts zeros.</summary>
    private sealed class RecordingPredictor(IReadOnlyList<string> features) : IFluxPredictor
    {
        public List<PixelBlock> Blocks { get; } = new();
        public IReadOnlyList<string> Features => features;
        public string Identity => "recording";

        public FluxBlock Predict(PixelBlock block)
        {
            block.RequireFeatures(Features);
            Blocks.Add(block with { Drivers = (float[])block.Drivers.Clone() });
            var n = block.Pixels * block.Days;
            return new FluxBlock(block.Pixels, block.Days, new float[n], new float[n], new float[n], new float[n], new float[n], new float[n]);
        }
    }

    [Fact]
    public void RunChunk_WithAModelOfTowerFeatures_TakesTheMeasuredOnesFromTheCube_AndComputesTheOthers()
    {
        using var dir = new TempDirectory();
        var grid = RegularLatLonGrid.Global(10);
        var cube = new SyntheticDriverCube(grid, TwoMonths);
        string[] features = ["vpd", "ta", "sw_pot", "season_cos"];
        var predictor = new RecordingPredictor(features);
        InferenceService.PlanRun(dir.Path, "r", cube, TwoMonths, new MemoryBudget(4_000_000, 16, 0), predictor.Identity);

        InferenceService.RunAll(dir.Path, cube, predictor);

        var block = predictor.Blocks[0];
        Assert.Equal(features, block.FeatureNames);
        var (ta, vpd) = (DriverFeatures.IndexOf("ta"), DriverFeatures.IndexOf("vpd"));
        for (var p = 0; p < block.Pixels; p++)
            for (var d = 0; d < block.Days; d += 17)
            {
                var day = TwoMonths.First.AddDays(d);
                var row = block.Drivers.AsSpan((p * block.Days + d) * 4, 4);
                var (lat, lon) = (block.Latitude[p], block.Longitude[p]);
                Assert.Equal(SyntheticDriverCube.Value(vpd, lat, lon, day.DayOfYear), row[0], 4);
                Assert.Equal(SyntheticDriverCube.Value(ta, lat, lon, day.DayOfYear), row[1], 4);
                Assert.Equal((float)SolarGeometry.PotentialShortwave(lat, day), row[2], 3);
                Assert.Equal(DriverFeatures.Computed("season_cos", lat, day), row[3]);
            }
    }
}
