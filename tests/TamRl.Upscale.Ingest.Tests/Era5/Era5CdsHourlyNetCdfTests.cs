using System.Globalization;
using System.Text.RegularExpressions;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.TestSupport;
using static TamRl.Upscale.Ingest.Tests.Fixtures.Era5Fixtures;

namespace TamRl.Upscale.Ingest.Tests.Era5;

/// <summary>
/// Real hourly ERA5 from the CDS's old NetCDF converter (grib_to_netcdf: int16 packed, time in hours since
/// 1900, 41 x 41 cells at 0.25 degree over 45..55 N, 0..10 E, 2020-01-01 00..23 UTC) in the legacy layout,
/// decoded by hand from ncdump's packed values and checked against cdo's daily statistics.
/// </summary>
public class Era5CdsHourlyNetCdfTests
{
    private static string File(string variable) => RepoPaths.RealData("era5", "cds-hourly-netcdf", $"ERA5_2020-01-01_{variable}.nc");

    private static Era5FieldSeries Series(Era5Quantity quantity) =>
        Era5FieldSeries.Open(quantity, [new Era5InputSet(Era5Layout.Legacy, [File(quantity.ShortName)])]);

    /// <summary>The attribute's number as ncdump prints it in the header.</summary>
    private static double HeaderNumber(string path, string variable, string attribute)
    {
        var match = Regex.Match(Ncdump.Header(path), $@"\b{variable}:{attribute} = ([-0-9.eE+]+)");
        Assert.True(match.Success, $"{variable}:{attribute} not in ncdump -h {path}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double[] Cdo(string path, params string[] operators) =>
        ExternalTool.RunOk("cdo", ["-s", "outputf,%.10g,1", .. operators, path])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

    [Theory]
    [InlineData("tp", 5)]
    [InlineData("d2m", 17)]
    public void Read_RealCdsHourlyFile_EqualsNcdumpsPackedValuesDecodedByHand(string variable, int hour)
    {
        var quantity = Era5Quantity.All.Single(q => q.ShortName == variable);
        var path = File(variable);

        var series = Series(quantity);
        var map = new float[series.Grid.Rows * series.Grid.Columns];
        series.Read(Utc(2020, 1, 1, hour), map);

        // time = 1051896 .. 1051919 hours since 1900-01-01: 2020-01-01 00..23 UTC
        Assert.Equal(Hours(Utc(2020, 1, 1), 24), series.Times);
        Assert.Equal((41, 41, 55.0, 0.0), (series.Grid.Rows, series.Grid.Columns, series.Grid.LatitudeOfRow(0), series.Grid.LongitudeOfColumn(0)));
        var scale = HeaderNumber(path, variable, "scale_factor");
        var offset = HeaderNumber(path, variable, "add_offset");
        var packed = Ncdump.Values(path, variable).Skip(hour * 41 * 41).Take(41 * 41).ToArray(); // rows 55..45 N, columns 0..10 E as stored
        for (var i = 0; i < packed.Length; i++)
            Assert.Equal(packed[i] * scale + offset, map[i], Math.Abs(packed[i] * scale + offset) * 1e-6 + 1e-12);
    }

    [Fact]
    public void DailyAggregation_RealCdsHourlyFiles_EqualCdoDaymeanAndHourEndingDaysum()
    {
        var day = new DateOnly(2020, 1, 1);
        var d2m = Series(Era5Quantity.D2m);
        var tp = Series(Era5Quantity.Tp);
        var cells = 41 * 41;
        var mean = new float[cells];
        var min = new float[cells];
        var max = new float[cells];
        var total = new float[cells];

        DailyAggregation.Instant(d2m, day, mean, min, max);
        DailyAggregation.Accumulated(tp, day, total);

        var cdoMean = Cdo(File("d2m"), "-daymean");
        var cdoMin = Cdo(File("d2m"), "-daymin");
        var cdoMax = Cdo(File("d2m"), "-daymax");
        // The file ends at 23 UTC: the day's hour-ending sum lacks 2 January 00 UTC and is scaled by 24/23
        // (docs/ingest.md); cdo's daysum of the steps shifted back an hour holds 01..23 in its second day.
        var cdoSum = Cdo(File("tp"), "-daysum", "-shifttime,-1hour").Skip(cells).ToArray();
        for (var i = 0; i < cells; i++)
        {
            Assert.Equal(cdoMean[i], mean[i], 1e-3);
            Assert.Equal(cdoMin[i], min[i], 1e-3);
            Assert.Equal(cdoMax[i], max[i], 1e-3);
            Assert.Equal(cdoSum[i] * 24 / 23, total[i], 1e-8 + cdoSum[i] * 1e-5);
        }
        Assert.True(total.Max() > 1e-3); // it rained somewhere that day (up to mm)
    }
}

/// <summary>
/// A real single-point hourly ERA5 download (pvlib's test file: t2m, legacy packing, 48 hours at one cell).
/// A one-cell axis has no spacing, so the cell's extent (which regridding needs) is unknown: refused,
/// naming the file and the coordinate, rather than given a guessed resolution.
/// </summary>
public class Era5PointDownloadTests
{
    private static readonly string Point = RepoPaths.RealData("era5", "point", "era5_testfile_1day.nc");

    [Fact]
    public void Open_RealSinglePointDownload_RefusedNamingTheFileAndTheOneValueAxis()
    {
        using var set = new Era5InputSet(Era5Layout.Legacy, [Point]);

        var e = Assert.Throws<TamRl.Upscale.Core.Errors.InvalidInputException>(() => Era5FieldSeries.Open(Era5Quantity.T2m, [set]));

        Assert.Equal((Point, "latitude"), (e.FilePath, e.Variable));
        Assert.Contains("at least 2 values", e.Message);
    }
}
