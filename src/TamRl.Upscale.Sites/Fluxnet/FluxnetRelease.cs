namespace TamRl.Upscale.Sites.Fluxnet;

/// <summary>
/// The tower data releases read here. All four carry ONEFlux-processed daily (DD) files with the same
/// variable names; they differ in file naming and, for JapanFlux, in the scale of the QC columns.
/// </summary>
public enum FluxnetRelease
{
    /// <summary><c>FLX_{SITE}_FLUXNET2015_FULLSET_DD_{Y1}-{Y2}_{V}.csv</c>; QC = fraction 0..1 of measured and good gap-filled data.</summary>
    Fluxnet2015,

    /// <summary><c>AMF_{SITE}_FLUXNET_FULLSET_DD_{Y1}-{Y2}_{V}.csv</c> (AmeriFlux FLUXNET product); QC fraction 0..1.</summary>
    AmeriFlux,

    /// <summary><c>ICOSETC_{SITE}_FLUXNET_DD_L2.csv</c> (ICOS ETC Level 2, FLUXNET format); QC fraction 0..1.</summary>
    Icos,

    /// <summary>
    /// <c>JPX_{SITE}_..._DD_....csv</c> (JapanFlux); QC columns are flags 0 (best) .. 3 (worst), possibly a daily
    /// mean of half-hourly flags, mapped to the FLUXNET fraction by 1 - flag / 3 (see <see cref="QcScale"/>).
    /// </summary>
    JapanFlux,
}

/// <summary>File-name conventions of the releases.</summary>
public static class FluxnetReleases
{
    /// <summary>The release a file belongs to, from its name's prefix; null when the prefix is unknown.</summary>
    public static FluxnetRelease? FromFileName(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith("FLX_", StringComparison.OrdinalIgnoreCase)) return FluxnetRelease.Fluxnet2015;
        if (name.StartsWith("AMF_", StringComparison.OrdinalIgnoreCase)) return FluxnetRelease.AmeriFlux;
        if (name.StartsWith("ICOSETC_", StringComparison.OrdinalIgnoreCase)) return FluxnetRelease.Icos;
        if (name.StartsWith("JPX_", StringComparison.OrdinalIgnoreCase)) return FluxnetRelease.JapanFlux;
        return null;
    }

    /// <summary>The site id in a release's file name (the second '_'-separated part, e.g. "US-Wi7"), or null.</summary>
    public static string? SiteIdFromFileName(string path)
    {
        var parts = Path.GetFileNameWithoutExtension(path).Split('_');
        return parts.Length >= 2 && parts[1].Length > 0 ? parts[1] : null;
    }

    /// <summary>The network name the training dataset records for a release.</summary>
    public static string NetworkName(FluxnetRelease release) => release switch
    {
        FluxnetRelease.Fluxnet2015 => "FLUXNET2015",
        FluxnetRelease.AmeriFlux => "AmeriFlux",
        FluxnetRelease.Icos => "ICOS",
        FluxnetRelease.JapanFlux => "JapanFlux",
        _ => throw new ArgumentOutOfRangeException(nameof(release)),
    };
}
