using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.SampleWorld.Randomness;

namespace TamRl.Upscale.SampleWorld.Weather;

/// <summary>
/// Daily weather on every cell of a band of the world (<see cref="WorldGeography"/>): a climatology by latitude, season, elevation and continentality (distance
/// from the sea), with precipitation totals and seasonality by Koppen class (the real map says where it is dry,
/// monsoonal or Mediterranean), plus weather anomalies from smooth AR(1) noise fields (temperature, moisture,
/// cloud) that are correlated over ~1000 km and days. Soil water is a bucket (rain and snowmelt in,
/// Priestley-Taylor-like evaporation out). State is per cell; nothing grows with the length of the period.
/// A cell's weather depends only on its position, its geography, the seed and the date (the noise fields are
/// functions of coordinates and time), so any band of the world, or the hourly region, reproduces it exactly.
/// </summary>
internal sealed class WeatherGenerator
{
    private readonly WorldGeography _geo;
    private readonly SmoothNoiseField _tempNoise;
    private readonly SmoothNoiseField _moistNoise;
    private readonly SmoothNoiseField _cloudNoise;
    private readonly float[] _tn, _mn, _cn;
    private readonly float[] _tann, _amp, _peak, _sigmaT, _pAnnual, _seasonK, _pWet, _zWet, _excess, _aridity;
    private readonly float[] _bucket, _snow;
    private readonly double[] _toaByRow;
    private const float BucketCapacityMm = 150;

    public WeatherGenerator(WorldGeography geo, ulong seed)
    {
        _geo = geo;
        var n = geo.Cells;
        _tempNoise = new SmoothNoiseField(seed, "weather-temperature", 12, 0.8, geo.Latitude, geo.Longitude);
        _moistNoise = new SmoothNoiseField(seed, "weather-moisture", 6, 0.45, geo.Latitude, geo.Longitude);
        _cloudNoise = new SmoothNoiseField(seed, "weather-cloud", 8, 0.6, geo.Latitude, geo.Longitude);
        _tn = new float[n];
        _mn = new float[n];
        _cn = new float[n];
        _tann = new float[n];
        _amp = new float[n];
        _peak = new float[n];
        _sigmaT = new float[n];
        _pAnnual = new float[n];
        _seasonK = new float[n];
        _pWet = new float[n];
        _zWet = new float[n];
        _excess = new float[n];
        _aridity = new float[n];
        _bucket = new float[n];
        _snow = new float[n];
        _toaByRow = new double[geo.Rows];
        for (var i = 0; i < n; i++)
        {
            var lat = geo.Latitude[i];
            var land = geo.LandFraction[i] > 0;
            var koppen = land ? geo.Koppen.Name(geo.KoppenClass[i]) : "";
            var continental = land ? Math.Min(1, geo.CoastKm[i] / 1500) : 0;
            var absLat = Math.Abs(lat);
            _tann[i] = (float)MeanAnnualTemperature(lat, geo.Elevation[i], continental);
            _amp[i] = (float)((1.5 + 0.25 * absLat) * (land ? 0.45 + 0.55 * continental : 0.3));
            _peak[i] = (float)((lat >= 0 ? 200 : 200 + 182.6) + (land ? 0 : 25));
            _sigmaT[i] = (float)(1.2 + 0.06 * absLat * (land ? 1 : 0.5));
            var (annual, seasonK) = land ? Precipitation(koppen) : (absLat < 10 ? 1800 : absLat < 35 ? 700 : 1000, 0.1);
            _pAnnual[i] = (float)annual;
            _seasonK[i] = (float)seasonK;
            var pWet = Math.Clamp(0.08 + 0.55 * annual / 2000, 0.05, 0.65);
            _pWet[i] = (float)pWet;
            var z = InverseNormalCdf(1 - pWet);
            _zWet[i] = (float)z;
            _excess[i] = (float)(0.3989422804014327 * Math.Exp(-z * z / 2) / pWet - z);
            _aridity[i] = (float)Math.Clamp(1 - annual / 1200, 0, 1);
            _bucket[i] = land ? (float)(BucketCapacityMm * Math.Clamp(annual / 1000, 0.15, 0.9)) : 0;
        }
    }

    /// <summary>Long-term mean 2 m temperature (degC): latitude, lapse rate 6.5 K/km, colder continental interiors at high latitude.</summary>
    public static double MeanAnnualTemperature(double lat, double elevation, double continental) =>
        27 - 0.0075 * lat * lat - 0.0065 * elevation - 4 * continental * Math.Max(0, Math.Abs(lat) - 35) / 30;

    public float MeanAnnualTemperature(int cell) => _tann[cell];

