namespace TamRl.Upscale.Products.Publishing;

/// <summary>The steps of a publication, reported as each completes (for progress, and for tests that stop a publisher between steps).</summary>
public enum PublishStep
{
    /// <summary>Products written to the staging folder.</summary>
    Assembled,
    /// <summary>Checks passed; checks.json written.</summary>
    Checked,
    /// <summary>The staging folder moved to its version folder (not yet visible).</summary>
    Versioned,
    /// <summary>The period's link now points at the new version: the product is published.</summary>
    Swapped,
    /// <summary>OUT/products/manifest.json rewritten.</summary>
    ManifestWritten,
}
