namespace TamRl.Upscale.Sites.Dataset;

/// <summary>One tower of the training dataset.</summary>
/// <param name="Id">FLUXNET-style site id, e.g. "US-Wi7".</param>
/// <param name="Latitude">Tower latitude, degrees north.</param>
/// <param name="Longitude">Tower longitude, degrees east, -180..180.</param>
/// <param name="Igbp">IGBP class index (row order of data/real/sites/igbp_key.csv, 0..17; see <see cref="StaticClasses"/>).</param>
/// <param name="Koppen">Koppen-Geiger class index (Kottek code, data/real/sites/koeppen_geiger_key.csv, 1..30; 0 = unknown).</param>
/// <param name="Network">Release the record came from: FLUXNET2015, AmeriFlux, ICOS, JapanFlux (or what sites.csv says).</param>
public sealed record SiteInfo(string Id, double Latitude, double Longitude, int Igbp, int Koppen, string Network);
