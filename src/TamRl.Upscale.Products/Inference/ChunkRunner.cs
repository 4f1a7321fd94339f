using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// Runs the predictor over one chunk: reads the land pixels' whole series ([pixel, day, feature], what
/// <see cref="PixelBlock"/> wants) a block of the cube at a time (<see cref="DriverBlocks"/>), hands the predictor
/// batches of <see cref="MemoryBudget.BatchPixels"/> pixels and scatters the results back onto the tile.
/// </summary>
public static class ChunkRunner
{
    /// <summary>The size from which .NET allocates an array in the large object heap.</summary>
    private const int LargeObjectBytes = 85_000;

    /// <summary>The outputs of one chunk, each [day, row, column] over the tile, NaN over ocean, in <see cref="FluxVariables.All"/> order.</summary>
    /// <param name="statics">The tile's static fields when the caller has read them already (they are read otherwise).</param>
    public static float[][] Predict(IDriverCube cube, Chunk chunk, DatePeriod period, IFluxPredictor predictor, int batchPixels, StaticWindow? statics = null) =>
        PredictWithMembers(cube, chunk, period, predictor, batchPixels, statics).Daily;

    /// <summary>
    /// As <see cref="Predict"/>, and the members' monthly means where the predictor gives them (an ensemble of at least two
    /// members; null otherwise): the predictor is asked for each member's mean over each month of the period.
    /// <paramref name="cancel"/> is checked before each batch, never inside the predictor (a worker shutting down must not
    /// exit under a running libtorch or ONNX Runtime call): OperationCanceledException, and nothing is written.
    /// </summary>
    public static (float[][] Daily, MemberMonthlyMeans? Members) PredictWithMembers(IDriverCube cube, Chunk chunk, DatePeriod period, IFluxPredictor predictor,
        int batchPixels, StaticWindow? statics = null, CancellationToken cancel = default)
    {
        CheckFeatures(cube, predictor);
        // The model's features from the cube, computed ones added (not disposed here: the caller owns the cube).
        cube = ModelFeatureCube.For(cube, predictor.Features, predictor.Identity);
        var grid = cube.Grid;
        var tile = chunk.Rows * chunk.Columns;
        var days = period.Days;
        var features = cube.Features.Count;

        // The tile's static fields (not the grid's), its land cells as offsets into the tile, and their grid positions.
        // In the order the drivers are read (DriverBlocks.ReadOrder: a cube block at a time).
        var window = new GridBlock(chunk.Row0, chunk.Rows, chunk.Column0, chunk.Columns);
        if (statics is null || statics.Block != window)
            statics = cube.ReadStatic(window);
        var cells = new List<(int Row, int Column)>(chunk.LandPixels);
        for (var r = 0; r < chunk.Rows; r++)
            for (var c = 0; c < chunk.Columns; c++)
                if (statics.IsLand(r * chunk.Columns + c) && !SurfaceRules.SetsFluxes(statics.Igbp[r * chunk.Columns + c]))
                    cells.Add((chunk.Row0 + r, chunk.Column0 + c));
        cells.Sort(DriverBlocks.ReadOrder);
        var local = cells.Select(p => (p.Row - chunk.Row0) * chunk.Columns + p.Column - chunk.Column0).ToList();
        var pixels = local.Count;

        var outputs = new float[FluxVariables.All.Count][];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = new float[checked(tile * days)];
            Array.Fill(outputs[i], float.NaN);
        }
        // Land whose fluxes a documented rule sets (permanent ice) is not handed to the model.
        for (var cell = 0; cell < tile; cell++)
            if (statics.IsLand(cell) && SurfaceRules.SetsFluxes(statics.Igbp[cell]))
                for (var v = 0; v < outputs.Length; v++)
                {
                    var value = SurfaceRules.ValueOf(FluxVariables.All[v]);
                    for (var d = 0; d < days; d++)
                        outputs[v][d * tile + cell] = value;
                }
        var spans = period.Months().Select(m => (period.IndexOf(m.First), m.Days)).ToList();
        MemberMonthlyMeans? members = null;
        using var keep = cube.KeepOpen(period);
        var drivers = new DriverBlocks(cube, cells, period);
        // One drivers buffer for every full batch: the predictor gets the block for the call only.
        float[]? batchDrivers = null;
        for (var b0 = 0; b0 < pixels; b0 += batchPixels)
        {
            cancel.ThrowIfCancellationRequested();
            var n = Math.Min(batchPixels, pixels - b0);
            var buffer = n == batchPixels ? batchDrivers ??= new float[(long)n * days * features] : new float[(long)n * days * features];
            drivers.CopyTo(b0, n, buffer);
            var block = new PixelBlock(n, days, buffer, new int[n], new int[n], new float[n], new float[n]) { FeatureNames = cube.Features, MemberMeanSpans = spans };
            for (var p = 0; p < n; p++)
            {
                var cell = local[b0 + p];
                var (row, column) = (chunk.Row0 + cell / chunk.Columns, chunk.Column0 + cell % chunk.Columns);
                block.Igbp[p] = statics.Igbp[cell];
                block.Koppen[p] = statics.Koppen[cell];
                block.Latitude[p] = (float)grid.LatitudeOfRow(row);
                block.Longitude[p] = (float)grid.LongitudeOfColumn(column);
            }
            FluxBlock? result = predictor.Predict(block);
            float[][]? arrays = new[] { result.Gpp, result.Reco, result.Nee, result.GppSpread, result.RecoSpread, result.NeeSpread };
            if (result.Pixels != n || result.Days != days || arrays.Any(a => a.Length != n * days))
                throw new TamRlException($"predictor {predictor.Identity} returned {result.Pixels} x {result.Days} values for a block of {n} pixels x {days} days");
            for (var v = 0; v < arrays.Length; v++)
                for (var p = 0; p < n; p++)
                {
                    var cell = local[b0 + p];
                    for (var d = 0; d < days; d++)
                        outputs[v][d * tile + cell] = arrays[v][p * days + d];
                }
            if (result.MemberMeans is { } means && result.Members >= 2)
            {
                members ??= NewMemberMeans(result.Members, spans.Count, tile, statics);
                if (result.Members != members.Members || means.Length != (long)result.Members * n * spans.Count * 3)
                    throw new TamRlException($"predictor {predictor.Identity} returned {means.Length} member means for {result.Members} members x {n} pixels x {spans.Count} months x 3 fluxes");
                for (var k = 0; k < members.Members; k++)
                    for (var p = 0; p < n; p++)
                        for (var s = 0; s < spans.Count; s++)
                            for (var f = 0; f < 3; f++)
                                members.PerFlux[f][((long)k * spans.Count + s) * tile + local[b0 + p]] = means[(((long)k * n + p) * spans.Count + s) * 3 + f];
            }
            // The predictor's results (six arrays of a batch, MBs each) are large-object garbage, collected
            // only by a full collection; left to the GC they pile up batch after batch, so a chunk with more
            // land (finer grids have denser tiles) would peak higher. A full collection of a heap of a few
            // large arrays costs milliseconds, a batch of the model far more. Small batches' results are
            // young-generation garbage the GC handles on its own.
            var largeResults = (long)n * days * sizeof(float) >= LargeObjectBytes;
            result = null;
            arrays = null;
            if (largeResults)
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
        return (outputs, members);
    }

