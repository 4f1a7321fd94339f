using TamRl.Upscale.IO.Geography;
namespace TamRl.Upscale.SampleWorld.Geography;

/// <summary>
/// The real 0.5 degree inputs every band of the world is built from, loaded once: the Kottek map (land mask and
/// classes), the distance from the sea on it, and the elevation grid. Their size is fixed (360 x 720), whatever
/// the world's resolution.
/// </summary>
internal sealed class GeographySources
{
    private GeographySources(KoppenMap koppen, float[] coastKm, ElevationMap elevation)
    {
        Koppen = koppen;
        CoastKm = coastKm;
        Elevation = elevation;
    }

    public KoppenMap Koppen { get; }
    /// <summary>Distance from the sea (km) per 0.5 degree cell, in <see cref="KoppenMap"/> order.</summary>
    public float[] CoastKm { get; }
    public ElevationMap Elevation { get; }

    public static GeographySources Load(string realData)
    {
        var koppen = KoppenMap.Load(realData);
        var coast = CoastDistance.Compute(koppen.Classes, KoppenMap.Rows, KoppenMap.Columns, KoppenMap.Resolution);
        return new GeographySources(koppen, coast, ElevationMap.Load(realData));
    }
}
