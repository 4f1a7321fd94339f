using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.Regridding;

/// <summary>
/// Refuses a source that does not reach over the whole target grid: filling the rest from the nearest
/// source cell (what the land gap filler would do) would invent data silently.
/// </summary>
public static class GridCoverage
{
    public static void Require(RegularLatLonGrid source, RegularLatLonGrid target, string file, string variable)
    {
        const double slack = 1e-6;
        var lonOk = source.IsGlobalInLongitude || (source.West <= target.West + slack && source.East >= target.East - slack);
        var latOk = source.North >= Math.Min(90, target.North) - slack && source.South <= Math.Max(-90, target.South) + slack;
        if (!lonOk || !latOk)
            throw new InvalidInputException(file, variable,
                $"the data cover {source.West:G6}..{source.East:G6} E, {source.South:G6}..{source.North:G6} N, not the target grid's " +
                $"{target.West:G6}..{target.East:G6} E, {target.South:G6}..{target.North:G6} N");
    }
}
