namespace TamRl.Upscale.Sites.Dataset;

/// <summary>
/// One window of a site's record, ready for a training or evaluation batch. Arrays are copies owned by the
/// window. Targets are NaN where the tower has no value; <see cref="Weight"/> is 0 on exactly those days,
/// so replace NaN targets (e.g. by 0) before multiplying by the weight.
/// </summary>
/// <param name="Site">Index of the site in <see cref="TrainingDataset.Sites"/>.</param>
/// <param name="SiteId">The site's id.</param>
/// <param name="Start">Index of the first day in <see cref="TrainingDataset.Dates"/>.</param>
/// <param name="Length">Number of days.</param>
/// <param name="Drivers">[day, feature], the dataset's feature order (Core DriverFeatures).</param>
/// <param name="Gpp">g C m-2 d-1 per day, NaN where missing.</param>
/// <param name="Reco">g C m-2 d-1 per day, NaN where missing.</param>
/// <param name="Nee">g C m-2 d-1 per day, NaN where missing.</param>
/// <param name="Weight">
/// Training weight per day: the QC fraction (NEE_VUT_USTAR50_QC, 0..1) where it and all three targets
/// are present, else 0. Training keeps every day with this weight (as in the paper).
/// </param>
/// <param name="TestMask">
/// Evaluation mask per day: true only where the QC fraction is exactly 1 (all half-hours measured) and
/// all three targets are present. Testing uses only these days (as in the paper).
/// </param>
public sealed record TrainingWindow(
    int Site, string SiteId, int Start, int Length,
    float[] Drivers, float[] Gpp, float[] Reco, float[] Nee, float[] Weight, bool[] TestMask)
{
    /// <summary>The site's static features (<see cref="StaticFeatures"/>: IGBP and Koppen one-hot, latitude, longitude).</summary>
    public float[] Static { get; init; } = [];

    /// <summary>Number of days with a positive training weight.</summary>
    public int WeightedDays => Weight.Count(w => w > 0);

    /// <summary>Number of days usable for evaluation.</summary>
    public int TestDays => TestMask.Count(m => m);
}
