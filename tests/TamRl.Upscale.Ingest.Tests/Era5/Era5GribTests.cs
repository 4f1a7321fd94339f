using System.Globalization;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.Ingest.Tests.Fixtures;
using TamRl.Upscale.TestSupport;
using static TamRl.Upscale.Ingest.Tests.Fixtures.Era5Fixtures;

namespace TamRl.Upscale.Ingest.Tests.Era5;

/// <summary>The grib layout: ERA5 GRIB as the CDS sends it, through the same hourly-to-daily path as the NetCDF layouts.</summary>
public class Era5GribTests
{
    private static readonly StoredGrid Grid = StoredGrid.Regional(50, 5, 2, 3, 0.25);
    private static readonly string SoilMix = RepoPaths.RealData("era5", "grib", "soil-surface-level-mix.grib");
    private static readonly string Members = RepoPaths.RealData("era5", "grib", "era5-levels-members-first10.grib");

    private static FixtureVariable[] Hourly() =>
    [
        new("t2m", "K", (t, lat, lon) => 275 + 6 * Math.Sin(t.Hour / 24.0 * 2 * Math.PI) + lat / 10 + lon + t.Day),
        new("d2m", "K", (t, lat, lon) => 270 + 2 * Math.Cos(t.Hour / 24.0 * 2 * Math.PI) + lon),
        new("ssrd", "J m**-2", (t, _, lon) => t.Hour is >= 7 and <= 17 ? 1e5 * (1 + Math.Sin((t.Hour - 7) / 10.0 * Math.PI)) + lon * 1000 : 0),
        new("tp", "m", (t, lat, _) => t.Hour % 5 == 0 ? 2e-4 + lat * 1e-6 : 0),
        new("swvl1", "m**3 m**-3", (t, _, lon) => 0.3 + t.Hour * 1e-3 + lon / 100),
    ];

    private static double[] Cdo(string file, params string[] operators) =>
        ExternalTool.RunOk("cdo", ["-s", "outputf,%.10g,1", .. operators, file])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Compute_HourlyGrib_EqualsCdosDailyStatisticsOfTheSameFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("era5.grib");
        GribFixtures.WriteGrib(path, Grid, Hours(Utc(2020, 1, 1), 49), Hourly());
        using var set = new Era5InputSet(Era5Layout.Grib, [path]);

        var maps = Era5DailyDrivers.Open([set]).Compute(new DateOnly(2020, 1, 1)).ToDictionary(m => m.Feature, m => m.Values);

