namespace TamRl.Upscale.Sites.Fluxnet;

/// <summary>
/// A tower's daily record as the training dataset needs it: consecutive days from <see cref="FirstDay"/>,
/// fluxes in g C m-2 d-1 and QC as a fraction 0..1 (<see cref="QcScale"/>), NaN where the file has -9999 or
/// skips a day.
/// </summary>
/// <param name="SiteId">Site id from the file name.</param>
/// <param name="Release">The release the file came from.</param>
/// <param name="Path">The file read.</param>
/// <param name="FirstDay">Date of the first row.</param>
/// <param name="Gpp">GPP per day (the <see cref="TowerColumns"/> read; GPP_NT_VUT_USTAR50 by default).</param>
/// <param name="Reco">RECO per day (RECO_NT_VUT_USTAR50 by default).</param>
/// <param name="Nee">NEE per day (NEE_VUT_USTAR50 by default).</param>
/// <param name="Qc">NEE QC per day, as a fraction (NEE_VUT_USTAR50_QC by default).</param>
/// <param name="Extra">Further columns the caller asked for, per day (NaN where missing; QC columns not rescaled).</param>
public sealed record TowerRecord(
    string SiteId, FluxnetRelease Release, string Path, DateOnly FirstDay,
    float[] Gpp, float[] Reco, float[] Nee, float[] Qc, IReadOnlyDictionary<string, double[]> Extra)
{
    public int DayCount => Gpp.Length;

    public DateOnly LastDay => FirstDay.AddDays(DayCount - 1);
}
