using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Tests.Cf;

public class CfScaleOffsetCoderTests
{
    private static ArrayVariableInfo Variable(params (string Name, AttributeValue Value)[] attributes) =>
        new("t2m", ["x"], [2], typeof(short), new AttributeSet(attributes.Select(a => new KeyValuePair<string, AttributeValue>(a.Name, a.Value))));

    [Fact]
    public void Decode_MultipliesThenAdds()
    {
        // ERA5 legacy t2m-like packing.
        var coder = CfScaleOffsetCoder.FromVariable(Variable(("scale_factor", AttributeValue.Of(0.0017)), ("add_offset", AttributeValue.Of(265.5))), "f.nc");
        double[] values = [0, 100, double.NaN];
        coder.Apply(values);
        Assert.Equal(265.5, values[0]);
        Assert.Equal(265.67, values[1], 1e-12);
        Assert.True(double.IsNaN(values[2]));
    }

    [Fact]
    public void FromVariable_DefaultsToScaleOneOffsetZero()
    {
        var coder = CfScaleOffsetCoder.FromVariable(Variable(("add_offset", AttributeValue.Of(273.15f))), "f.nc");
        Assert.Equal(1, coder.ScaleFactor);
        Assert.Equal((double)273.15f, coder.AddOffset);
        Assert.True(CfScaleOffsetCoder.FromVariable(Variable(), "f.nc").IsIdentity);
    }

    [Fact]
    public void FromVariable_Throws_NamingFileAndVariable_WhenScaleFactorIsAList()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfScaleOffsetCoder.FromVariable(Variable(("scale_factor", AttributeValue.Of(1.0, 2.0))), "/a.nc"));
        Assert.Equal(("/a.nc", "t2m"), (e.FilePath, e.Variable));
    }

    [Fact]
    public void FromVariable_Throws_WhenAddOffsetIsText() =>
        Assert.Throws<InvalidInputException>(() => CfScaleOffsetCoder.FromVariable(Variable(("add_offset", AttributeValue.FromText("0"))), "f.nc"));
}