    /// <summary>Annual precipitation (mm) and seasonality (+ wet summer, - dry summer) by Koppen class.</summary>
    private static (double Annual, double Seasonality) Precipitation(string koppen) => koppen switch
    {
        "Af" => (2600, 0.1), "Am" => (2200, 0.8), "Aw" => (1150, 0.95),
        "BWh" => (70, 0.3), "BWk" => (140, 0.2), "Bsh" => (450, 0.8), "Bsk" => (360, 0.3),
        "Csa" or "Csb" or "Csc" => (650, -0.85),
        "Cwa" or "Cwb" or "Cwc" => (1150, 0.9),
        "Cfa" => (1200, 0.2), "Cfb" => (850, 0.0), "Cfc" => (1400, -0.2),
        "Dsa" or "Dsb" or "Dsc" or "Dsd" => (480, -0.6),
        "Dwa" or "Dwb" or "Dwc" or "Dwd" => (520, 0.9),
        "Dfa" => (850, 0.3), "Dfb" => (680, 0.35), "Dfc" => (480, 0.45), "Dfd" => (300, 0.5),
        "ET" => (380, 0.4), "EF" => (120, 0.1),
        _ => (700, 0.2),
    };

    /// <summary>Advances the weather one day and writes it into <paramref name="day"/>.</summary>
    public void Next(DateOnly date, WeatherDay day)
    {
        day.Date = date;
        var doy = date.DayOfYear;
        _tempNoise.Step();
        _moistNoise.Step();
        _cloudNoise.Step();
        _tempNoise.Sample(_tn);
        _moistNoise.Sample(_mn);
        _cloudNoise.Sample(_cn);
        var columns = _geo.BandColumns;
        for (var r = 0; r < _toaByRow.Length; r++)
            _toaByRow[r] = Solar.DailyTopOfAtmosphere(_geo.Grid.LatitudeOfRow(_geo.RowStart + r), doy);
        var twoPiOverYear = 2 * Math.PI / 365.25;
        for (var i = 0; i < _geo.Cells; i++)
        {
            var land = _geo.LandFraction[i] > 0;
            var season = Math.Cos(twoPiOverYear * (doy - _peak[i]));
            var t = _tann[i] + _amp[i] * season + _sigmaT[i] * _tn[i];

            // Precipitation: occurrence where the moisture field exceeds the wet-day quantile, amount
            // proportional to the excess so the long-run mean follows the seasonal climatology.
            var m = _mn[i];
            var meanDay = _pAnnual[i] / 365.25 * Math.Max(0.05, 1 + _seasonK[i] * season);
            var precipMm = m > _zWet[i] ? meanDay / _pWet[i] * (m - _zWet[i]) / _excess[i] : 0.0;

            var aridity = _aridity[i];
            var cloudIndex = -0.4 + 1.4 * (0.6 * m + 0.8 * _cn[i]) + 1.6 * (0.5 - aridity);
            var cloud = 1 / (1 + Math.Exp(-cloudIndex));
            var toa = _toaByRow[i / columns];
            var swMj = toa * (0.74 + 2e-5 * _geo.Elevation[i]) * (1 - 0.62 * cloud);

            var depression = 1.0 + aridity * (3 + 0.3 * Math.Max(t, 0)) + 0.06 * Math.Max(t, 0);
            depression *= 1.25 - 0.6 * cloud;
            if (precipMm > 0)
                depression *= 0.6;
            depression = Math.Max(0.3, depression + 0.4 * _cn[i] * (1 - cloud));
            var td = t - depression;
            var vpd = Math.Max(0, Solar.SaturationVapourPressure(t) - Solar.SaturationVapourPressure(td));

            float soilRel = 0, snowCover = 0;
            if (land)
            {
                // Snow pack (mm SWE) and bucket soil water (mm).
                var snow = _snow[i];
                double liquid = precipMm;
                if (t < 0)
                {
                    snow += (float)precipMm;
                    liquid = 0;
                }
                var melt = Math.Min(snow, Math.Max(0, 3.0 * t));
                snow -= (float)melt;
                liquid += melt;
                _snow[i] = snow;
                snowCover = snow > 5 ? 1 : 0;
                var slope = Math.Clamp(0.4 + 0.35 * Math.Tanh((t - 10) / 15), 0.05, 0.8);
                var pet = t > -2 && snowCover == 0 ? 1.26 * slope * 0.55 * swMj / 2.45 : 0.1;
                var w = _bucket[i];
                var et = pet * Math.Min(1, w / (0.7 * BucketCapacityMm));
                w = (float)Math.Clamp(w + liquid - et, 0, BucketCapacityMm);
                _bucket[i] = w;
                soilRel = w / BucketCapacityMm;
            }

            day.TempC[i] = (float)t;
            day.T2m[i] = (float)(t + 273.15);
            day.D2m[i] = (float)(td + 273.15);
            day.Ssrd[i] = (float)(swMj * 1e6);
            day.Tp[i] = (float)(precipMm / 1000);
            day.Swvl1[i] = land ? 0.04f + 0.40f * soilRel : 0f;
            day.VpdHpa[i] = (float)vpd;
            day.CloudFraction[i] = (float)cloud;
            day.DiurnalRange[i] = (float)(4 + 9 * (1 - cloud) * (0.5 + 0.5 * aridity) + (land ? 2 : -2.5));
            day.SoilRelative[i] = soilRel;
            day.SnowCover[i] = snowCover;
        }
    }

    /// <summary>Inverse standard normal CDF (Acklam's rational approximation, |error| &lt; 1.2e-9).</summary>
    public static double InverseNormalCdf(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        var x = p - 0.5;
        var r = x * x;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * x / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
