using TamRl.Upscale.Core.Randomness;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.SampleWorld.Ecosystem;
using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.SampleWorld.Randomness;
using TamRl.Upscale.SampleWorld.Streaming;
using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>
/// W/modis/modis_YYYY.nc: MODIS-CMG-like 8-day composites (windows starting on day-of-year 1, 9, ..., 361) on
/// the world grid, from the simulated canopy: NDVI from fAPAR (inverse of a linear fAPAR-NDVI relation),
/// red/NIR/blue reflectances consistent with that NDVI, EVI from the bands, daytime LST from air temperature,
/// the diurnal range and sunlit bare ground. A day is clear when its cloud fraction is below 0.55 and the sun
/// is up; a composite averages its clear days and is fill where there were none.
/// QA (uint16): bits 0-1 MODLAND (0 good, 1 lower quality: 1-2 clear days or snow, 2 cloudy: not produced,
/// 3 fill: sea), bit 2 cloud seen in the window, bit 3 snow, bits 4-7 number of clear days.
/// The file is defined once (<see cref="Define"/>); a compositor then sums one band's clear days and writes its
/// composites into the file (<see cref="OpenBand"/>). The noise of a composite is drawn from a stream keyed by
/// (seed, year, window, cell), so a cell's values do not depend on the band it was generated in.
/// </summary>
internal sealed class ModisCompositor : IDisposable
{
    public const short VegetationFill = -3000, ReflectanceFill = -28672;
    public const ushort LstFill = 0;

    private static readonly string[] GridVariables = ["ndvi", "evi", "lst_day", "sur_refl_b01", "sur_refl_b02", "sur_refl_b03", "qa"];

    private readonly NetCdfFile _nc;
    private readonly WorldGeography _geo;
    private readonly ulong _seed;
    private readonly int _year;
    private readonly DateOnly _last;
    private readonly float[] _sumNdvi, _sumRed, _sumNir, _sumBlue, _sumLst;
    private readonly byte[] _clear, _cloud, _snow;
    private readonly short[] _ndvi, _evi, _red, _nir, _blue;
    private readonly ushort[] _lst, _qa;
    private readonly int _firstComposite;

    private static int FirstComposite(DateOnly first) => (first.DayOfYear - 1) / 8;

