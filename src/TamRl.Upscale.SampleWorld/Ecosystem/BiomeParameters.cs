using TamRl.Upscale.SampleWorld.Geography;

namespace TamRl.Upscale.SampleWorld.Ecosystem;

/// <summary>
/// Per-IGBP parameters of the process model. Light-use efficiencies lie in the 1.5-3.5 gC per MJ APAR range of
/// the LUE literature (e.g. MOD17's biome table scaled from GPP per MJ PAR to per MJ APAR); maximum fAPAR from
/// typical MODIS fPAR peaks; autotrophic fraction of GPP (0.3-0.6) after Waring et al. (1998); E0 near
/// Lloyd and Taylor's (1994) 308.56 K, lowered for warm sites by acclimation (see <see cref="ProcessModel"/>).
/// </summary>
internal readonly record struct BiomeParameters(
    double Epsilon, double FaparMax, bool Evergreen, double WaterPhenology, double Autotrophic, double E0)
{
    private static readonly BiomeParameters[] Table = Build();

    public static BiomeParameters For(byte igbp) => Table[igbp < Table.Length ? igbp : Igbp.GRA];

    private static BiomeParameters[] Build()
    {
        var t = new BiomeParameters[18];
        t[Igbp.Water] = new(0, 0, true, 0, 0.5, 200);
        t[Igbp.ENF] = new(2.1, 0.85, true, 0.2, 0.55, 220);
        t[Igbp.EBF] = new(2.0, 0.92, true, 0.3, 0.60, 180);
        t[Igbp.DNF] = new(2.0, 0.80, false, 0.1, 0.50, 240);
        t[Igbp.DBF] = new(2.4, 0.90, false, 0.3, 0.50, 210);
        t[Igbp.MF] = new(2.3, 0.88, false, 0.2, 0.52, 215);
        t[Igbp.CSH] = new(1.7, 0.55, true, 0.7, 0.45, 190);
        t[Igbp.OSH] = new(1.6, 0.40, false, 0.8, 0.42, 190);
        t[Igbp.WSA] = new(2.0, 0.70, false, 0.8, 0.48, 185);
        t[Igbp.SAV] = new(1.9, 0.60, false, 0.9, 0.45, 185);
        t[Igbp.GRA] = new(2.0, 0.70, false, 0.9, 0.42, 200);
        t[Igbp.WET] = new(2.0, 0.75, false, 0.1, 0.45, 170);
        t[Igbp.CRO] = new(2.8, 0.85, false, 0.7, 0.40, 200);
        t[Igbp.URB] = new(1.5, 0.35, false, 0.5, 0.45, 200);
        t[Igbp.CVM] = new(2.4, 0.80, false, 0.6, 0.45, 200);
        t[Igbp.SNO] = new(0.5, 0.03, false, 0.0, 0.50, 200);
        t[Igbp.BSV] = new(1.5, 0.15, false, 1.0, 0.40, 190);
        t[17] = t[Igbp.GRA];
        return t;
    }
}
