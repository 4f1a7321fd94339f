using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// The inference stage as plain calls, for the CLI and for the Hangfire jobs alike: plan a run
/// (<see cref="PlanRun"/>), run any chunk any number of times (<see cref="RunChunk(string,int,IDriverCube,IFluxPredictor)"/>:
/// each run replaces that chunk's file whole), list what is missing (<see cref="MissingChunks"/>).
/// </summary>
public static class InferenceService
{
    public const string ChunkFolder = "chunks";

    /// <summary>Where runs live under an output folder: <c>OUT/runs/RUN</c> (docs/data-contracts.md).</summary>
    public const string RunsFolder = "runs";

    /// <summary>The folder of run <paramref name="runId"/> under <paramref name="outDir"/>.</summary>
    public static string RunDirOf(string outDir, string runId) => Path.Combine(Path.GetFullPath(outDir), RunsFolder, runId);

    /// <summary>The chunks of any grid, land mask, period and budget (no files touched).</summary>
    public static ChunkPlan PlanChunks(RegularLatLonGrid grid, IReadOnlyList<bool> landMask, DatePeriod period, MemoryBudget budget) =>
        ChunkPlanner.Plan(grid, landMask, period, budget);

    /// <summary>The plan of a run already prepared.</summary>
    public static ChunkPlan PlanOf(RunDescription run, float[] landFraction) =>
        ChunkPlanner.Plan(run.Grid.ToGrid(), landFraction.Select(f => f > 0).ToArray(), run.Period, run.Budget, run.Tiles);

    /// <summary>The plan of a run already prepared, counting land a tile at a time (no grid-sized mask).</summary>
    public static ChunkPlan PlanOf(RunDescription run, LandFraction landFraction) =>
        ChunkPlanner.Plan(run.Grid.ToGrid(), landFraction.CountLand, run.Period, run.Budget, run.Tiles);

    /// <summary>
    /// Prepares <paramref name="runDir"/>: writes run.json and land_fraction.nc. Re-planning a run with the
    /// same inputs gives the same chunk ids, so chunk files already there stay valid.
    /// </summary>
    public static RunDescription PlanRun(string runDir, string runId, IDriverCube cube, DatePeriod period, MemoryBudget budget, string predictorIdentity,
        IReadOnlyDictionary<string, string>? modelAttributes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        using var land = LandFraction.OfCube(cube);
        var plan = ChunkPlanner.Plan(cube.Grid, land.CountLand, period, budget);
        var run = new RunDescription
        {
            RunId = runId,
            Created = DateTimeOffset.UtcNow,
            Grid = RunDescription.GridSpec.Of(cube.Grid),
            First = period.First,
            Last = period.Last,
            BudgetBytes = budget.Bytes,
            BatchPixels = budget.BatchPixels,
            ModelBytesPerPixelDay = budget.ModelBytesPerPixelDay,
            Predictor = predictorIdentity,
            Drivers = cube.Location,
            InputChecksums = new SortedDictionary<string, string>(cube.InputChecksums.ToDictionary(), StringComparer.Ordinal),
            CodeVersion = RunDescription.CodeVersionOfThisBuild,
            ChunkIds = plan.Chunks.Select(c => c.Id).ToArray(),
            TileRows = plan.TileRows,
            TileColumns = plan.TileColumns,
            SurfaceRules = Inference.SurfaceRules.Statement,
            ModelAttributes = new SortedDictionary<string, string>((modelAttributes ?? new Dictionary<string, string>()).ToDictionary(), StringComparer.Ordinal),
        };
        Directory.CreateDirectory(Path.Combine(runDir, ChunkFolder));
        RunDescription.SaveLandFraction(runDir, cube.Grid, land);
        run.Save(runDir);
        return run;
    }

    public static string ChunkPath(string runDir, int chunkId) => Path.Combine(runDir, ChunkFolder, Chunk.FileNameOf(chunkId));

    /// <summary>
    /// Runs one chunk of a planned run (its run.json, read by the caller), on the driver cube the run was planned on;
    /// <paramref name="cancel"/> stops it between batches, before its file is written.
    /// </summary>
    public static string RunChunk(string runDir, RunDescription run, int chunkId, IFluxPredictor predictor, CancellationToken cancel = default)
    {
        using var cube = NetCdfDriverCube.Open(run.Drivers);
        return RunChunk(runDir, run, chunkId, cube, predictor, cancel);
    }

    /// <summary>Runs one chunk and writes (or replaces) its file; returns the file's path.</summary>
    public static string RunChunk(string runDir, int chunkId, IDriverCube cube, IFluxPredictor predictor) =>
        RunChunk(runDir, RunDescription.Load(runDir), chunkId, cube, predictor);

    /// <summary>
    /// Runs one chunk of <paramref name="run"/> (the run.json of <paramref name="runDir"/>, already read by the caller: a chunk
    /// job or a loop over chunks reads it once) and writes (or replaces) its file; returns the file's path. The features are
    /// checked once, by <see cref="ChunkRunner.PredictWithMembers"/>.
    /// </summary>
    public static string RunChunk(string runDir, RunDescription run, int chunkId, IDriverCube cube, IFluxPredictor predictor,
        CancellationToken cancel = default)
    {
        // The tile's static fields, read once: to count its land here and to run it below.
        StaticWindow? statics = null;
        var chunk = ChunkPlanner.ChunkOf(cube.Grid, chunkId,
            (row0, rows, column0, columns) => (statics = cube.ReadStatic(new GridBlock(row0, rows, column0, columns))).LandCells, run.Period, run.Budget, run.Tiles);
        var (outputs, members) = ChunkRunner.PredictWithMembers(cube, chunk, run.Period, predictor, run.BatchPixels, statics, cancel);
        var path = ChunkPath(runDir, chunkId);
        ChunkFile.Write(path, cube.Grid, chunk, run.Period, run.RunId, predictor.Identity, outputs, members);
        // A chunk's arrays fill the budget and live in the large object heap, which the GC collects late:
        // give them back now, so that memory stays at one chunk's budget however many chunks run in a row.
        outputs = null;
        members = null;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // Likewise HDF5's and zlib's freed buffers, which glibc would keep as resident memory.
        IO.NativeHeap.ReleaseFreeMemory();
        return path;
    }

    /// <summary>Runs every chunk of the run (or those touching <paramref name="region"/>), in id order.</summary>
    public static IReadOnlyList<int> RunAll(string runDir, IDriverCube cube, IFluxPredictor predictor, BoundingBox? region = null, Action<int, int>? progress = null)
    {
        var run = RunDescription.Load(runDir);
        ChunkPlan plan;
        using (var land = LandFraction.OfCube(cube))
            plan = PlanOf(run, land);
        var chunks = region is null ? plan.Chunks : plan.ChunksTouching(region);
        var done = 0;
        foreach (var c in chunks)
        {
            RunChunk(runDir, run, c.Id, cube, predictor);
            progress?.Invoke(++done, chunks.Count);
        }
        return chunks.Select(c => c.Id).ToArray();
    }

    /// <summary>Chunk ids of the run whose result file is not there yet.</summary>
    public static IReadOnlyList<int> MissingChunks(string runDir)
    {
        var run = RunDescription.Load(runDir);
        return run.ChunkIds.Where(id => !File.Exists(ChunkPath(runDir, id))).ToArray();
    }
}
