using TamRl.Upscale.Core.Grid;
using System.Globalization;

namespace TamRl.Upscale.SampleWorld.Tests.Towers;

[Collection(TinyWorldCollection.Name)]
public class TowerFileTests(TinyWorld world)
{
    private static readonly string[] Columns =
    [
        "TIMESTAMP", "TA_F", "SW_IN_F", "VPD_F", "P_F", "NEE_VUT_REF", "NEE_VUT_USTAR50", "NEE_VUT_USTAR50_QC",
        "RECO_NT_VUT_REF", "RECO_NT_VUT_USTAR50", "GPP_NT_VUT_REF", "GPP_NT_VUT_USTAR50",
    ];

    [Fact]
    public void SitesTable_ListsRealSites_WithFilesNamedByNetworkConvention()
    {
        var lines = File.ReadAllLines(world.File("towers", "sites.csv"));
        Assert.Equal("site_id,lat,lon,igbp,koppen,network,file", lines[0]);
        Assert.True(lines.Length > 20, "Central Europe holds many real towers");
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            Assert.StartsWith(f[5] + "_" + f[0] + "_", f[6]);
            Assert.True(File.Exists(world.File("towers", f[6])), f[6]);
            Assert.InRange(double.Parse(f[1], CultureInfo.InvariantCulture), 40, 60);
        }
        Assert.Contains(lines, l => l.Contains(",FLX,FLX_") && l.Contains("_FLUXNET2015_FULLSET_DD_"));
        Assert.Contains(lines, l => l.Contains(",ICOSETC,ICOSETC_") && l.EndsWith("_FLUXNET_DD_L2.csv"));
    }

    [Fact]
    public void TowerFiles_CarryTheFullsetColumns_DailyTimestamps_AndMinus9999Gaps()
    {
        var files = Directory.GetFiles(world.File("towers"), "*_DD_*.csv");
        Assert.NotEmpty(files);
        var anyGap = false;
        var anyNegativeGpp = false;
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            var header = lines[0].Split(',');
            Assert.All(Columns, c => Assert.Contains(c, header));
            var ts = Array.IndexOf(header, "TIMESTAMP");
            var nee = Array.IndexOf(header, "NEE_VUT_USTAR50");
            var gpp = Array.IndexOf(header, "GPP_NT_VUT_USTAR50");
            var reco = Array.IndexOf(header, "RECO_NT_VUT_USTAR50");
            var previous = DateTime.MinValue;
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                var date = DateTime.ParseExact(f[ts], "yyyyMMdd", CultureInfo.InvariantCulture);
                Assert.True(previous == DateTime.MinValue || date == previous.AddDays(1));
                previous = date;
                if (f[nee] == "-9999")
                {
                    anyGap = true;
                    Assert.Equal("-9999", f[gpp]);
                    continue;
                }
                var n = double.Parse(f[nee], CultureInfo.InvariantCulture);
                var g = double.Parse(f[gpp], CultureInfo.InvariantCulture);
                var r = double.Parse(f[reco], CultureInfo.InvariantCulture);
                Assert.Equal(r - g, n, 1e-4);       // night-time partitioning: GPP = RECO - NEE
                anyNegativeGpp |= g < 0;
            }
        }
        Assert.True(anyGap, "some -9999 gaps");
        Assert.True(anyNegativeGpp, "partitioned GPP dips below zero on some winter days, as in real files");
    }

    [Fact]
    public void DailyQc_IsBimodalLikeRealFiles_WithCompleteDaysOnAShareOfDaysLikeUsWi7()
    {
        // The real US-Wi7 2005 FULLSET DD file (data/real/fluxnet) has NEE_VUT_USTAR50_QC = 1 on 120 of 365 days.
        var complete = 0;
        var partial = 0;
        foreach (var file in Directory.GetFiles(world.File("towers"), "FLX_*_DD_*.csv").Concat(Directory.GetFiles(world.File("towers"), "ICOSETC_*_DD_*.csv")))
        {
            var lines = File.ReadAllLines(file);
            var qc = Array.IndexOf(lines[0].Split(','), "NEE_VUT_USTAR50_QC");
            foreach (var line in lines.Skip(1))
            {
                var value = line.Split(',')[qc];
                if (value == "-9999")
                    continue;
                if (double.Parse(value, CultureInfo.InvariantCulture) == 1)
                    complete++;
                else
                    partial++;
            }
        }
        var share = complete / (double)(complete + partial);
        Assert.InRange(share, 0.12, 0.55);
    }
}

public class TowerNetworkTests
{
    [Fact]
    public void RegionWithoutTowers_StillWritesTheSitesTableHeader()
    {
        using var tmp = new TamRl.Upscale.TestSupport.TempDirectory();
        var root = Path.Combine(tmp.Path, "w");
        // The middle of the Sahara: no tower within reach.
        SampleWorldGenerator.Generate(TinyWorld.Options(root) with { Box = new BoundingBox(10, 20, 16, 26), EndMonth = 1 });
        Assert.Equal(["site_id,lat,lon,igbp,koppen,network,file"], File.ReadAllLines(Path.Combine(root, "towers", "sites.csv")));
    }
}
