using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.Regridding;

/// <summary>Maps a field from one canonical grid to another; NaN in the source is "no value" and is never averaged in.</summary>
public interface IRegridder
{
    RegularLatLonGrid Source { get; }

    RegularLatLonGrid Target { get; }

    /// <summary>Regrids <paramref name="source"/> (Source rows x columns) into <paramref name="target"/> (Target rows x columns).</summary>
    void Regrid(ReadOnlySpan<float> source, Span<float> target);
}

/// <summary>Chooses the method: conservative when the target cells are at least as large as the source's (coarsening), bilinear when smaller (refining).</summary>
public static class Regridders
{
    public static IRegridder Create(RegularLatLonGrid source, RegularLatLonGrid target)
    {
        if (source == target)
            return new IdentityRegridder(source);
        var sourceArea = source.LatitudeResolution * source.LongitudeResolution;
        var targetArea = target.LatitudeResolution * target.LongitudeResolution;
        return targetArea >= sourceArea * (1 - 1e-9) ? new ConservativeRegridder(source, target) : new BilinearRegridder(source, target);
    }

    private sealed class IdentityRegridder(RegularLatLonGrid grid) : IRegridder
    {
        public RegularLatLonGrid Source => grid;

        public RegularLatLonGrid Target => grid;

        public void Regrid(ReadOnlySpan<float> source, Span<float> target) => source.CopyTo(target);
    }
}
