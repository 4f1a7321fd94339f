using TamRl.Upscale.Ingest.Era5;

namespace TamRl.Upscale.Ingest.Tests.Era5;

public class VapourPressureTests
{
    [Theory]
    // Saturation vapour pressure over water, hPa (WMO No. 8 / Goff-Gratch values).
    [InlineData(-20, 1.2540)]
    [InlineData(0, 6.1121)]
    [InlineData(20, 23.388)]
    [InlineData(40, 73.814)]
    public void Saturation_IsWithinHalfAPercentOfTheReferenceTable(double celsius, double hPa) =>
        Assert.Equal(hPa, VapourPressure.Saturation(celsius), hPa * 0.005);

    [Fact]
    public void Deficit_IsZeroForSaturatedAir_AndNeverNegative()
    {
        Assert.Equal(0, VapourPressure.Deficit(15, 15));
        Assert.Equal(0, VapourPressure.Deficit(15, 15.3));
        Assert.True(VapourPressure.Deficit(25, 5) > 20);
    }
}