    /// <summary>NaN where the tile has no land; the values a rule sets (permanent ice) where it sets them, as for the days.</summary>
    private static MemberMonthlyMeans NewMemberMeans(int members, int months, int tile, StaticWindow statics)
    {
        var perFlux = FluxVariables.Fluxes.Select(f =>
        {
            var values = new float[checked(members * months * tile)];
            Array.Fill(values, float.NaN);
            for (var cell = 0; cell < tile; cell++)
                if (statics.IsLand(cell) && SurfaceRules.SetsFluxes(statics.Igbp[cell]))
                    for (var i = 0; i < members * months; i++)
                        values[(long)i * tile + cell] = SurfaceRules.ValueOf(f);
            return values;
        }).ToArray();
        return new MemberMonthlyMeans(members, months, perFlux);
    }

    /// <summary>
    /// A model needing a feature the cube neither holds nor can compute from location and date is refused before any
    /// work, naming the feature (<see cref="ModelFeatureCube"/>).
    /// </summary>
    public static void CheckFeatures(IDriverCube cube, IFluxPredictor predictor) => CheckFeatures(cube, predictor.Features, predictor.Identity);

    /// <summary>The same for a model known by its features and identity only (planning reads no weights).</summary>
    public static void CheckFeatures(IDriverCube cube, IReadOnlyList<string> features, string identity)
    {
        if (ModelFeatureCube.Problem(cube, features) is { } problem)
            throw new InvalidInputException(identity, "features", problem);
    }
}
