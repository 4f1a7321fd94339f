namespace TamRl.Upscale.Core.Config;

/// <summary>The "products" section: what inference covers and how publication is checked (docs/products.md).</summary>
public sealed record ProductsConfig
{
    /// <summary>The product period: YYYY, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD.</summary>
    public required string Period { get; init; }

    /// <summary>Memory for one chunk in flight, e.g. "512MiB".</summary>
    public string Budget { get; init; } = "512MiB";

    /// <summary>Pixels per predictor call.</summary>
    public int BatchPixels { get; init; } = 1024;

    /// <summary>Quicklook PNGs beside the products.</summary>
    public bool Quicklooks { get; init; } = true;

    /// <summary>
    /// Expected totals over the product's area, PgC/yr, by flux ("gpp", "reco", "nee": {"min", "max", "reason"}, or the
    /// older [min, max]), replacing the global defaults of the check (a regional run needs its own).
    /// </summary>
    public IReadOnlyDictionary<string, TotalBound> TotalBounds { get; init; } = new Dictionary<string, TotalBound>();

    /// <summary>Truth grids to score the products against (the sample world's truth folder); null: no scoring.</summary>
    public string? Truth { get; init; }
}
