using TamRl.Upscale.Core.Config;

namespace TamRl.Upscale.Sites.Fluxnet;

/// <summary>
/// The tower file columns read as targets. FLUXNET releases differ: the FULLSET files carry <c>_USTAR50</c> and
/// <c>_REF</c> variants and two partitionings (NT night-time, DT daytime); the paper trains on the USTAR50 night-time
/// set and scores days whose NEE QC is 1, which is the default here. RECO must come from the same partitioning as GPP
/// for NEE = RECO - GPP to hold.
/// </summary>
public sealed record TowerColumns(string Gpp, string Reco, string Nee, string NeeQc)
{
    public static readonly TowerColumns Default = new("GPP_NT_VUT_USTAR50", "RECO_NT_VUT_USTAR50", "NEE_VUT_USTAR50", "NEE_VUT_USTAR50_QC");

    /// <summary>The REF variant of the night-time partitioning (what the derived FLUXNET2015 daily files carry).</summary>
    public static readonly TowerColumns Reference = new("GPP_NT_VUT_REF", "RECO_NT_VUT_REF", "NEE_VUT_REF", "NEE_VUT_REF_QC");

    /// <summary>The columns a configuration names, each field left out taken from <see cref="Default"/>.</summary>
    public static TowerColumns From(TowerColumnsConfig? config) => config is null
        ? Default
        : new(config.Gpp ?? Default.Gpp, config.Reco ?? Default.Reco, config.Nee ?? Default.Nee, config.NeeQc ?? Default.NeeQc);

    public IReadOnlyList<string> All => [Gpp, Reco, Nee, NeeQc];
}
