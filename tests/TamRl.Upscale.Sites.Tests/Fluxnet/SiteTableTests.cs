using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Fluxnet;

public class SiteTableTests
{
    private const string Header = "site_id,lat,lon,igbp,koppen,network,file";

    private static string Write(TempDirectory dir, params string[] lines)
    {
        var path = dir.File("sites.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Read_TakesCodesOrIndices_AndResolvesFilesAgainstTheTablesFolder()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, Header,
            "US-Wi7,46.649,-91.069,DBF,Dfb,FLUXNET2015,FLX_US-Wi7.csv",
            "JP-Tak,36.146,137.423,5,26,JapanFlux,sub/JPX_JP-Tak.csv");

        var sites = SiteTable.Read(path);

        Assert.Equal(2, sites.Count);
        Assert.Equal(new TowerSite("US-Wi7", 46.649, -91.069, 4, 26, "FLUXNET2015", Path.Combine(dir.Path, "FLX_US-Wi7.csv")), sites[0]);
        Assert.Equal(5, sites[1].Igbp);
        Assert.Equal(Path.Combine(dir.Path, "sub", "JPX_JP-Tak.csv"), sites[1].File);
    }

    [Fact]
    public void Read_FindsColumnsByName_InAnyOrderWithExtraColumns()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "file,network,elevation,koppen,igbp,lon,lat,site_id", "a.csv,ICOS,120,Cfb,ENF,11.3,50.9,DE-Tha");

        var site = Assert.Single(SiteTable.Read(path));

        Assert.Equal(("DE-Tha", 50.9, 11.3, 1, StaticClasses.ParseKoppen("Cfb")), (site.Id, site.Latitude, site.Longitude, site.Igbp, (int?)site.Koppen));
    }

    [Fact]
    public void Read_RefusesAMissingColumn_NamingIt()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "site_id,lat,lon,koppen,network,file", "A,1,2,Dfb,X,a.csv");

        var e = Assert.Throws<InvalidInputException>(() => SiteTable.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("igbp", e.Variable);
    }

    [Theory]
    [InlineData("A,91,2,DBF,Dfb,X,a.csv", "lat", "line 2: 91 is outside -90..90")]
    [InlineData("A,north,2,DBF,Dfb,X,a.csv", "lat", "line 2: 'north' is not a number")]
    [InlineData("A,1,2,Forest,Dfb,X,a.csv", "igbp", "line 2: 'Forest' is neither an IGBP code")]
    [InlineData("A,1,2,DBF,Qq,X,a.csv", "koppen", "line 2: 'Qq' is neither a Koppen-Geiger code")]
    [InlineData("A,1,2,DBF,Dfb,X,", "file", "line 2: site 'A' names no flux file")]
    public void Read_RefusesBadFields_NamingColumnAndLine(string row, string column, string detail)
    {
        using var dir = new TempDirectory();
        var path = Write(dir, Header, row);

        var e = Assert.Throws<InvalidInputException>(() => SiteTable.Read(path));
        Assert.Equal(column, e.Variable);
        Assert.StartsWith(detail, e.Detail);
    }

    [Fact]
    public void Read_RefusesShiftedRowsAndDuplicateSites()
    {
        using var dir = new TempDirectory();
        var shifted = Write(dir, Header, "A,1,2,DBF,Dfb,a.csv");
        Assert.Contains("line 2: 6 fields where the header has 7", Assert.Throws<InvalidInputException>(() => SiteTable.Read(shifted)).Detail);

        var twice = Write(dir, Header, "A,1,2,DBF,Dfb,X,a.csv", "A,1,2,DBF,Dfb,X,b.csv");
        var e = Assert.Throws<InvalidInputException>(() => SiteTable.Read(twice));
        Assert.Equal("site_id", e.Variable);
        Assert.Contains("line 3: site 'A' already listed on line 2", e.Detail);
    }
}
