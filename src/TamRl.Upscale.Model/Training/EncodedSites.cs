namespace TamRl.Upscale.Model.Training;

/// <summary>Every site's series encoded once for the model ([days, input] each) and its static vector.</summary>
public sealed class EncodedSites
{
    public EncodedSites(SiteSeriesSet data, FeatureEncoding encoding)
    {
        Data = data;
        Encoding = encoding;
        Static = new float[data.Sites][];
        Series = new float[data.Sites][];
        for (var s = 0; s < data.Sites; s++)
        {
            Static[s] = encoding.EncodeStatic(data.Igbp[s], data.Koppen[s], data.Latitude[s], data.Longitude[s]);
            Series[s] = encoding.EncodeSeries(data.SiteDrivers(s), data.Days, Static[s]);
        }
    }

    public SiteSeriesSet Data { get; }
    public FeatureEncoding Encoding { get; }
    public float[][] Static { get; }
    public float[][] Series { get; }
}
