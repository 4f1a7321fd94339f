namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// Land the model is not asked about: pixels whose fluxes a documented rule sets (docs/products.md, "Surfaces set
/// by rule"). Permanent snow and ice (IGBP 15: the Antarctic and Greenland ice sheets, glaciers) has no vegetation
/// and no soil, so GPP = RECO = NEE = 0 with no spread. No flux tower stands on an ice sheet, so the network's output
/// there is an extrapolation from tundra and desert towers: on the demo it put 0.8 Pg C/yr of GPP and 1.1 of RECO
/// south of 60S, where the truth is 0 (bench/RESULTS.md, "Global budget"). Barren land (IGBP 16) is left to the model:
/// it has towers of its own class or climate nearby in the training set, and deserts do photosynthesise a little;
/// the domain-of-applicability flags say where its drivers leave the towers' range.
/// </summary>
public static class SurfaceRules
{
    /// <summary>IGBP "Permanent Snow and Ice".</summary>
    public const int PermanentSnowAndIce = 15;

    /// <summary>The rule's name, as the products' global attribute <c>surface_rules</c> states it.</summary>
    public const string Statement = "IGBP 15 (permanent snow and ice): gpp = reco = nee = 0 and their uncertainties 0, set by rule, not by the model";

    /// <summary>Whether a pixel of this class gets its fluxes from the rule rather than the model.</summary>
    public static bool SetsFluxes(int igbp) => igbp == PermanentSnowAndIce;

    /// <summary>The values of every output (<see cref="FluxVariables.All"/>: fluxes and spreads) on a pixel the rule sets.</summary>
    public static float ValueOf(FluxVariable variable) => 0f;
}
