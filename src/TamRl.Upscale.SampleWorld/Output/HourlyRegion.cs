using TamRl.Upscale.Core.Randomness;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.IO.Zarr;
using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.SampleWorld.Randomness;
using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>
/// Hourly ERA5 for a small region (10 x 10 degrees around 10E 50N, or the middle of a --bbox world) over the
/// first two months of the period as monthly new-CDS NetCDF (W/era5/hourly/), and over the first month as an
/// ARCO-ERA5-like Zarr v2 store (W/era5/arco.zarr: long variable names, time "hours since 1900-01-01", one
/// time step per chunk, written by IO's ZarrV2Writer; one file per step and variable, which is what makes
/// ARCO slow for site series and this store short). The hours disaggregate the daily fields exactly:
/// t2m follows a cosine around the daily mean peaking at 15h local solar time (24 samples average to the mean);
/// ssrd is shared over the day's hours by the sun's elevation; tp falls in one shower of 1-8 hours. Accumulations
/// are hour-ending: the value at hh:00 is the total over the hour before, so a day's total is steps 01..23 of
/// that day plus 00 of the next (the value at the period's first 00:00 comes from the spin-up's last day).
/// The step 00 of the day after the hourly window is not written, as in a real monthly download.
/// The region runs its own weather pass over its window (weather is a function of place and date, so its days
/// are the daily files' days exactly).
/// </summary>
internal sealed class HourlyRegion : IDisposable
{
    private readonly string _root;
    private readonly SampleWorldOptions _options;
    private readonly GridLayout _layout;
    private readonly DateOnly _first, _last, _zarrLast;
    private readonly int[] _cells;
    private readonly float[] _prevSsrd, _prevTp, _prevLon, _prevLat;
    private DateOnly _prevDate;
    private readonly ZarrV2Writer _zarr;
    private NetCdfFile? _nc;
    private NetCdfStepWriter<float>[]? _writers;
    private readonly float[][] _hour;
    private readonly float[] _weights = new float[24];

    /// <summary>The region's window of the grid: first row, rows, first column, columns.</summary>
    public static (int RowStart, int Rows, int ColumnStart, int Columns) Window(RegularLatLonGrid grid, SampleWorldOptions options)
    {
        var (lat0, lon0) = options.Box == BoundingBox.Globe ? (50.0, 10.0) : ((options.Box.North + options.Box.South) / 2, (options.Box.West + options.Box.East) / 2);
        var half = 5.0;
        int Row(double lat) => Math.Clamp(grid.RowOf(lat), 0, grid.Rows - 1);
        int Col(double lon) => Math.Clamp(grid.ColumnOf(lon), 0, grid.Columns - 1);
        var r0 = Row(lat0 + half);
        var r1 = Math.Max(r0, Row(lat0 + half - 10 + 1e-6));
        var c0 = Col(lon0 - half);
        var c1 = Math.Max(c0, Col(lon0 - half + 10 - 1e-6));
        return (r0, r1 - r0 + 1, c0, c1 - c0 + 1);
    }

