using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.NetCdf;

public class NetCdfStringVariableTests
{
    [Fact]
    public void WriteStrings_StoresNcStrings_ThatNcdumpShowsAndReadStringsReturns()
    {
        using var dir = new TempDirectory();
        var path = dir.File("strings.nc");
        string[] ids = ["US-Wi7", "DE-Hai", "JP-Tak", "Ünïcode"];
        using (var nc = NetCdfFile.Create(path))
        {
            nc.AddDimension("site", ids.Length);
            nc.AddVariable("site_id", NcType.String, ["site"]);
            nc.WriteStrings("site_id", ids);
        }

        var dump = ExternalTool.RunOk("ncdump", "-v", "site_id", path);
        Assert.Contains("string site_id(site) ;", dump);
        Assert.Contains("site_id = \"US-Wi7\", \"DE-Hai\", \"JP-Tak\", \"Ünïcode\" ;", dump);
        using var back = NetCdfFile.Open(path);
        Assert.Equal(ids, back.ReadStrings("site_id"));
    }

    [Fact]
    public void ReadStrings_RefusesANumericVariable_NamingIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("numbers.nc");
        using (var nc = NetCdfFile.Create(path))
        {
            nc.AddDimension("site", 2);
            nc.AddVariable("lat", NcType.Float, ["site"]);
            nc.Write<float>("lat", [1f, 2f]);
        }

        using var back = NetCdfFile.Open(path);
        var e = Assert.Throws<InvalidInputException>(() => back.ReadStrings("lat"));
        Assert.Equal("lat", e.Variable);
        Assert.Contains("expected a string variable", e.Message);
    }
}
