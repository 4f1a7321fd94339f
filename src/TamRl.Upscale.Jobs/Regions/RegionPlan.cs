using NetTopologySuite.Geometries;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Regions;

/// <summary>Which chunks a rerun recomputes: those whose area the region touches, after the land check.</summary>
public static class RegionPlan
{
    public static IReadOnlyList<string> ChunksTouched(Geometry region, StageSet set, RunSpec run, string field)
    {
        if (!set.LandMask.Touches(region))
            throw new RegionException(field, "the region does not intersect land: there is nothing to recompute");
        var factory = region.Factory;
        var chunks = set.Planner.Plan(run)
            // Interiors must meet: a region whose edge lies on a chunk boundary does not touch the neighbour.
            .Where(c => factory.ToGeometry(c.Bounds) is var cell && region.Intersects(cell) && !region.Touches(cell))
            .Select(c => c.Id)
            .ToList();
        if (chunks.Count == 0)
            throw new RegionException(field, "the region touches no chunk of the run's domain");
        return chunks;
    }
}
