using TamRl.Upscale.Model.Evaluation;

namespace TamRl.Upscale.Model.Tests.Evaluation;

public class FluxMetricsTests
{
    [Fact]
    public void Compute_ScoresOnlyDaysWithQcOne()
    {
        float[] observed = [1, 2, 3, 4, 100];
        float[] predicted = [2, 2, 2, 6, 0];
        float[] qc = [1, 1, 1, 1, 0.5f];
        var m = FluxMetrics.Compute(observed, predicted, qc)!;
        Assert.Equal(4, m.Days);
        Assert.Equal(Math.Sqrt((1 + 0 + 1 + 4) / 4.0), m.Rmse, 12);
        Assert.Equal(1 - 6 / 5.0, m.R2, 12); // SStot of 1..4 around 2.5 is 5
        Assert.Equal(4 / 10.0, m.Nmae, 12);
    }

    [Fact]
    public void Compute_IgnoresMissingValues_AndNeedsTwoDays()
    {
        Assert.Null(FluxMetrics.Compute([1, float.NaN], [1, 2], [1, 1]));
        Assert.Null(FluxMetrics.Compute([1, 2], [1, 2], [1, 0.9f]));
        Assert.Equal(0, FluxMetrics.Compute([1, 2, float.NaN], [1, 2, 5], [1, 1, 1])!.Rmse);
    }
}