    /// <param name="geo">The region's window of the grid (<see cref="Window"/>): the region has its own weather pass.</param>
    public HourlyRegion(string root, WorldGeography geo, SampleWorldOptions options)
    {
        _root = root;
        _options = options;
        var grid = geo.Grid;
        var (r0, rows, c0, columns) = Window(grid, options);
        _layout = GridLayout.Era5(grid, r0, rows, c0, columns);
        _cells = new int[_layout.Length];
        for (var r = 0; r < _layout.Rows; r++)
            for (var c = 0; c < _layout.Columns; c++)
                _cells[r * _layout.Columns + c] = geo.Local(_layout.CellAt(r, c));
        if (_cells.Any(c => c < 0))
            throw new ArgumentException("the band does not cover the hourly region", nameof(geo));
        _prevLat = _cells.Select(c => (float)geo.Latitude[c]).ToArray();
        _prevLon = _cells.Select(c => (float)geo.Longitude[c]).ToArray();
        _prevSsrd = new float[_cells.Length];
        _prevTp = new float[_cells.Length];
        _first = options.FirstDay;
        var windowEnd = options.FirstDay.AddMonths(2).AddDays(-1);
        _last = windowEnd < options.LastDay ? windowEnd : options.LastDay;
        _hour = Enumerable.Range(0, 5).Select(_ => new float[_cells.Length]).ToArray();

        _zarrLast = _first.AddMonths(1).AddDays(-1) < _last ? _first.AddMonths(1).AddDays(-1) : _last;
        var hours = (_zarrLast.DayNumber - _first.DayNumber + 1) * 24;
        _zarr = new ZarrV2Writer(Path.Combine(root, "era5", "arco.zarr"), new Dictionary<string, object>
        {
            ["title"] = "ARCO-ERA5-like hourly single levels (sample world; synthetic, not ECMWF data)",
            ["source"] = NetCdfConventions.Source,
        });
        string[] dims = ["time", "latitude", "longitude"];
        foreach (var v in Era5Variables.All)
            _zarr.CreateArray<float>(v.Long, dims, [hours, _layout.Rows, _layout.Columns], [1, _layout.Rows, _layout.Columns], double.NaN,
                new Dictionary<string, object> { ["units"] = v.Units, ["long_name"] = v.LongName, ["short_name"] = v.Short });
        _zarr.CreateArray<long>("time", ["time"], [hours], [hours], null,
            new Dictionary<string, object> { ["units"] = "hours since 1900-01-01", ["calendar"] = "proleptic_gregorian", ["standard_name"] = "time" });
        var h1900 = (_first.DayNumber - new DateOnly(1900, 1, 1).DayNumber) * 24L;
        _zarr.WriteChunk<long>("time", [0], Enumerable.Range(0, hours).Select(h => h1900 + h).ToArray());
        _zarr.CreateArray<double>("latitude", ["latitude"], [_layout.Rows], [_layout.Rows], null,
            new Dictionary<string, object> { ["units"] = "degrees_north", ["standard_name"] = "latitude" });
        _zarr.WriteChunk<double>("latitude", [0], _layout.Latitudes);
        _zarr.CreateArray<double>("longitude", ["longitude"], [_layout.Columns], [_layout.Columns], null,
            new Dictionary<string, object> { ["units"] = "degrees_east", ["standard_name"] = "longitude" });
        _zarr.WriteChunk<double>("longitude", [0], _layout.Longitudes);
    }

    /// <summary>Keeps the last spin-up day: its last hour is the accumulation at the period's first 00:00.</summary>
    public void RememberDayBefore(WeatherDay day) => Remember(day);

    private void Remember(WeatherDay day)
    {
        for (var i = 0; i < _cells.Length; i++)
        {
            _prevSsrd[i] = day.Ssrd[_cells[i]];
            _prevTp[i] = day.Tp[_cells[i]];
        }
        _prevDate = day.Date;
    }

    /// <summary>The last day the region writes (the end of its two months, or of the period).</summary>
    public DateOnly LastDay => _last;

    public void Write(WeatherDay day)
    {
        if (day.Date > _last)
            return;
        if (_nc is null || day.Date.Day == 1)
            OpenMonth(day.Date);
        var doy = day.Date.DayOfYear;
        var prevDoy = _prevDate.DayOfYear;
        for (var h = 0; h < 24; h++)
        {
            for (var i = 0; i < _cells.Length; i++)
            {
                var c = _cells[i];
                var solarHour = h + _prevLon[i] / 15.0;
                var cycle = (float)Math.Cos(2 * Math.PI * (solarHour - 15) / 24);
                _hour[0][i] = day.T2m[c] + 0.5f * day.DiurnalRange[c] * cycle;
                _hour[1][i] = day.D2m[c] + 0.1f * day.DiurnalRange[c] * cycle;
                _hour[4][i] = day.Swvl1[c];
                // Accumulation over the hour ending at h: hour 23..24 of the previous day at h = 0.
                if (h == 0)
                {
                    _hour[2][i] = _prevSsrd[i] * SunWeight(_prevLat[i], _prevLon[i], prevDoy, 23);
                    _hour[3][i] = _prevTp[i] * RainWeight(i, _prevDate, 23);
                }
                else
                {
                    _hour[2][i] = day.Ssrd[c] * SunWeight(_prevLat[i], _prevLon[i], doy, h - 1);
                    _hour[3][i] = day.Tp[c] * RainWeight(i, day.Date, h - 1);
                }
            }
            var stepInMonth = (day.Date.Day - 1) * 24 + h;
            var stepInStore = (day.Date.DayNumber - _first.DayNumber) * 24 + h;
            for (var v = 0; v < 5; v++)
            {
                _writers![v].Write(stepInMonth, _hour[v]);
                if (day.Date <= _zarrLast)
                    _zarr.WriteChunk<float>(Era5Variables.All[v].Long, [stepInStore, 0, 0], _hour[v]);
            }
        }
        Remember(day);
    }

