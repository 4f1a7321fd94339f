using System.Globalization;
using System.Text.RegularExpressions;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.SampleWorld.Tests.Output;

[Collection(TinyWorldCollection.Name)]
public class Era5LayoutTests(TinyWorld world)
{
    [Fact]
    public void NewCdsDaily_HasValidTimeInSeconds_LatitudeDescending_FloatZlibVariables()
    {
        var path = world.File("era5", "new-cds", "era5_daily_2019-01.nc");
        var header = Ncdump.Header(path, special: true);
        Assert.Contains("int64 valid_time(valid_time)", header);
        Assert.Contains("valid_time:units = \"seconds since 1970-01-01\"", header);
        foreach (var v in new[] { "t2m", "d2m", "ssrd", "tp", "swvl1" })
        {
            Assert.Contains($"float {v}(valid_time, latitude, longitude)", header);
            Assert.Matches(new Regex($@"{v}:_DeflateLevel = 1"), header);
        }
        var lat = Ncdump.Values(path, "latitude");
        Assert.True(lat.Zip(lat.Skip(1)).All(p => p.First > p.Second), "latitude descends");
        var lon = Ncdump.Values(path, "longitude");
        Assert.True(lon.All(x => x is >= 0 and < 360) && lon.Zip(lon.Skip(1)).All(p => p.First < p.Second), "longitude ascends within 0..360");
        var time = Ncdump.Values(path, "valid_time");
        Assert.Equal(31, time.Length);
        Assert.Equal(new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.UnixEpoch.AddSeconds(time[0]));
        Assert.Equal(86400, time[1] - time[0]);
    }

    [Fact]
    public void NewCdsDaily_ValuesArePhysical()
    {
        var path = world.File("era5", "new-cds", "era5_daily_2019-01.nc");
        var t2m = Ncdump.Values(path, "t2m");
        var d2m = Ncdump.Values(path, "d2m");
        Assert.InRange(t2m.Average(), 255, 290);   // Central Europe in January
        Assert.True(t2m.Zip(d2m).All(p => p.Second <= p.First + 1e-3), "dew point never exceeds temperature");
        Assert.True(Ncdump.Values(path, "ssrd").All(x => x is >= 0 and < 4e7));
        Assert.True(Ncdump.Values(path, "tp").All(x => x is >= 0 and < 0.3));
    }

    [Fact]
    public void Legacy_IsPackedInt16_WithPerFileScale_AndHoursSince1900_DecodingToTheNewCdsValues()
    {
        var jan = world.File("era5", "legacy", "era5_legacy_2019-01.nc");
        var feb = world.File("era5", "legacy", "era5_legacy_2019-02.nc");
        var header = Ncdump.Header(jan);
        Assert.Contains("short t2m(time, latitude, longitude)", header);
        Assert.Contains("time:units = \"hours since 1900-01-01 00:00:00.0\"", header);
        var (scale, offset) = Packing(header, "t2m");
        Assert.NotEqual(Packing(Ncdump.Header(feb), "t2m"), (scale, offset));
        Assert.Equal(new DateTime(2019, 1, 1), new DateTime(1900, 1, 1).AddHours(Ncdump.Values(jan, "time")[0]));

        var raw = Ncdump.Values(jan, "t2m");
        var reference = Ncdump.Values(world.File("era5", "new-cds", "era5_daily_2019-01.nc"), "t2m");
        Assert.Equal(reference.Length, raw.Length);
        for (var i = 0; i < raw.Length; i++)
            Assert.True(Math.Abs(raw[i] * scale + offset - reference[i]) <= scale * 0.51 + 1e-4, $"value {i}");
    }

