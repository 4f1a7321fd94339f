using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Fluxnet;

/// <summary>The real FLUXNET2015 FULLSET DD file of US-Wi7, 2005 (tests/fixtures/fluxnet, from FluxDataKit; CC-BY-4.0).</summary>
public class FluxnetDailyReaderRealFileTests
{
    public static readonly string UsWi7 = RepoPaths.Fixture("fluxnet", "FLX_US-Wi7_FLUXNET2015_FULLSET_DD_2005-2005_1-4.csv");

    [Fact]
    public void Read_UsWi7_TakesSiteReleaseAndAllOfTheYear()
    {
        var r = FluxnetDailyReader.Read(UsWi7);

        Assert.Equal("US-Wi7", r.SiteId);
        Assert.Equal(FluxnetRelease.Fluxnet2015, r.Release);
        Assert.Equal(new DateOnly(2005, 1, 1), r.FirstDay);
        Assert.Equal(new DateOnly(2005, 12, 31), r.LastDay);
        Assert.Equal(365, r.DayCount);
        Assert.DoesNotContain(r.Nee, float.IsNaN);
    }

    [Theory]
    // values copied by hand from the CSV text (columns GPP_NT_VUT_USTAR50, RECO_NT_VUT_USTAR50, NEE_VUT_USTAR50, NEE_VUT_USTAR50_QC)
    [InlineData(0, -0.205054, 0.0, 0.205054, 0.0)]       // line 2: 20050101
    [InlineData(198, 6.37282, 3.48872, -2.8841, 1.0)]    // line 200: 20050718
    [InlineData(364, 0.113452, 0.185457, 0.0720047, 0.0)] // line 366: 20051231
    public void Read_UsWi7_GivesTheValuesOfTheCsvText(int day, double gpp, double reco, double nee, double qc)
    {
        var r = FluxnetDailyReader.Read(UsWi7);

        Assert.Equal(gpp, r.Gpp[day], 5);
        Assert.Equal(reco, r.Reco[day], 5);
        Assert.Equal(nee, r.Nee[day], 5);
        Assert.Equal(qc, r.Qc[day], 5);
    }

    [Fact]
    public void Read_UsWi7_AnnualSumsAgreeWithThePublishedFigures()
    {
        // DESIGN.md §9: annual GPP_NT_VUT_REF 757, RECO 476, NEE -281 g C m-2; mean NEE_VUT_USTAR50_QC 0.46
        var r = FluxnetDailyReader.Read(UsWi7, extraColumns: ["GPP_NT_VUT_REF", "RECO_NT_VUT_REF", "NEE_VUT_REF"]);

        Assert.Equal(757, r.Extra["GPP_NT_VUT_REF"].Sum(), 0);
        Assert.Equal(476, r.Extra["RECO_NT_VUT_REF"].Sum(), 0);
        Assert.Equal(-281, r.Extra["NEE_VUT_REF"].Sum(), 0);
        Assert.Equal(0.46, r.Qc.Average(), 2);
        // and the USTAR50 series keep NEE = RECO - GPP day by day, as ONEFlux writes them
        for (var d = 0; d < r.DayCount; d++)
            Assert.Equal(r.Reco[d] - r.Gpp[d], r.Nee[d], 3);
    }

    [Fact]
    public void Read_UsWi7_HasFullyMeasuredDaysForTesting()
    {
        var r = FluxnetDailyReader.Read(UsWi7);

        // 120 rows of the file have NEE_VUT_USTAR50_QC = 1 (counted with awk)
        Assert.Equal(120, r.Qc.Count(q => q == 1f));
    }
}