    /// <summary>Share of a day's radiation in the hour starting at <paramref name="hourStart"/> UTC.</summary>
    private float SunWeight(double lat, double lon, int doy, int hourStart)
    {
        double total = 0;
        for (var h = 0; h < 24; h++)
            total += _weights[h] = (float)Solar.CosZenith(lat, lon, doy, h + 0.5);
        return total <= 0 ? 1f / 24 : (float)(_weights[hourStart] / total);
    }

    /// <summary>Share of a day's rain in an hour: one shower of 1-8 hours placed by a hash of (seed, cell, day).</summary>
    private float RainWeight(int cellIndex, DateOnly date, int hourStart)
    {
        var rng = new SplitMix64(_options.Seed ^ (ulong)date.DayNumber, (ulong)cellIndex);
        var length = 1 + (int)(rng.NextDouble() * 8);
        var start = (int)(rng.NextDouble() * (24 - length + 1));
        return hourStart >= start && hourStart < start + length ? 1f / length : 0f;
    }

    private void OpenMonth(DateOnly date)
    {
        CloseMonth();
        Directory.CreateDirectory(Path.Combine(_root, "era5", "hourly"));
        _nc = NetCdfFile.Create(Path.Combine(_root, "era5", "hourly", $"era5_hourly_{date:yyyy-MM}.nc"));
        NetCdfConventions.Provenance(_nc, _options, "ERA5-like hourly single levels, small region (sample world)");
        _nc.SetAttribute(null, "Conventions", "CF-1.7");
        var monthFirst = date < _first ? _first : new DateOnly(date.Year, date.Month, 1);
        var monthLast = new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));
        if (monthLast > _last)
            monthLast = _last;
        var hours = (monthLast.DayNumber - monthFirst.DayNumber + 1) * 24;
        _nc.AddDimension("valid_time", hours);
        _nc.AddVariable("valid_time", NcType.Int64, ["valid_time"]);
        _nc.SetAttribute("valid_time", "long_name", "time");
        _nc.SetAttribute("valid_time", "standard_name", "time");
        _nc.SetAttribute("valid_time", "units", "seconds since 1970-01-01");
        _nc.SetAttribute("valid_time", "calendar", "proleptic_gregorian");
        NetCdfConventions.DefineLatLon(_nc, "latitude", "longitude", _layout.Latitudes, _layout.Longitudes, true);
        NetCdfConventions.AddExpver(_nc, hours);
        foreach (var v in Era5Variables.All)
            NetCdfConventions.AddFloatCube(_nc, v.Short, ["valid_time", "latitude", "longitude"], [1, _layout.Rows, _layout.Columns], v.Units, v.LongName,
                [("GRIB_stepType", v.StepType), ("coordinates", "valid_time latitude longitude")]);
        NetCdfConventions.WriteLatLon(_nc, "latitude", "longitude", _layout.Latitudes, _layout.Longitudes);
        var s0 = (long)CfTimeEncoder.Days(monthFirst) * 86400L; // ERA5's own units: seconds since the same epoch
        _nc.Write<long>("valid_time", Enumerable.Range(0, hours).Select(h => s0 + h * 3600L).ToArray());
        _writers = Era5Variables.All.Select(v => _nc.StepWriter<float>(v.Short)).ToArray();
    }

    private void CloseMonth()
    {
        if (_writers is not null)
            foreach (var w in _writers)
                w.Dispose();
        _nc?.Dispose();
        _nc = null;
        _writers = null;
    }

    public void Dispose() => CloseMonth();
}
