using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Tests.Cf;

public class CfMaskCoderTests
{
    private static ArrayVariableInfo Variable(Type storage, params (string Name, AttributeValue Value)[] attributes) =>
        new("v", ["x"], [4], storage, new AttributeSet(attributes.Select(a => new KeyValuePair<string, AttributeValue>(a.Name, a.Value))));

    private static double[] Decode(ArrayVariableInfo variable, params double[] raw)
    {
        CfMaskCoder.FromVariable(variable, "f.nc").Apply(raw);
        return raw;
    }

    [Fact]
    public void Decode_ReturnsNaN_WhereRawEqualsFillValue()
    {
        var v = Variable(typeof(short), ("_FillValue", AttributeValue.Of((short)-32767)));
        Assert.Equal([1, double.NaN, -32766], Decode(v, 1, -32767, -32766));
    }

    [Fact]
    public void Decode_ReturnsNaN_WhereRawEqualsAnyMissingValueOfAList()
    {
        var v = Variable(typeof(int), ("missing_value", AttributeValue.Of(-9999, -8888)), ("_FillValue", AttributeValue.Of(-1)));
        Assert.Equal([double.NaN, double.NaN, double.NaN, 0], Decode(v, -9999, -8888, -1, 0));
    }

    [Fact]
    public void Decode_ReturnsNaN_OutsideValidRange_ComparedInPackedDomain()
    {
        // MOD13C1-like: int16 NDVI, valid_range -2000..10000 in packed units, scale 0.0001 applied later.
        var v = Variable(typeof(short), ("valid_range", AttributeValue.Of((short)-2000, (short)10000)), ("scale_factor", AttributeValue.Of(0.0001)));
        Assert.Equal([double.NaN, -2000, 10000, double.NaN], Decode(v, -2001, -2000, 10000, 10001));
    }

    [Fact]
    public void Decode_AppliesValidMinAndValidMaxSeparately()
    {
        Assert.Equal([double.NaN, 0, 1e30], Decode(Variable(typeof(double), ("valid_min", AttributeValue.Of(0.0))), -1, 0, 1e30));
        Assert.Equal([-1e30, 5, double.NaN], Decode(Variable(typeof(double), ("valid_max", AttributeValue.Of(5.0))), -1e30, 5, 5.5));
    }

    [Fact]
    public void Decode_MatchesAFloatFillValueStoredAsDouble_ForFloatData()
    {
        // The file stores float32 9.96921e36f; a double attribute 9.96921e36 differs from it as a double.
        var storedFloat = (double)9.96921e36f;
        Assert.NotEqual(9.96921e36, storedFloat);
        var v = Variable(typeof(float), ("_FillValue", AttributeValue.Of(9.96921e36)));
        Assert.Equal([double.NaN, 1], Decode(v, storedFloat, 1));
    }

    [Fact]
    public void Decode_KeepsNaNAndValues_WhenFillValueIsNaN()
    {
        var v = Variable(typeof(float), ("_FillValue", AttributeValue.Of(float.NaN)));
        var coder = CfMaskCoder.FromVariable(v, "f.nc");
        Assert.Empty(coder.MissingValues);
        Assert.Equal([double.NaN, 2.5], Decode(v, double.NaN, 2.5));
    }

    [Fact]
    public void IsIdentity_IsTrue_WithoutMaskAttributes() =>
        Assert.True(CfMaskCoder.FromVariable(Variable(typeof(double)), "f.nc").IsIdentity);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void FromVariable_Throws_WhenValidRangeDoesNotHaveTwoNumbers(int count)
    {
        var v = Variable(typeof(double), ("valid_range", AttributeValue.Of(Enumerable.Range(0, count).Select(i => (double)i).ToArray())));
        var e = Assert.Throws<InvalidInputException>(() => CfMaskCoder.FromVariable(v, "/d/m.nc"));
        Assert.Equal(("/d/m.nc", "v"), (e.FilePath, e.Variable));
        Assert.Contains("valid_range", e.Detail);
    }

    [Fact]
    public void FromVariable_Throws_WhenValidRangeIsReversed() =>
        Assert.Throws<InvalidInputException>(() => CfMaskCoder.FromVariable(Variable(typeof(double), ("valid_range", AttributeValue.Of(10.0, 0.0))), "f.nc"));

    [Fact]
    public void FromVariable_Throws_WhenValidRangeContradictsValidMin() =>
        Assert.Throws<InvalidInputException>(() => CfMaskCoder.FromVariable(
            Variable(typeof(double), ("valid_range", AttributeValue.Of(0.0, 10.0)), ("valid_min", AttributeValue.Of(1.0))), "f.nc"));

    [Fact]
    public void FromVariable_Throws_WhenValidMinIsAboveValidMax() =>
        Assert.Throws<InvalidInputException>(() => CfMaskCoder.FromVariable(
            Variable(typeof(double), ("valid_min", AttributeValue.Of(5.0)), ("valid_max", AttributeValue.Of(1.0))), "f.nc"));

    [Fact]
    public void FromVariable_Throws_WhenFillValueIsText()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfMaskCoder.FromVariable(Variable(typeof(double), ("_FillValue", AttributeValue.FromText("-9999"))), "f.nc"));
        Assert.Contains("_FillValue", e.Detail);
    }
}
