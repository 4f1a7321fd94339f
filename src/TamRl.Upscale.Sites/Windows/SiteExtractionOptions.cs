using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Sites.Windows;

/// <summary>How towers become a training dataset.</summary>
public sealed record SiteExtractionOptions
{
    /// <summary>First day of the dataset; null: the driver source's first day.</summary>
    public DateOnly? FirstDay { get; init; }

    /// <summary>Last day of the dataset; null: the driver source's last day.</summary>
    public DateOnly? LastDay { get; init; }

    public int WindowLength { get; init; } = TrainingDataset.DefaultWindowLength;

    public int WindowStride { get; init; } = TrainingDataset.DefaultWindowStride;

    /// <summary>The tower file columns of the targets and the NEE QC.</summary>
    public Fluxnet.TowerColumns Columns { get; init; } = Fluxnet.TowerColumns.Default;
}

/// <summary>A tower left out of the dataset, and why (written to the manifest).</summary>
public sealed record SkippedSite(string SiteId, string Reason);

/// <summary>What extraction produced: the dataset, the towers left out, and the tower files read.</summary>
public sealed record SiteExtractionResult(TrainingDataset Dataset, IReadOnlyList<SkippedSite> Skipped, IReadOnlyList<string> TowerFiles);
