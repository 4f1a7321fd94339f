using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.SampleWorld.Tests.Output;

[Collection(TinyWorldCollection.Name)]
public class TruthAndModisTests(TinyWorld world)
{
    [Fact]
    public void Truth_NeeEqualsRecoMinusGpp_ExactlyInFloat32_AndIsNaNOnlyAtSea()
    {
        var path = world.File("truth", "truth_2019.nc");
        Assert.Contains("time:units = \"days since 1970-01-01\"", Ncdump.Header(path));
        using var nc = NetCdfFile.Open(path);
        var gpp = nc.Read<float>("gpp");
        var reco = nc.Read<float>("reco");
        var nee = nc.Read<float>("nee");
        using var geo = NetCdfFile.Open(world.File("static", "geography.nc"));
        var land = geo.Read<float>("land_fraction");
        Assert.Equal(59, nc.Dimensions["time"]);
        var landValues = 0;
        for (var i = 0; i < gpp.Length; i++)
        {
            var isLand = land[i % land.Length] > 0;
            Assert.Equal(!isLand, float.IsNaN(gpp[i]));
            if (!isLand)
                continue;
            landValues++;
            Assert.Equal(reco[i] - gpp[i], nee[i]);
            Assert.True(gpp[i] >= 0 && reco[i] >= 0);
        }
        Assert.True(landValues > 0);
    }

    [Fact]
    public void Geography_HasTheContractVariables_FromTheKottekLandMask()
    {
        var path = world.File("static", "geography.nc");
        var header = Ncdump.Header(path);
        foreach (var v in new[] { "float land_fraction(lat, lon)", "float elevation(lat, lon)", "int koppen(lat, lon)", "int igbp(lat, lon)" })
            Assert.Contains(v, header);
        var land = Ncdump.Values(path, "land_fraction");
        var koppen = Ncdump.Values(path, "koppen");
        Assert.Contains(land, f => f == 1);
        Assert.Contains(land, f => f == 0);          // the North Sea / Mediterranean
        Assert.True(land.Zip(koppen).All(p => p.First > 0 == p.Second > 0), "a Koppen class exactly where there is land");
        var lat = Ncdump.Values(path, "lat");
        Assert.Equal(59, lat[0]);                    // rows north to south, cell centres
    }

    [Fact]
    public void Modis_IsPackedInt16_WithFillAndQaBits_AndCloudyGaps()
    {
        var path = world.File("modis", "modis_2019.nc");
        var header = Ncdump.Header(path);
        Assert.Contains("short ndvi(time, lat, lon)", header);
        Assert.Contains("ndvi:_FillValue = -3000s", header);
        Assert.Contains("ndvi:scale_factor = 0.0001", header);
        Assert.Contains("ushort lst_day(time, lat, lon)", header);
        Assert.Contains("ushort qa(time, lat, lon)", header);
        var ndvi = Ncdump.Values(path, "ndvi");
        var qa = Ncdump.Values(path, "qa");
        Assert.Equal(8, Ncdump.Values(path, "time").Length);    // 59 days: windows starting on days 1, 9, ..., 57
        var cloudy = ndvi.Zip(qa).Count(p => ((int)p.Second & 3) == 2);
        var good = ndvi.Zip(qa).Where(p => ((int)p.Second & 3) <= 1).ToList();
        Assert.True(cloudy > 0, "some land composites are cloudy gaps");
        Assert.True(good.Count > 0);
        Assert.All(good, p => Assert.InRange(p.First, -2000, 10000));
        Assert.True(ndvi.Zip(qa).Where(p => ((int)p.Second & 3) >= 2).All(p => double.IsNaN(p.First) || p.First == -3000), "fill where not produced");
    }
}
