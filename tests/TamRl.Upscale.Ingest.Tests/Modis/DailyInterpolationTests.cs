using TamRl.Upscale.Ingest.Modis;

namespace TamRl.Upscale.Ingest.Tests.Modis;

public class DailyInterpolationTests
{
    [Fact]
    public void Interpolate_IsLinearBetweenCompositeCentres_AndHoldsTheEdges()
    {
        double[] centres = [10, 18, 26];
        float[] values = [0.2f, 0.6f, float.NaN];
        var output = new float[20];

        DailyInterpolation.Interpolate(centres, values, firstDay: 5, output);

        Assert.Equal(0.2f, output[0]);                         // day 5.5: before the first centre
        Assert.Equal(0.2 + 0.4 * (13.5 - 10) / 8, output[8], 5); // day 13.5: between 10 and 18
        Assert.Equal(0.6f, output[19]);                        // day 24.5: after the last good value (26 is cloudy)
    }

    [Fact]
    public void Interpolate_BridgesACloudyComposite()
    {
        double[] centres = [4, 12, 20];
        float[] values = [0.3f, float.NaN, 0.7f];
        var output = new float[1];

        DailyInterpolation.Interpolate(centres, values, firstDay: 11, output); // day 11.5

        Assert.Equal(0.3 + 0.4 * (11.5 - 4) / 16, output[0], 5);
    }

    [Fact]
    public void Interpolate_NoGoodValue_GivesNaN()
    {
        var output = new float[3];
        DailyInterpolation.Interpolate([4.0, 12.0], [float.NaN, float.NaN], 0, output);
        Assert.All(output, v => Assert.True(float.IsNaN(v)));
    }
}
