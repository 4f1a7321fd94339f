using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Cf;

public class CfVariableDecoderTests
{
    private static InMemoryArrayDataset PackedFile(string path, double scale, double offset) =>
        new InMemoryArrayDataset(path)
            .AddDimension("time", 2).AddDimension("x", 3)
            .AddVariable("ssrd", ["time", "x"], [0, 1, -32767, 10, 20, 30], typeof(short),
                ("scale_factor", AttributeValue.Of(scale)), ("add_offset", AttributeValue.Of(offset)),
                ("_FillValue", AttributeValue.Of((short)-32767)), ("units", AttributeValue.FromText("J m**-2")));

    [Fact]
    public void Read_MasksInPackedDomainThenUnpacks()
    {
        // Fill -32767 unpacked would be -32767*2+1000 = -64534: masking after unpacking would miss it.
        var decoded = CfVariableDecoder.Read(PackedFile("a.nc", 2, 1000), "ssrd");
        Assert.Equal([1000, 1002, double.NaN, 1020, 1040, 1060], decoded.Values);
        Assert.Equal("J m**-2", decoded.Units);
        Assert.Equal([2L, 3L], decoded.Shape);
        Assert.Equal(["time", "x"], decoded.DimensionNames);
    }

    [Fact]
    public void Read_UsesEachFilesOwnPacking()
    {
        var a = CfVariableDecoder.Read(PackedFile("a.nc", 2, 1000), "ssrd").Values;
        var b = CfVariableDecoder.Read(PackedFile("b.nc", 0.5, 0), "ssrd").Values;
        Assert.Equal(1020, a[3]);
        Assert.Equal(5, b[3]);
    }

    [Fact]
    public void Read_DecodesOnlyTheHyperslab()
    {
        var decoded = CfVariableDecoder.Read(PackedFile("a.nc", 2, 1000), "ssrd", [1, 1], [1, 2]);
        Assert.Equal([1040, 1060], decoded.Values);
        Assert.Equal([1L, 2L], decoded.Shape);
    }

    [Fact]
    public void Read_Throws_NamingFileAndVariable_WhenVariableIsMissing()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfVariableDecoder.Read(PackedFile("/era5/a.nc", 1, 0), "t2m"));
        Assert.Equal(("/era5/a.nc", "t2m"), (e.FilePath, e.Variable));
        Assert.Contains("ssrd", e.Detail); // lists what the file has
    }

    [Fact]
    public void Read_Throws_BeforeReadingData_WhenAttributesAreInvalid()
    {
        var file = new InMemoryArrayDataset("bad.nc").AddDimension("x", 1)
            .AddVariable("v", ["x"], [1], typeof(short), ("valid_range", AttributeValue.Of((short)1)));
        Assert.Throws<InvalidInputException>(() => CfVariableDecoder.Read(file, "v"));
        Assert.Equal(0, file.ReadCount);
    }

    [Fact]
    public void Read_Throws_WhenHyperslabLeavesTheVariable() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CfVariableDecoder.Read(PackedFile("a.nc", 1, 0), "ssrd", [1, 2], [1, 2]));
}
