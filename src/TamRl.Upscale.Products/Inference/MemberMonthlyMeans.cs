namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// Each ensemble member's monthly means of GPP, RECO and NEE over one chunk's tile: <see cref="PerFlux"/>[flux] laid out
/// [member, month, cell of the tile], g C m-2 d-1, NaN where the tile has no land. What the spread of a monthly mean
/// and of a regional total is computed from (the daily spreads only bound it). Kept in the chunk file beside the daily
/// values: members x months x 3 maps against the 6 x days of the daily ones (+16 % of a year's chunk file for 10
/// members, docs/products.md).
/// </summary>
public sealed record MemberMonthlyMeans(int Members, int Months, float[][] PerFlux)
{
    /// <summary>Variable names in the chunk file: gpp_member_mean, reco_member_mean, nee_member_mean.</summary>
    public static string VariableOf(FluxVariable flux) => $"{flux.Name}_member_mean";
}
