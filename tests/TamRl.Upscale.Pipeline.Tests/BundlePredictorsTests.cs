using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Pipeline;

namespace TamRl.Upscale.Pipeline.Tests;

public class BundlePredictorsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void DeviceMemoryBudget_Unset_IsTheDefault(string? value) =>
        Assert.Equal(PredictorBatching.DefaultDeviceMemoryBytes, BundlePredictors.DeviceMemoryBudget(value));

    [Fact]
    public void DeviceMemoryBudget_ReadsBinarySuffixes() =>
        Assert.Equal(20L << 30, BundlePredictors.DeviceMemoryBudget("20GiB"));

    [Theory]
    [InlineData("lots")]
    [InlineData("0")]
    [InlineData("-4GiB")]
    public void DeviceMemoryBudget_Nonsense_NamesTheVariable(string value)
    {
        var e = Assert.Throws<InvalidInputException>(() => BundlePredictors.DeviceMemoryBudget(value));
        Assert.Contains(BundlePredictors.DeviceMemoryVariable, e.Message);
        Assert.Contains(value, e.Message);
    }
}
