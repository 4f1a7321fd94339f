using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.Sites.Windows;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Windows;

public class TowerMeteorologySourceTests
{
    private static readonly string Folder = RepoPaths.RealData("towers-fluxnet2015");

    private static TowerSite Site(string id) => SiteTable.Read(Folder).Single(s => s.Id == id);

    /// <summary>A column of a real tower file by date, read here with plain string handling (independent of the reader).</summary>
    private static Dictionary<DateOnly, double> RawColumn(string file, string column)
    {
        var lines = File.ReadAllLines(file);
        var c = Array.IndexOf(lines[0].Split(','), column);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            f => DateOnly.ParseExact(f[0], "yyyyMMdd", CultureInfo.InvariantCulture), f => double.Parse(f[c], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ReadSeries_GivesTheTowersOwnMeteorology_AndTheComputedFeatures_NaNOutsideItsRecord()
    {
        var rob = Site("AU-Rob");
        var source = new TowerMeteorologySource([rob], Folder, columns: null, targets: TowerColumns.Reference);
        Assert.Equal(TowerMeteorologySource.DefaultFeatures, source.Features);
        Assert.Equal(new DateOnly(2014, 1, 1), source.FirstDay);
        Assert.True(source.TryLocate(rob, out var row, out var column));

        // One week before the record to one week after it.
        var first = new DateOnly(2013, 12, 25);
        var last = new DateOnly(2015, 1, 7);
        var series = source.ReadSeries([(row, column)], first, last);

        var days = last.DayNumber - first.DayNumber + 1;
        var nf = source.Features.Count;
        Assert.Equal(days * nf, series.Length);
        var ta = RawColumn(rob.File, "TA_F");
        var sw = RawColumn(rob.File, "SW_IN_F");
        var vpd = RawColumn(rob.File, "VPD_F");
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);
            var values = series.AsSpan(d * nf, nf);
            if (!ta.ContainsKey(day))
            {
                Assert.All(values.ToArray(), v => Assert.True(float.IsNaN(v)));
                continue;
            }
            Assert.Equal((float)ta[day], values[0]);
            Assert.Equal((float)sw[day], values[1]);
            Assert.Equal((float)vpd[day], values[2]);
            Assert.Equal((float)SolarGeometry.PotentialShortwave(rob.Latitude, day), values[3]);
            Assert.Equal((float)SolarGeometry.DayLength(rob.Latitude, day), values[4]);
        }
    }

    [Fact]
    public void GapFill_InterpolatesShortGaps_AndFillsLongOnesWithTheSitesSeasonalCycle()
    {
        var site = new TowerSite("XX-Gap", 45, 10, 10, 15, "", "XX.csv");
        var first = new DateOnly(2001, 1, 1);
        // Two years of a clean seasonal signal, with a 3-day gap in year 1 and a 40-day gap in year 2.
        var values = Enumerable.Range(0, 730).Select(i => 10 + 8 * Math.Sin(2 * Math.PI * first.AddDays(i).DayOfYear / 365.0)).ToArray();
        var holed = (double[])values.Clone();
        for (var i = 100; i < 103; i++) holed[i] = double.NaN;
        for (var i = 465; i < 505; i++) holed[i] = double.NaN;

        var filled = TowerMeteorologySource.GapFill(holed, first, site, "TA_F");

        for (var i = 100; i < 103; i++)
            Assert.Equal(holed[99] + (holed[103] - holed[99]) * (i - 99) / 4.0, filled[i], 9);
        // The long gap takes the same days of year from the other year (smoothed over +-7 days): close to the signal.
        for (var i = 465; i < 505; i++)
            Assert.Equal(values[i], filled[i], 0.3);
        Assert.All(filled, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void ReadSeries_FillsTheYearASiteSkips_SoItsRecordHasNoHole()
    {
        var wi3 = Site("US-Wi3"); // the file skips 2003 whole
        var source = new TowerMeteorologySource([wi3], Folder, ["ta"], targets: TowerColumns.Reference);

        var series = source.ReadSeries([(0, 0)], source.FirstDay, source.LastDay);

        Assert.Equal(new DateOnly(2002, 1, 1), source.FirstDay);
        Assert.Equal(new DateOnly(2004, 12, 31), source.LastDay);
        Assert.All(series, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Constructor_RefusesAnUnknownFeature_AndOneWithoutAColumn_NamingTheField()
    {
        var rob = Site("AU-Rob");
        var unknown = Assert.Throws<InvalidInputException>(() => new TowerMeteorologySource([rob], Folder, ["ta", "tair"], targets: TowerColumns.Reference));
        Assert.Equal("sites.features", unknown.Variable);
        var noColumn = Assert.Throws<InvalidInputException>(() => new TowerMeteorologySource([rob], Folder, ["ndvi"], targets: TowerColumns.Reference));
        Assert.Equal("sites.meteorology", noColumn.Variable);
        Assert.Contains("'ndvi'", noColumn.Message);
    }

    [Fact]
    public void Constructor_RefusesAMeteorologyColumnTheFileLacks_NamingFileAndColumn_BeforeAnySeriesIsRead()
    {
        var rob = Site("AU-Rob");

        var e = Assert.Throws<InvalidInputException>(() => new TowerMeteorologySource([rob], Folder, ["precip"], targets: TowerColumns.Reference));

        Assert.Equal(rob.File, e.FilePath);
        Assert.Equal("P_F", e.Variable);
    }

    [Fact]
    public void Constructor_MergesConfiguredColumnsOverTheDefaults()
    {
        var rob = Site("AU-Rob");
        // Naming only precip's column keeps ta's default (TA_F); P_F is not in the derived files, so asking for it fails there.
        var source = new TowerMeteorologySource([rob], Folder, ["ta", "precip"], new Dictionary<string, string> { ["precip"] = "TA_F" }, TowerColumns.Reference);

        var series = source.ReadSeries([(0, 0)], source.FirstDay, source.FirstDay);

        Assert.Equal(series[0], series[1]);
        Assert.Equal((float)RawColumn(rob.File, "TA_F")[source.FirstDay], series[0]);
    }
}