        // cdo groups by calendar day; day 1 is the first 6 values (the 2 x 3 cells), stored order = canonical here.
        var mean = Cdo(path, "-daymean", "-selparam,167.128").Take(6).ToArray();
        var min = Cdo(path, "-daymin", "-selparam,167.128").Take(6).ToArray();
        var max = Cdo(path, "-daymax", "-selparam,167.128").Take(6).ToArray();
        // Hour-ending accumulations: shifted back one hour, 2020-01-01 is cdo's second day (after 31 December's one step).
        var ssrd = Cdo(path, "-daysum", "-shifttime,-1hour", "-selparam,169.128").Skip(6).Take(6).ToArray();
        var tp = Cdo(path, "-daysum", "-shifttime,-1hour", "-selparam,228.128").Skip(6).Take(6).ToArray();
        var swc = Cdo(path, "-daymean", "-selparam,39.128").Take(6).ToArray();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(mean[i] - 273.15, maps["ta"][i], 1e-3);
            Assert.Equal(min[i] - 273.15, maps["ta_min"][i], 1e-3);
            Assert.Equal(max[i] - 273.15, maps["ta_max"][i], 1e-3);
            Assert.Equal(ssrd[i] / 86400, maps["sw_in"][i], 1e-3);
            Assert.Equal(tp[i] * 1000, maps["precip"][i], 1e-4);
            Assert.Equal(swc[i], maps["swc"][i], 1e-5);
        }
        Assert.True(maps["ta_max"][0] - maps["ta_min"][0] > 10); // the diurnal cycle, not the mean thrice
    }

    [Fact]
    public void Open_RealGribSoilMix_ReadsSwvl1AsGdallocationinfoReadsBand7()
    {
        using var set = new Era5InputSet(Era5Layout.Grib, [SoilMix]);

        var series = Era5FieldSeries.Open(Era5Quantity.Swvl1, [set]);
        var map = new float[series.Grid.Rows * series.Grid.Columns];
        series.Read(Utc(2022, 1, 1), map);

        Assert.Equal((6, 6, 50.0, 0.0), (series.Grid.Rows, series.Grid.Columns, series.Grid.LatitudeOfRow(0), series.Grid.LongitudeOfColumn(0)));
        foreach (var (row, column) in new[] { (0, 0), (2, 3), (5, 5) })
        {
            var lat = series.Grid.LatitudeOfRow(row);
            var lon = series.Grid.LongitudeOfColumn(column);
            var expected = double.Parse(ExternalTool.RunOk("gdallocationinfo", "-valonly", "-b", "7", "-geoloc", SoilMix,
                lon.ToString(CultureInfo.InvariantCulture), lat.ToString(CultureInfo.InvariantCulture)).Trim(), CultureInfo.InvariantCulture);
            Assert.Equal(expected, map[row * series.Grid.Columns + column], 1e-6);
        }
    }

    [Fact]
    public void Open_GribWithoutTheParameter_NamesTheVariableAndWhatTheFileHolds()
    {
        using var set = new Era5InputSet(Era5Layout.Grib, [SoilMix]);

        var e = Assert.Throws<InvalidInputException>(() => Era5FieldSeries.Open(Era5Quantity.Ssrd, [set]));

        Assert.Equal("ssrd", e.Variable);
        Assert.Contains(SoilMix, e.Message);
        Assert.Contains("the files hold t2m, stl1", e.Message);
    }

    [Fact]
    public void Open_PressureLevelEnsembleGrib_SaysTheMessagesArePressureLevelsNotRead()
    {
        using var set = new Era5InputSet(Era5Layout.Grib, [Members]);

        var e = Assert.Throws<InvalidInputException>(() => Era5FieldSeries.Open(Era5Quantity.T2m, [set]));

        Assert.Contains("z@500-ISBL", e.Message);
        Assert.Contains("pressure-level messages", e.Message);
    }

    [Fact]
    public void Open_TwoMessagesOfOneParameterAtOneTime_RefusedNamingTheFileBandsAndTime()
    {
        using var dir = new TempDirectory();
        var once = dir.File("once.grib");
        GribFixtures.WriteGrib(once, Grid, Hours(Utc(2020, 1, 1), 2), Hourly()[0]);
        var twice = dir.File("twice.grib");
        File.WriteAllBytes(twice, [.. File.ReadAllBytes(once), .. File.ReadAllBytes(once)]);
        using var set = new Era5InputSet(Era5Layout.Grib, [twice]);

        var e = Assert.Throws<InvalidInputException>(() => Era5FieldSeries.Open(Era5Quantity.T2m, [set]));

        Assert.Equal((twice, "t2m"), (e.FilePath, e.Variable));
        Assert.Contains("messages 1 and 3", e.Message);
        Assert.Contains("2020-01-01 00:00", e.Message);
    }

    [Fact]
    public void Open_TwoGribFilesOverlappingInTime_RefusedNamingBothFilesAndTheTime()
    {
        using var dir = new TempDirectory();
        GribFixtures.WriteGrib(dir.File("a.grib"), Grid, Hours(Utc(2020, 1, 1), 24), Hourly()[0]);
        GribFixtures.WriteGrib(dir.File("b.grib"), Grid, Hours(Utc(2020, 1, 1, 23), 24), Hourly()[0]);
        using var set = new Era5InputSet(Era5Layout.Grib, [dir.File("a.grib"), dir.File("b.grib")]);

        var e = Assert.Throws<InvalidInputException>(() => Era5FieldSeries.Open(Era5Quantity.T2m, [set]));

        Assert.Contains("2020-01-01 23:00", e.Message);
        Assert.Contains("a.grib", e.Message);
        Assert.Contains("b.grib", e.Message);
    }

    [Fact]
    public void InputSet_GribLayoutGivenNetCdf_AndNetCdfLayoutGivenGrib_AreRefusedNamingTheFile()
    {
        using var dir = new TempDirectory();
        var nc = dir.File("era5.nc");
        WriteNewCds(nc, Grid, Hours(Utc(2020, 1, 1), 1), Hourly()[0]);

        var grib = Assert.Throws<InvalidInputException>(() => new Era5InputSet(Era5Layout.Grib, [nc]));
        var netcdf = Assert.Throws<InvalidInputException>(() => new Era5InputSet(Era5Layout.NewCds, [SoilMix]));

        Assert.Equal(nc, grib.FilePath);
        Assert.Contains("expects a GRIB file", grib.Message);
        Assert.Equal(SoilMix, netcdf.FilePath);
        Assert.Contains("use layout grib", netcdf.Message);
    }
}

