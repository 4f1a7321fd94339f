using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld.Ecosystem;

/// <summary>
/// The truth: daily GPP, RECO and NEE (g C m-2 d-1) for a set of units (land cells, then towers), each reading
/// the weather of one cell and carrying its own biome and latent parameters.
/// <list type="bullet">
/// <item>Phenology: greenness relaxes towards a target set by the 15-day mean temperature against a threshold
/// that depends on the place's long-term mean temperature (local triggers), and, for water-limited biomes, by
/// the 30-day soil-water mean; evergreen biomes keep at least 75 % of their canopy; the canopy of water-limited
/// biomes is denser where the one-year soil-water mean is high.</item>
/// <item>GPP = eps * exp(0.2 z1) * fAPAR * 0.48 SW * f(T) * f(VPD) * f(SM) * legacy. f(T) is Gaussian around an
/// optimum that acclimates to the long-term mean temperature (Topt = 10 + 0.6 Tann, 10..30 degC); f(VPD) linear
/// from 5 to 45 hPa (MOD17-like); legacy = 0.7 + 0.3 x the 90-day mean of f(SM) (drought legacy).</item>
/// <item>RECO = Ra + Rh. Ra = a x GPP averaged over ~10 days. Rh follows Lloyd and Taylor (1994)
/// (T0 = 227.13 K, Tref = 288.15 K) with E0 acclimated (E0 - 5 (Tann - 10), 100..320 K) and damped by soil
/// water; its level is set so that a place's annual RECO is k = 0.955 exp(0.04 z2) times its annual GPP
/// (a running one-year mean), which keeps the world a modest sink as observed.</item>
/// <item>z1, z2: a spatially correlated latent field no driver reveals (the floor of achievable error).</item>
/// </list>
/// </summary>
internal sealed class ProcessModel
{
    private const double T0 = 227.13, TRef = 288.15;

    /// <summary>
    /// One global factor on every biome's efficiency, set once so the world's GPP matches Beer et al. (2010)
    /// at 2 degrees (the stress terms here are milder than in MOD17, whose efficiencies are per MJ PAR).
    /// </summary>
    public const double EfficiencyCalibration = 0.43;
    private readonly int[] _cell;
    private readonly BiomeParameters[] _biome;
    private readonly float[] _tann, _z1, _z2;
    private readonly float[] _t15, _sm30, _sm365, _fsm90, _green, _g10, _g365, _lt365;
    private int _daysRun;

    public ProcessModel(int[] unitCell, byte[] unitIgbp, float[] unitTann, float[] latent1, float[] latent2)
    {
        var n = unitCell.Length;
        _cell = unitCell;
        _biome = unitIgbp.Select(BiomeParameters.For).ToArray();
        _tann = unitTann;
        _z1 = latent1;
        _z2 = latent2;
        _t15 = new float[n];
        _sm30 = new float[n];
        _sm365 = new float[n];
        _fsm90 = new float[n];
        _green = new float[n];
        _g10 = new float[n];
        _g365 = new float[n];
        _lt365 = new float[n];
        Array.Copy(unitTann, _t15, n);
        Array.Fill(_sm30, 0.5f);
        Array.Fill(_fsm90, 0.8f);
        Array.Fill(_green, 0.5f);
        Gpp = new float[n];
        Reco = new float[n];
        Nee = new float[n];
        Fapar = new float[n];
    }

    public int Units => _cell.Length;
    public float[] Gpp { get; }
    public float[] Reco { get; }
    public float[] Nee { get; }
    public float[] Fapar { get; }
    /// <summary>Greenness 0..1 (what NDVI sees).</summary>
    public float[] Greenness => _green;

    /// <summary>One day for every unit.</summary>
    public void Step(WeatherDay w)
    {
        _daysRun++;
        // Running one-year means: a plain mean until a year has passed (spin-up), then an exponential one.
        var yearWeight = 1f / Math.Min(_daysRun, 365);
        for (var u = 0; u < _cell.Length; u++)
        {
            var c = _cell[u];
            var b = _biome[u];
            var t = w.TempC[c];
            var rel = w.SoilRelative[c];
            var tann = _tann[u];

            _t15[u] += (t - _t15[u]) / 15f;
            _sm30[u] += (rel - _sm30[u]) / 30f;
            var tThreshold = Math.Clamp(0.3 * tann + 4, 2, 12);
            var gTemp = 1 / (1 + Math.Exp(-(_t15[u] - tThreshold) / 2.5));
            var gWater = Math.Clamp((_sm30[u] - 0.12) / 0.35, 0, 1);
            var target = gTemp * (1 - b.WaterPhenology + b.WaterPhenology * gWater);
            if (b.Evergreen)
                target = 0.75 + 0.25 * target;
            var g = _green[u];
            g += (float)((target - g) / (target > g ? 12 : 20));
            _green[u] = g;
            // Canopies of water-limited biomes are as dense as the place's water allows: where the soil stays
            // wet through the year, shrubland and savanna canopies approach a forest's (a place's history shows it).
            _sm365[u] += (rel - _sm365[u]) * yearWeight;
            var wetness = Math.Clamp((_sm365[u] - 0.3) / 0.4, 0, 1);
            var faparMax = b.FaparMax + (0.85 - b.FaparMax) * b.WaterPhenology * wetness;
            var fapar = (float)Math.Max(0.02, faparMax * g);

            var topt = Math.Clamp(10 + 0.6 * tann, 10, 30);
            var dt = (t - topt) / 14;
            var fT = Math.Exp(-dt * dt) * Math.Clamp((t + 3) / 6, 0, 1);
            var fVpd = Math.Clamp(1 - (w.VpdHpa[c] - 5) / 40, 0.15, 1);
            var fSm = Math.Clamp((rel - 0.08) / 0.35, 0, 1);
            _fsm90[u] += (float)((fSm - _fsm90[u]) / 90);
            var legacy = 0.7 + 0.3 * _fsm90[u];
            var par = 0.48 * w.Ssrd[c] * 1e-6;
            var gpp = EfficiencyCalibration * b.Epsilon * LatentFields.EfficiencyFactor(_z1[u]) * fapar * par * fT * fVpd * fSm * legacy;

            _g10[u] += (float)((gpp - _g10[u]) / 10);
            _g365[u] += (float)((gpp - _g365[u]) * yearWeight);
            var e0 = Math.Clamp(b.E0 - 5 * (tann - 10), 100, 320);
            var tk = Math.Max(t, -35) + 273.15;
            var lt = Math.Exp(e0 * (1 / (TRef - T0) - 1 / (tk - T0))) * (0.25 + 0.75 * Math.Clamp(rel / 0.35, 0, 1));
            _lt365[u] += (float)((lt - _lt365[u]) * yearWeight);
            var k = LatentFields.AnnualRespirationRatio(_z2[u]);
            var ra = b.Autotrophic * _g10[u];
            var rh = Math.Max(0, k - b.Autotrophic) * _g365[u] * lt / Math.Max(_lt365[u], 1e-6);

            var gppF = (float)gpp;
            var recoF = (float)(ra + rh);
            Gpp[u] = gppF;
            Reco[u] = recoF;
            Nee[u] = recoF - gppF; // float arithmetic: NEE = RECO - GPP holds exactly in the stored float32
            Fapar[u] = fapar;
        }
    }
}