    public static void Define(string path, GridLayout layout, BandPlan plan, DateOnly first, DateOnly last, SampleWorldOptions options)
    {
        var year = first.Year;
        var firstComposite = FirstComposite(first);
        var composites = (last.DayOfYear - 1) / 8 - firstComposite + 1;
        using var nc = NetCdfFile.Create(path);
        NetCdfConventions.Provenance(nc, options, "MODIS-CMG-like 8-day composites (sample world)");
        nc.SetAttribute(null, "Conventions", "CF-1.10");
        nc.SetAttribute(null, "qa_bits", "bits 0-1 MODLAND (0 good, 1 lower quality, 2 cloudy not produced, 3 fill); bit 2 cloud in window; bit 3 snow; bits 4-7 clear days");
        nc.AddDimension("time", composites);
        nc.AddVariable("time", NcType.Double, ["time"]);
        nc.SetAttribute("time", "units", CfTimeEncoder.DaysSinceEpoch);
        nc.SetAttribute("time", "calendar", CfTimeEncoder.Calendar);
        nc.SetAttribute("time", "standard_name", "time");
        nc.SetAttribute("time", "axis", "T");
        nc.SetAttribute("time", "long_name", "first day of the 8-day compositing window");
        NetCdfConventions.DefineLatLon(nc, "lat", "lon", layout.Latitudes, layout.Longitudes, false);
        string[] dims = ["time", "lat", "lon"];
        var chunks = plan.CubeChunks;
        void Packed(string name, NcType type, AttributeValue fill, double scale, AttributeValue validRange, string units, string longName)
        {
            nc.AddVariable(name, type, dims, new NcVariableOptions { DeflateLevel = 1, ChunkSizes = chunks, FillValue = fill });
            nc.SetAttribute(name, "scale_factor", AttributeValue.Of(scale));
            nc.SetAttribute(name, "add_offset", AttributeValue.Of(0.0));
            nc.SetAttribute(name, "valid_range", validRange);
            nc.SetAttribute(name, "units", units);
            nc.SetAttribute(name, "long_name", longName);
        }
        Packed("ndvi", NcType.Short, AttributeValue.Of(VegetationFill), 1e-4, AttributeValue.Of((short)-2000, (short)10000), "1", "8-day NDVI");
        Packed("evi", NcType.Short, AttributeValue.Of(VegetationFill), 1e-4, AttributeValue.Of((short)-2000, (short)10000), "1", "8-day EVI");
        Packed("lst_day", NcType.UShort, AttributeValue.FromNumbers(new[] { LstFill }), 0.02, AttributeValue.FromNumbers(new ushort[] { 7500, 65535 }), "K", "8-day daytime land surface temperature");
        Packed("sur_refl_b01", NcType.Short, AttributeValue.Of(ReflectanceFill), 1e-4, AttributeValue.Of((short)-100, (short)16000), "1", "surface reflectance band 1 (red, 620-670 nm)");
        Packed("sur_refl_b02", NcType.Short, AttributeValue.Of(ReflectanceFill), 1e-4, AttributeValue.Of((short)-100, (short)16000), "1", "surface reflectance band 2 (NIR, 841-876 nm)");
        Packed("sur_refl_b03", NcType.Short, AttributeValue.Of(ReflectanceFill), 1e-4, AttributeValue.Of((short)-100, (short)16000), "1", "surface reflectance band 3 (blue, 459-479 nm)");
        nc.AddVariable("qa", NcType.UShort, dims, new NcVariableOptions { DeflateLevel = 1, ChunkSizes = chunks });
        nc.SetAttribute("qa", "long_name", "composite quality bit field (see global attribute qa_bits)");
        nc.SetAttribute("qa", "units", "1");
        NetCdfConventions.WriteLatLon(nc, "lat", "lon", layout.Latitudes, layout.Longitudes);
        nc.Write<double>("time", Enumerable.Range(firstComposite, composites)
            .Select(k => CfTimeEncoder.Days(new DateOnly(year, 1, 1).AddDays(8 * k))).ToArray());
    }

    /// <summary>A compositor for one band (<paramref name="geo"/>) of the year's file (days <paramref name="first"/>..<paramref name="last"/>).</summary>
    public static ModisCompositor OpenBand(string path, BandPlan plan, WorldGeography geo, DateOnly first, DateOnly last, SampleWorldOptions options) =>
        new(NetCdfConventions.OpenForBand(path, GridVariables, (long)plan.ChunkRows * plan.Grid.Columns * sizeof(short)), geo, first, last, options.Seed);

    private ModisCompositor(NetCdfFile nc, WorldGeography geo, DateOnly first, DateOnly last, ulong seed)
    {
        _nc = nc;
        _geo = geo;
        _seed = seed;
        _year = first.Year;
        _last = last;
        _firstComposite = FirstComposite(first);
        var n = geo.Cells;
        _sumNdvi = new float[n]; _sumRed = new float[n]; _sumNir = new float[n]; _sumBlue = new float[n]; _sumLst = new float[n];
        _clear = new byte[n]; _cloud = new byte[n]; _snow = new byte[n];
        _ndvi = new short[n]; _evi = new short[n]; _red = new short[n]; _nir = new short[n]; _blue = new short[n];
        _lst = new ushort[n]; _qa = new ushort[n];
    }

