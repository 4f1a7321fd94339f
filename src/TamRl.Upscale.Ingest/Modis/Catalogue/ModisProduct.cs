namespace TamRl.Upscale.Ingest.Modis.Catalogue;

/// <summary>The grid a product is distributed on.</summary>
public enum ModisGridKind
{
    /// <summary>HDF4-EOS tiles (hHHvVV) of the sinusoidal grid (sphere of radius 6371007.181 m).</summary>
    SinusoidalTiles,

    /// <summary>The Climate Modelling Grid: one global geographic 0.05-degree HDF4-EOS file per composite.</summary>
    Cmg,
}

/// <summary>
/// One MODIS product: its layers, its composite length and how its files are scaled.
/// </summary>
/// <param name="Name">The short name as in file names and the SHORTNAME metadata item (MOD13A2, MCD15A2H...).</param>
/// <param name="CompositeDays">Length of the compositing window; the file's date (AYYYYDDD) is its first day, except where <see cref="DateIsCentre"/>.</param>
/// <param name="ScaleIsDivisor">
/// The HDF4 files state scale_factor as a divisor (value = stored / scale_factor: MOD13 writes 10000, see
/// its user guide); a stored factor above 1 is then inverted. AppEEARS rewrites it as 0.0001, which is used as is.
/// </param>
/// <param name="DateIsCentre">MCD43 collection 6 dates a daily product by the centre (9th day) of its 16-day retrieval window.</param>
/// <param name="UserGuide">The user guide or file specification the layers and QA rules follow.</param>
public sealed record ModisProduct(
    string Name,
    ModisGridKind Grid,
    int CompositeDays,
    IReadOnlyList<ModisLayer> Layers,
    string UserGuide,
    bool ScaleIsDivisor = false,
    bool DateIsCentre = false)
{
    /// <summary>The layer of a feature, or null.</summary>
    public ModisLayer? Layer(string feature) => Layers.FirstOrDefault(l => l.Feature == feature);
}
