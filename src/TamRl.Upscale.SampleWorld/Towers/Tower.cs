namespace TamRl.Upscale.SampleWorld.Towers;

/// <summary>A flux tower of the world: a real site's id, position, network and IGBP class, and the days it records.</summary>
internal sealed record Tower(
    string SiteId, string Network, double Latitude, double Longitude, byte Igbp, string Koppen, int Cell,
    DateOnly RecordStart, DateOnly RecordEnd)
{
    /// <summary>The file name in the network's own convention (FLUXNET2015, AmeriFlux FLUXNET, ICOS ETC L2, JapanFlux).</summary>
    public string FileName => Network switch
    {
        "AMF" => $"AMF_{SiteId}_FLUXNET_FULLSET_DD_{RecordStart.Year}-{RecordEnd.Year}_3-5.csv",
        "ICOSETC" => $"ICOSETC_{SiteId}_FLUXNET_DD_L2.csv",
        "JPX" => $"JPX_{SiteId}_FLUXNET_FULLSET_DD_{RecordStart.Year}-{RecordEnd.Year}_1-0.csv",
        _ => $"FLX_{SiteId}_FLUXNET2015_FULLSET_DD_{RecordStart.Year}-{RecordEnd.Year}_1-4.csv",
    };

    /// <summary>JapanFlux files grade QC 0 (best) .. 3 instead of FLUXNET's fraction 0..1.</summary>
    public bool QcAsGrade => Network == "JPX";
}
