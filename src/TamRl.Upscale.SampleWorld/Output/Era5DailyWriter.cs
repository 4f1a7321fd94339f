using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>
/// W/era5/new-cds/era5_daily_YYYY-MM.nc: one file per month in the layout of the new CDS (2024) daily
/// statistics: valid_time int64 "seconds since 1970-01-01" (proleptic_gregorian), latitude descending,
/// longitude 0..360, float32 zlib with NaN fill, a scalar "number". Daily means for t2m, d2m, swvl1; daily
/// sums for ssrd and tp; a string expver per step ("0001", final ERA5) as the CDS writes it. Streams: one day in memory.
/// </summary>
internal sealed class Era5DailyWriter : IDisposable
{
    private readonly NetCdfFile _nc;
    private readonly GridLayout _layout;
    private readonly NetCdfStepWriter<float>[] _writers;
    private readonly float[] _buffer;
    private readonly double[] _min, _max;

    public Era5DailyWriter(string path, GridLayout layout, int year, int month, SampleWorldOptions options)
    {
        Path = path;
        _layout = layout;
        var days = DateTime.DaysInMonth(year, month);
        _nc = NetCdfFile.Create(path);
        NetCdfConventions.Provenance(_nc, options, "ERA5-like daily statistics (sample world)");
        _nc.SetAttribute(null, "Conventions", "CF-1.7");
        _nc.SetAttribute(null, "institution", "TamRl.Upscale sample world (layout of the European Centre for Medium-Range Weather Forecasts' new CDS)");
        _nc.AddDimension("valid_time", days);
        _nc.AddVariable("number", NcType.Int64, []);
        _nc.SetAttribute("number", "long_name", "ensemble member numerical id");
        _nc.SetAttribute("number", "units", "1");
        _nc.SetAttribute("number", "standard_name", "realization");
        _nc.AddVariable("valid_time", NcType.Int64, ["valid_time"]);
        _nc.SetAttribute("valid_time", "long_name", "time");
        _nc.SetAttribute("valid_time", "standard_name", "time");
        _nc.SetAttribute("valid_time", "units", "seconds since 1970-01-01");
        _nc.SetAttribute("valid_time", "calendar", "proleptic_gregorian");
        NetCdfConventions.DefineLatLon(_nc, "latitude", "longitude", layout.Latitudes, layout.Longitudes, true);
        NetCdfConventions.AddExpver(_nc, days);
        foreach (var v in Era5Variables.All)
        {
            NetCdfConventions.AddFloatCube(_nc, v.Short, ["valid_time", "latitude", "longitude"], layout.Rows, layout.Columns, v.Units, v.LongName,
                [("GRIB_stepType", v.StepType == "accum" ? "accum" : "avg"),
                 ("coordinates", "number valid_time latitude longitude"),
                 ("daily_statistic", v.StepType == "accum" ? "daily sum of hourly accumulations (hour-ending 01..24)" : "daily mean")]);
        }
        NetCdfConventions.WriteLatLon(_nc, "latitude", "longitude", layout.Latitudes, layout.Longitudes);
        _nc.Write<long>("number", [0L]);
        var first = new DateOnly(year, month, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber;
        _nc.Write<long>("valid_time", Enumerable.Range(0, days).Select(d => (first + d) * 86400L).ToArray());
        _writers = Era5Variables.All.Select(v => _nc.StepWriter<float>(v.Short)).ToArray();
        _buffer = new float[layout.Length];
        _min = Era5Variables.All.Select(_ => double.MaxValue).ToArray();
        _max = Era5Variables.All.Select(_ => double.MinValue).ToArray();
    }

    /// <summary>Each variable's range over the month so far (NaN skipped), for the legacy file's packing.</summary>
    public (double Min, double Max)[] Ranges => _min.Zip(_max).ToArray();

    public string Path { get; }

    public void Write(WeatherDay day)
    {
        var step = day.Date.Day - 1;
        float[][] sources = [day.T2m, day.D2m, day.Ssrd, day.Tp, day.Swvl1];
        for (var v = 0; v < sources.Length; v++)
        {
            _layout.Reorder(sources[v], _buffer);
            _writers[v].Write(step, _buffer);
            foreach (var x in _buffer)
                if (!float.IsNaN(x))
                {
                    if (x < _min[v]) _min[v] = x;
                    if (x > _max[v]) _max[v] = x;
                }
        }
    }

    public void Dispose()
    {
        foreach (var w in _writers)
            w.Dispose();
        _nc.Dispose();
    }
}