/// <summary>The configuration's layout names: what the schema lists is what the loader reads.</summary>
public class Era5LayoutNameTests
{
    [Fact]
    public void Schema_ListsEveryEra5LayoutUnderTheNameTheConfigurationLoaderReads()
    {
        var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "pipeline-config.schema.json")));
        var listed = FindLayoutEnum(schema.RootElement)!.Value.EnumerateArray().Select(e => e.GetString()).ToArray();

        var names = Enum.GetValues<Era5Layout>().Select(l => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(l.ToString())).ToArray();

        Assert.Equal(["new-cds", "legacy", "zarr", "grib", "era5-land"], names);
        Assert.Equal(names, listed);
    }

    private static System.Text.Json.JsonElement? FindLayoutEnum(System.Text.Json.JsonElement e)
    {
        if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name == "layout" && p.Value.ValueKind == System.Text.Json.JsonValueKind.Object && p.Value.TryGetProperty("enum", out var values))
                    return values;
                if (FindLayoutEnum(p.Value) is { } found)
                    return found;
            }
        return null;
    }
}

/// <summary>
/// GRIB1 accumulation windows (time range indicator 4, from reference + P1 to reference + P2), which GDAL's
/// metadata does not show: messages written by cdo with their section-1 octets 19-21 set as ECMWF encodes
/// ERA5 (reference 06 UTC, P1 = step - 1, P2 = step) or ERA5-Land (P1 = 0, P2 = step).
/// </summary>
public class Era5GribAccumulationTests
{
    private static readonly StoredGrid Grid = StoredGrid.Regional(50, 5, 2, 3, 0.25);

    /// <summary>tp for 2020-01-01 07..30 UTC (24 hours), from reference 06 UTC with steps 1..24, windows [P1, P2].</summary>
    private static string Write(TempDirectory dir, Func<int, int> p1)
    {
        var path = dir.File("tp.grib");
        GribFixtures.WriteGrib(path, Grid, Hours(Utc(2020, 1, 1, 7), 24), new FixtureVariable("tp", "m", (t, _, _) => 1e-4 * t.Hour));
        var bytes = File.ReadAllBytes(path);
        var step = 0;
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            if (bytes[i] != 'G' || bytes[i + 1] != 'R' || bytes[i + 2] != 'I' || bytes[i + 3] != 'B')
                continue;
            step++;
            var pds = i + 8;
            bytes[pds + 15] = 6;                   // reference hour 06 UTC (octet 16 of section 1)
            bytes[pds + 17] = 1;                   // unit: hour
            bytes[pds + 18] = (byte)p1(step);      // P1
            bytes[pds + 19] = (byte)step;          // P2
            bytes[pds + 20] = 4;                   // accumulation from P1 to P2
            i += ((bytes[i + 4] << 16) | (bytes[i + 5] << 8) | bytes[i + 6]) - 1;
        }
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Open_Era5HourlyAccumulations_ValidTimeIsTheEndOfEachHourAsCdoSays()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, step => step - 1);

        var series = Era5FieldSeries.Open(Era5Quantity.Tp, [new Era5InputSet(Era5Layout.Grib, [path])]);

        var cdo = ExternalTool.RunOk("cdo", "-s", "showtimestamp", path).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => DateTime.SpecifyKind(DateTime.Parse(t, CultureInfo.InvariantCulture), DateTimeKind.Utc)).ToArray();
        Assert.Equal(cdo, series.Times);
        Assert.Equal(Utc(2020, 1, 1, 7), series.Times[0]);
    }

    [Fact]
    public void Open_RunningTotalsInTheGribLayout_RefusedNamingTheMessageAndTheWindow()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, _ => 0);

        var e = Assert.Throws<InvalidInputException>(() => Era5FieldSeries.Open(Era5Quantity.Tp, [new Era5InputSet(Era5Layout.Grib, [path])]));

        Assert.Equal((path, "tp"), (e.FilePath, e.Variable));
        Assert.Contains("message 2", e.Message);
        Assert.Contains("accumulates over 2 h", e.Message);
        Assert.Contains("era5-land", e.Message);
    }
}
