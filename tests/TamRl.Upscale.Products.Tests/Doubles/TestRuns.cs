using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.Inference;

namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>Builds small complete runs (planned and inferred) for tests.</summary>
public static class TestRuns
{
    /// <summary>A 10-degree grid over 2021-01-01..2021-02-28, fully inferred with the test predictor, chunked small.</summary>
    public static RunDescription Inferred(string runDir, double resolution = 10, DatePeriod? period = null, LightUseEfficiencyTestPredictor? predictor = null, long budgetBytes = 4_000_000,
        IReadOnlyDictionary<string, string>? modelAttributes = null)
    {
        period ??= new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28));
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(resolution), period);
        predictor ??= new LightUseEfficiencyTestPredictor();
        var run = InferenceService.PlanRun(runDir, "test-run", cube, period, new MemoryBudget(budgetBytes, batchPixels: 16, modelBytesPerPixelDay: 0), predictor.Identity, modelAttributes);
        InferenceService.RunAll(runDir, cube, predictor);
        return run;
    }
}
