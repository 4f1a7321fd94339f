namespace TamRl.Upscale.Products.Scoring;

/// <summary>
/// The one definition of a carbon total, shared by the scorer's budgets (<see cref="CarbonBudget"/>) and the published
/// regional budget table (Budgets/RegionalBudget): daily flux (g m-2 d-1) x cell area (m2, authalic sphere) x land
/// fraction, summed over the land pixel-days that hold a value. Fluxes are means over the land part of a cell, hence the
/// land fraction.
/// </summary>
public static class LandIntegral
{
    /// <summary>Grams to petagrams.</summary>
    public const double PgPerGram = 1e-15;

    /// <summary>A cell's weight, m2 of land: 0 where the land fraction is not a positive finite number.</summary>
    public static double Weight(double cellArea, float landFraction) =>
        landFraction > 0 && float.IsFinite(landFraction) ? cellArea * landFraction : 0;

    /// <summary>Whether a product value counts: finite and not the products' fill value.</summary>
    public static bool Valid(float value) => float.IsFinite(value) && value != Writers.ProductFill.Value;
}
