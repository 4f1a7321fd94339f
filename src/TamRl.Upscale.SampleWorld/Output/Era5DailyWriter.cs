using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.SampleWorld.Streaming;
using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>
/// W/era5/new-cds/era5_daily_YYYY-MM.nc: one file per month in the layout of the new CDS (2024) daily
/// statistics: valid_time int64 "seconds since 1970-01-01" (proleptic_gregorian), latitude descending,
/// longitude 0..360, float32 zlib with NaN fill, a scalar "number"; a string expver per step ("0001", final ERA5)
/// as the CDS writes it. Daily means for t2m, d2m, swvl1; daily sums for ssrd and tp.
/// The file is defined once (<see cref="Define"/>) and then written band by band (<see cref="OpenBand"/>): one
/// day of one band in memory. Chunks are whole rows of the band plan, so a band's day covers whole chunks.
/// </summary>
internal sealed class Era5DailyWriter : IDisposable
{
    private readonly NetCdfFile _nc;
    private readonly GridLayout _layout;
    private readonly int _rowStart, _rows;
    private readonly float[] _buffer;
    private readonly VariableRanges _ranges;

    private Era5DailyWriter(NetCdfFile nc, GridLayout layout, int rowStart, int rows, VariableRanges ranges)
    {
        _nc = nc;
        _layout = layout;
        _rowStart = rowStart;
        _rows = rows;
        _ranges = ranges;
        _buffer = new float[rows * layout.Columns];
    }

    public static void Define(string path, GridLayout layout, BandPlan plan, int year, int month, SampleWorldOptions options)
    {
        var days = DateTime.DaysInMonth(year, month);
        using var nc = NetCdfFile.Create(path);
        NetCdfConventions.Provenance(nc, options, "ERA5-like daily statistics (sample world)");
        nc.SetAttribute(null, "Conventions", "CF-1.7");
        nc.SetAttribute(null, "institution", "TamRl.Upscale sample world (layout of the European Centre for Medium-Range Weather Forecasts' new CDS)");
        nc.AddDimension("valid_time", days);
        nc.AddVariable("number", NcType.Int64, []);
        nc.SetAttribute("number", "long_name", "ensemble member numerical id");
        nc.SetAttribute("number", "units", "1");
        nc.SetAttribute("number", "standard_name", "realization");
        nc.AddVariable("valid_time", NcType.Int64, ["valid_time"]);
        nc.SetAttribute("valid_time", "long_name", "time");
        nc.SetAttribute("valid_time", "standard_name", "time");
        nc.SetAttribute("valid_time", "units", "seconds since 1970-01-01");
        nc.SetAttribute("valid_time", "calendar", "proleptic_gregorian");
        NetCdfConventions.DefineLatLon(nc, "latitude", "longitude", layout.Latitudes, layout.Longitudes, true);
        NetCdfConventions.AddExpver(nc, days);
        foreach (var v in Era5Variables.All)
        {
            NetCdfConventions.AddFloatCube(nc, v.Short, ["valid_time", "latitude", "longitude"], plan.CubeChunks, v.Units, v.LongName,
                [("GRIB_stepType", v.StepType == "accum" ? "accum" : "avg"),
                 ("coordinates", "number valid_time latitude longitude"),
                 ("daily_statistic", v.StepType == "accum" ? "daily sum of hourly accumulations (hour-ending 01..24)" : "daily mean")]);
        }
        NetCdfConventions.WriteLatLon(nc, "latitude", "longitude", layout.Latitudes, layout.Longitudes);
        nc.Write<long>("number", [0L]);
        var first = (long)CfTimeEncoder.Days(new DateOnly(year, month, 1)); // ERA5's own units: seconds since the same epoch
        nc.Write<long>("valid_time", Enumerable.Range(0, days).Select(d => (first + d) * 86400L).ToArray());
    }

    /// <summary>Opens the month's file to write the band of grid rows <paramref name="rowStart"/>.. into it, tracking its ranges.</summary>
    public static Era5DailyWriter OpenBand(string path, GridLayout layout, BandPlan plan, int rowStart, int rows, VariableRanges ranges) =>
        new(NetCdfConventions.OpenForBand(path, Era5Variables.All.Select(v => v.Short), (long)plan.ChunkRows * layout.Columns * sizeof(float)),
            layout, rowStart, rows, ranges);

    /// <summary>Writes one day of the band (band-local cell arrays).</summary>
    public void Write(WeatherDay day)
    {
        long[] start = [day.Date.Day - 1, _rowStart, 0];
        long[] count = [1, _rows, _layout.Columns];
        float[][] sources = [day.T2m, day.D2m, day.Ssrd, day.Tp, day.Swvl1];
        for (var v = 0; v < sources.Length; v++)
        {
            _layout.ReorderBand(sources[v], _rows, _buffer);
            _nc.Write<float>(Era5Variables.All[v].Short, start, count, _buffer);
            _ranges.Update(v, _buffer);
        }
    }

    public void Dispose() => _nc.Dispose();
}

/// <summary>Each variable's range over a month, gathered across bands (min and max do not depend on the order), for the legacy file's packing.</summary>
internal sealed class VariableRanges
{
    private readonly double[] _min, _max;

    public VariableRanges(int variables)
    {
        _min = Enumerable.Repeat(double.MaxValue, variables).ToArray();
        _max = Enumerable.Repeat(double.MinValue, variables).ToArray();
    }

    public void Update(int variable, ReadOnlySpan<float> values)
    {
        foreach (var x in values)
            if (!float.IsNaN(x))
            {
                if (x < _min[variable]) _min[variable] = x;
                if (x > _max[variable]) _max[variable] = x;
            }
    }

    public (double Min, double Max)[] Ranges => _min.Zip(_max).ToArray();
}