    private static (double Scale, double Offset) Packing(string header, string variable)
    {
        double Attr(string name) => double.Parse(
            Regex.Match(header, $@"{variable}:{name} = ([-0-9.eE+]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        return (Attr("scale_factor"), Attr("add_offset"));
    }

    [Fact]
    public void Hourly_AccumulationsAreHourEnding_AndSumToTheDailyTotals()
    {
        var hourly = world.File("era5", "hourly", "era5_hourly_2019-01.nc");
        var daily = world.File("era5", "new-cds", "era5_daily_2019-01.nc");
        using var h = IO.NetCdf.NetCdfFile.Open(hourly);
        using var d = IO.NetCdf.NetCdfFile.Open(daily);
        Assert.Equal(31 * 24, h.Dimensions["valid_time"]);
        var hourLat = h.Read<double>("latitude");
        var hourLon = h.Read<double>("longitude");
        var dayLat = d.Read<double>("latitude").ToList();
        var dayLon = d.Read<double>("longitude").ToList();
        var rows = hourLat.Length;
        var cols = hourLon.Length;
        // Day 10: steps 01..23 of the 10th plus 00 of the 11th.
        var ssrd = h.Read<float>("ssrd", [9 * 24 + 1, 0, 0], [24, rows, cols]);
        var tp = h.Read<float>("tp", [9 * 24 + 1, 0, 0], [24, rows, cols]);
        var t2m = h.Read<float>("t2m", [9 * 24, 0, 0], [24, rows, cols]);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                var dr = dayLat.IndexOf(hourLat[r]);
                var dc = dayLon.IndexOf(hourLon[c]);
                var dailySsrd = d.Read<float>("ssrd", [9, dr, dc], [1, 1, 1])[0];
                var dailyTp = d.Read<float>("tp", [9, dr, dc], [1, 1, 1])[0];
                var dailyT = d.Read<float>("t2m", [9, dr, dc], [1, 1, 1])[0];
                var i = r * cols + c;
                Assert.Equal(dailySsrd, Enumerable.Range(0, 24).Sum(k => (double)ssrd[k * rows * cols + i]), dailySsrd * 1e-4 + 1);
                Assert.Equal(dailyTp, Enumerable.Range(0, 24).Sum(k => (double)tp[k * rows * cols + i]), 1e-6);
                Assert.Equal(dailyT, Enumerable.Range(0, 24).Average(k => (double)t2m[k * rows * cols + i]), 1e-3);
            }
    }

    [Fact]
    public void Hourly_LastDayOfAMonth_IsCompletedByStep00OfTheNextMonthsFile()
    {
        using var jan = IO.NetCdf.NetCdfFile.Open(world.File("era5", "hourly", "era5_hourly_2019-01.nc"));
        using var feb = IO.NetCdf.NetCdfFile.Open(world.File("era5", "hourly", "era5_hourly_2019-02.nc"));
        using var daily = IO.NetCdf.NetCdfFile.Open(world.File("era5", "new-cds", "era5_daily_2019-01.nc"));
        var rows = (int)jan.Dimensions["latitude"];
        var cols = (int)jan.Dimensions["longitude"];
        var dayLat = daily.Read<double>("latitude").ToList();
        var dayLon = daily.Read<double>("longitude").ToList();
        var hourLat = jan.Read<double>("latitude");
        var hourLon = jan.Read<double>("longitude");
        // The wettest cell of the region on 31 January, so the check is not 0 = 0.
        var (r, c, dr, dc) = Enumerable.Range(0, rows * cols)
            .Select(i => (R: i / cols, C: i % cols, Dr: dayLat.IndexOf(hourLat[i / cols]), Dc: dayLon.IndexOf(hourLon[i % cols])))
            .MaxBy(x => daily.Read<float>("tp", [30, x.Dr, x.Dc], [1, 1, 1])[0]);
        var inJanuary = jan.Read<float>("tp", [30 * 24 + 1, r, c], [23, 1, 1]).Sum(v => (double)v);
        var fromFebruary = feb.Read<float>("tp", [0, r, c], [1, 1, 1])[0];
        var expected = daily.Read<float>("tp", [30, dr, dc], [1, 1, 1])[0];
        Assert.True(expected > 0);
        Assert.Equal(expected, inJanuary + fromFebruary, 1e-6);
        Assert.Equal(new DateTime(2019, 2, 1), DateTime.UnixEpoch.AddSeconds(feb.Read<long>("valid_time")[0]));
    }

    [Fact]
    public void ArcoZarr_ReadsThroughGdal_WithLongNames_AndTheHourlyValues()
    {
        using var z = IO.Gdal.GdalZarrDataset.Open(world.File("era5", "arco.zarr"));
        using var h = IO.NetCdf.NetCdfFile.Open(world.File("era5", "hourly", "era5_hourly_2019-01.nc"));
        Assert.Equal(31 * 24, z.Dimensions["time"]);
        var rows = (int)h.Dimensions["latitude"];
        var cols = (int)h.Dimensions["longitude"];
        var fromZarr = z.ReadDoubles("2m_temperature", [100, 0, 0], [1, rows, cols]);
        var fromNc = h.Read<float>("t2m", [100, 0, 0], [1, rows, cols]);
        Assert.Equal(fromNc.Select(v => (double)v), fromZarr);
        Assert.Equal(h.Read<float>("tp", [30, 0, 0], [1, rows, cols]).Select(v => (double)v), z.ReadDoubles("total_precipitation", [30, 0, 0], [1, rows, cols]));
        var time = z.ReadDoubles("time", [24], [1]);
        Assert.Equal(new DateTime(2019, 1, 2), new DateTime(1900, 1, 1).AddHours(time[0]));
    }
}
