using TamRl.Upscale.Model.Onnx;

namespace TamRl.Upscale.Model.Tests.Onnx;

/// <summary>The wire format against the worked examples of the protocol buffers encoding guide (protobuf.dev, "Encoding").</summary>
public class ProtoWriterTests
{
    private static string Hex(Action<ProtoWriter> write)
    {
        var w = new ProtoWriter();
        write(w);
        return Convert.ToHexString(w.ToArray());
    }

    [Theory]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7F")]
    [InlineData(128UL, "8001")]
    [InlineData(150UL, "9601")]
    [InlineData(300UL, "AC02")]
    [InlineData(ulong.MaxValue, "FFFFFFFFFFFFFFFFFF01")]
    public void WriteVarint_WritesSevenBitsPerByteLowFirst_WhenGivenAValue(ulong value, string expected)
        => Assert.Equal(expected, Hex(w => w.WriteVarint(value)));

    [Fact]
    public void Int64_WritesTheGuidesExample_WhenField1Is150()
        => Assert.Equal("089601", Hex(w => w.Int64(1, 150)));

    [Fact]
    public void Int64_WritesTenBytesOfTwosComplement_WhenTheValueIsNegative()
        => Assert.Equal("08FFFFFFFFFFFFFFFFFF01", Hex(w => w.Int64(1, -1)));

    [Fact]
    public void String_WritesLengthThenUtf8_WhenField2IsTesting()
        => Assert.Equal("120774657374696E67", Hex(w => w.String(2, "testing")));

    [Fact]
    public void Message_WritesTheNestedMessageLengthDelimited_WhenField3HoldsField1Is150()
        => Assert.Equal("1A03089601", Hex(w => w.Message(3, inner => inner.Int64(1, 150))));

    [Fact]
    public void PackedInt64_WritesOneRunOfVarints_WhenField4Holds3And270And86942()
        => Assert.Equal("2206038E029EA705", Hex(w => w.PackedInt64(4, [3, 270, 86942])));

    [Fact]
    public void Float_WritesFixed32LittleEndian_WhenTheValueIsOne()
        => Assert.Equal("150000803F", Hex(w => w.Float(2, 1f)));

    [Fact]
    public void PackedFloat_WritesFourBytesEach_WhenGivenTwoValues()
        => Assert.Equal("2208" + "0000803F" + "000000C0", Hex(w => w.PackedFloat(4, [1f, -2f])));

    [Fact]
    public void Int64_Refuses_WhenTheFieldNumberIsBelowOne()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ProtoWriter().Int64(0, 1));
}