    /// <summary>Adds one day of the canopy and weather; emits the composite when its window (or the period) ends.</summary>
    public void Add(WeatherDay w, ProcessModel model, int[] landCells)
    {
        for (var u = 0; u < landCells.Length; u++)
        {
            var c = landCells[u];
            var fapar = model.Fapar[u];
            var snow = w.SnowCover[c] > 0;
            if (snow)
                _snow[c] = 1;
            if (w.CloudFraction[c] >= 0.55 || w.Ssrd[c] < 3e5)
            {
                _cloud[c] = 1;
                continue;
            }
            var ndvi = Math.Clamp((fapar + 0.08) / 1.05, -0.1, 0.95);
            var nir = 0.12 + 0.3 * fapar;
            if (snow)
            {
                ndvi = -0.05 + 0.3 * ndvi;
                nir = 0.55;
            }
            var red = nir * (1 - ndvi) / (1 + ndvi);
            var blue = 0.5 * red + 0.02;
            var lstK = w.T2m[c] + 0.5 * w.DiurnalRange[c] + 0.35 * (w.Ssrd[c] * 1e-6) * (1 - fapar);
            _sumNdvi[c] += (float)ndvi;
            _sumRed[c] += (float)red;
            _sumNir[c] += (float)nir;
            _sumBlue[c] += (float)blue;
            _sumLst[c] += (float)lstK;
            _clear[c]++;
        }
        var date = w.Date;
        if (date.DayOfYear % 8 == 0 || date == _last || date.Month == 12 && date.Day == 31)
            Emit((date.DayOfYear - 1) / 8 - _firstComposite);
    }

    private void Emit(int step)
    {
        var window = SplitMix64.Key($"modis:{_year}:{_firstComposite + step}");
        var firstCell = (ulong)_geo.RowStart * (ulong)_geo.Grid.Columns;
        for (var c = 0; c < _geo.Cells; c++)
        {
            if (_geo.LandFraction[c] <= 0)
            {
                _ndvi[c] = _evi[c] = VegetationFill;
                _red[c] = _nir[c] = _blue[c] = ReflectanceFill;
                _lst[c] = LstFill;
                _qa[c] = 3;
                continue;
            }
            int clear = _clear[c];
            var qa = (ushort)((_cloud[c] << 2) | (_snow[c] << 3) | (Math.Min(clear, 15) << 4));
            if (clear == 0)
            {
                _ndvi[c] = _evi[c] = VegetationFill;
                _red[c] = _nir[c] = _blue[c] = ReflectanceFill;
                _lst[c] = LstFill;
                _qa[c] = (ushort)(qa | 2);
            }
            else
            {
                var rng = new SplitMix64(_seed ^ ((firstCell + (ulong)c) * 0xD1B54A32D192ED03UL), window);
                var red = _sumRed[c] / clear * (1 + 0.03 * rng.NextGaussian());
                var nir = _sumNir[c] / clear * (1 + 0.02 * rng.NextGaussian());
                var blue = _sumBlue[c] / clear;
                var ndvi = (nir - red) / (nir + red);
                var evi = 2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1);
                _ndvi[c] = (short)Math.Clamp(Math.Round(ndvi * 1e4), -2000, 10000);
                _evi[c] = (short)Math.Clamp(Math.Round(evi * 1e4), -2000, 10000);
                _red[c] = (short)Math.Clamp(Math.Round(red * 1e4), -100, 16000);
                _nir[c] = (short)Math.Clamp(Math.Round(nir * 1e4), -100, 16000);
                _blue[c] = (short)Math.Clamp(Math.Round(blue * 1e4), -100, 16000);
                _lst[c] = (ushort)Math.Clamp(Math.Round((_sumLst[c] / clear + 0.8 * rng.NextGaussian()) / 0.02), 7500, 65535);
                _qa[c] = (ushort)(qa | (clear >= 3 && _snow[c] == 0 ? 0 : 1));
            }
        }
        long[] start = [step, _geo.RowStart, 0];
        long[] count = [1, _geo.Rows, _geo.Grid.Columns];
        _nc.Write<short>("ndvi", start, count, _ndvi);
        _nc.Write<short>("evi", start, count, _evi);
        _nc.Write<ushort>("lst_day", start, count, _lst);
        _nc.Write<short>("sur_refl_b01", start, count, _red);
        _nc.Write<short>("sur_refl_b02", start, count, _nir);
        _nc.Write<short>("sur_refl_b03", start, count, _blue);
        _nc.Write<ushort>("qa", start, count, _qa);
        Array.Clear(_sumNdvi); Array.Clear(_sumRed); Array.Clear(_sumNir); Array.Clear(_sumBlue); Array.Clear(_sumLst);
        Array.Clear(_clear); Array.Clear(_cloud); Array.Clear(_snow);
    }

    public void Dispose() => _nc.Dispose();
}
