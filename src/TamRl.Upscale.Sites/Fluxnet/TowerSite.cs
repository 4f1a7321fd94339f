namespace TamRl.Upscale.Sites.Fluxnet;

/// <summary>One row of a tower metadata table (towers/sites.csv).</summary>
/// <param name="Id">Site id, e.g. "US-Wi7".</param>
/// <param name="Latitude">Degrees north.</param>
/// <param name="Longitude">Degrees east (-180..360 accepted; the grid lookup wraps).</param>
/// <param name="Igbp">IGBP class index (see <see cref="Dataset.StaticClasses"/>).</param>
/// <param name="Koppen">Koppen class index (see <see cref="Dataset.StaticClasses"/>).</param>
/// <param name="Network">Network or release name as the table gives it.</param>
/// <param name="File">Full path of the site's daily flux file.</param>
public sealed record TowerSite(string Id, double Latitude, double Longitude, int Igbp, int Koppen, string Network, string File);
