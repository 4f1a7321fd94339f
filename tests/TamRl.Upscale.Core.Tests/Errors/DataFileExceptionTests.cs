using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Core.Tests.Errors;

public class DataFileExceptionTests
{
    [Fact]
    public void Message_NamesFileAndVariable_WhenVariableIsGiven()
    {
        var e = new DataFileException("/data/era5.nc", "t2m", "expected units K");
        Assert.Equal("/data/era5.nc: variable 't2m': expected units K", e.Message);
        Assert.Equal("/data/era5.nc", e.FilePath);
        Assert.Equal("t2m", e.Variable);
    }

    [Fact]
    public void Message_NamesFileOnly_WhenNoVariable()
    {
        var e = new InvalidInputException("/data/x.nc", null, "truncated");
        Assert.Equal("/data/x.nc: truncated", e.Message);
        Assert.IsAssignableFrom<TamRlException>(e);
    }
}
