using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Fluxnet;

public class FluxnetDailyReaderTests
{
    [Theory]
    [InlineData("FLX_DE-Hai_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", FluxnetRelease.Fluxnet2015, "DE-Hai")]
    [InlineData("AMF_US-Ha1_FLUXNET_FULLSET_DD_2010-2010_3-5.csv", FluxnetRelease.AmeriFlux, "US-Ha1")]
    [InlineData("ICOSETC_FR-Pue_FLUXNET_DD_L2.csv", FluxnetRelease.Icos, "FR-Pue")]
    [InlineData("JPX_JP-Tak_JapanFlux2024_DD_2010-2010.csv", FluxnetRelease.JapanFlux, "JP-Tak")]
    public void Read_TellsReleaseAndSiteFromTheFileName(string name, FluxnetRelease release, string site)
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, name, TowerCsv.ThreeDays());

        var r = FluxnetDailyReader.Read(path);

        Assert.Equal(release, r.Release);
        Assert.Equal(site, r.SiteId);
        Assert.Equal([1.5f, 2.5f, 3.5f], r.Gpp);
        Assert.Equal([2.0f, 2.25f, 2.5f], r.Reco);
        Assert.Equal([0.5f, -0.25f, -1.0f], r.Nee);
    }

    [Fact]
    public void Read_FindsColumnsByName_WhenTheyAreReordered()
    {
        using var dir = new TempDirectory();
        var plain = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", TowerCsv.ThreeDays());
        var reordered = TowerCsv.Write(dir.Path, "AMF_XX-Abc_FLUXNET_FULLSET_DD_2010-2010_1-4.csv", TowerCsv.ThreeDays(),
            columns: TowerCsv.Columns.Reverse().ToArray());

        var a = FluxnetDailyReader.Read(plain);
        var b = FluxnetDailyReader.Read(reordered);

        Assert.Equal(a.Gpp, b.Gpp);
        Assert.Equal(a.Reco, b.Reco);
        Assert.Equal(a.Nee, b.Nee);
        Assert.Equal(a.Qc, b.Qc);
        Assert.Equal(a.FirstDay, b.FirstDay);
    }

    [Fact]
    public void Read_TakesMinus9999AsMissing()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "ICOSETC_XX-Abc_FLUXNET_DD_L2.csv",
            [("20100101", -9999, 2.0, -9999), ("20100102", 1.0, 2.0, 0.25)]);

        var r = FluxnetDailyReader.Read(path);

        Assert.True(float.IsNaN(r.Gpp[0]));
        Assert.True(float.IsNaN(r.Nee[0]));
        Assert.True(float.IsNaN(r.Qc[0]));
        Assert.Equal(2.0f, r.Reco[0]);
        Assert.Equal(0.25f, r.Qc[1]);
    }

    [Fact]
    public void Read_AcceptsWindowsLineEndings()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "ICOSETC_XX-Abc_FLUXNET_DD_L2.csv", TowerCsv.ThreeDays(), newline: "\r\n");

        Assert.Equal([1f, 0.5f, 0f], FluxnetDailyReader.Read(path).Qc);
    }

    [Fact]
    public void Read_MapsJapanFluxFlags_ZeroBestToThree_OntoTheQcFraction()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "JPX_JP-Tak_JapanFlux2024_DD_2010-2010.csv",
            [("20100101", 1, 2, 0), ("20100102", 1, 2, 1), ("20100103", 1, 2, 2), ("20100104", 1, 2, 3), ("20100105", 1, 2, 1.5)]);

        var r = FluxnetDailyReader.Read(path);

        Assert.Equal(1f, r.Qc[0]); // best flag: the only one the test mask (qc == 1) keeps
        Assert.Equal(2f / 3, r.Qc[1], 6);
        Assert.Equal(1f / 3, r.Qc[2], 6);
        Assert.Equal(0f, r.Qc[3]);
        Assert.Equal(0.5f, r.Qc[4], 6);
    }

    [Fact]
    public void Read_RefusesAJapanFluxFlagAboveThree_NamingColumnAndLine()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "JPX_JP-Tak_JapanFlux2024_DD_2010-2010.csv", TowerCsv.ThreeDays(qc2: 4));

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("NEE_VUT_USTAR50_QC", e.Variable);
        Assert.Contains("line 4", e.Detail);
        Assert.Contains("JapanFlux flag", e.Detail);
    }

    [Fact]
    public void Read_RefusesAFluxnetQcAboveOne_AsAFlagInAFractionColumn()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", TowerCsv.ThreeDays(qc1: 2));

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Equal("NEE_VUT_USTAR50_QC", e.Variable);
        Assert.Contains("line 3: 2 is not a fraction 0..1", e.Detail);
    }

    [Fact]
    public void Read_RefusesAMissingRequiredColumn_NamingFileColumnAndLine()
    {
        using var dir = new TempDirectory();
        var columns = TowerCsv.Columns.Where(c => c != "RECO_NT_VUT_USTAR50").ToArray();
        var path = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", TowerCsv.ThreeDays(), columns);

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("RECO_NT_VUT_USTAR50", e.Variable);
        Assert.Contains("line 1: required column missing", e.Detail);
    }

    [Fact]
    public void Read_RefusesARowWithShiftedColumns_NamingTheLine()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", TowerCsv.ThreeDays());
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace("12.5,", ""); // a row that lost its TA_F field
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("NEE_VUT_USTAR50_QC", e.Variable);
        Assert.Contains("line 3: 5 fields where the header has 6: the row ends before column 'NEE_VUT_USTAR50_QC'", e.Detail);
    }

    [Fact]
    public void Read_RefusesARowWithAnExtraField_NamingTheLastColumnAndLine()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", TowerCsv.ThreeDays());
        var lines = File.ReadAllLines(path);
        lines[1] += ",0.5";
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Equal("NEE_VUT_USTAR50_QC", e.Variable);
        Assert.Contains("line 2: 7 fields where the header has 6: the row runs past the last column", e.Detail);
    }

    [Fact]
    public void Read_RefusesTextWhereANumberBelongs_NamingColumnAndLine()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", TowerCsv.ThreeDays());
        var lines = File.ReadAllLines(path);
        var fields = lines[3].Split(',');
        fields[Array.IndexOf(TowerCsv.Columns, "NEE_VUT_USTAR50")] = "n/a";
        lines[3] = string.Join(',', fields);
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Equal("NEE_VUT_USTAR50", e.Variable);
        Assert.Contains("line 4: 'n/a' is not a number", e.Detail);
    }

    [Theory]
    [InlineData("20100102", "duplicate or out-of-order")]
    [InlineData("20100101", "duplicate or out-of-order")]
    [InlineData("2010-01-03", "is not a date")]
    public void Read_RefusesBadDates_NamingTimestampAndLine(string thirdDate, string expected)
    {
        using var dir = new TempDirectory();
        var rows = TowerCsv.ThreeDays();
        rows[2] = (thirdDate, rows[2].Item2, rows[2].Item3, rows[2].Item4);
        var path = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", rows);

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Equal("TIMESTAMP", e.Variable);
        Assert.Contains("line 4", e.Detail);
        Assert.Contains(expected, e.Detail);
    }

    [Fact]
    public void Read_KeepsSkippedDaysAsMissing()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv",
            [("20100101", 1, 2, 1), ("20100104", 3, 4, 1)]);

        var r = FluxnetDailyReader.Read(path);

        Assert.Equal(4, r.DayCount);
        Assert.Equal([1f, float.NaN, float.NaN, 3f], r.Gpp);
        Assert.Equal([1f, float.NaN, float.NaN, 1f], r.Qc);
    }

    [Fact]
    public void Read_RefusesAnUnknownFileNamePrefix_UnlessTheReleaseIsGiven()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "XYZ_XX-Abc_daily.csv", TowerCsv.ThreeDays());

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Contains("FLX_, AMF_, ICOSETC_ or JPX_", e.Detail);
        Assert.Equal("XX-Abc", FluxnetDailyReader.Read(path, FluxnetRelease.Icos).SiteId);
    }

    [Fact]
    public void Read_RefusesAFileWithoutRows()
    {
        using var dir = new TempDirectory();
        var path = TowerCsv.Write(dir.Path, "FLX_XX-Abc_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", []);

        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Contains("no data rows", e.Detail);
    }
}
