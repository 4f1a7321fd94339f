using NetTopologySuite.Geometries;
using TamRl.Upscale.Jobs.Regions;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Orchestration;

/// <summary>
/// A region rerun, validated and planned: the parent run it is submitted against (the latest published run on the
/// output folder unless named; recorded as the root of its lineage), and the chunks the region touches. The stages
/// patch the products published for the period at the time, so earlier reruns' patches stay (seam: Publish).
/// </summary>
public static class RerunRequest
{
    public static RunStatus Submit(IRunStore runs, StageCatalog catalog, RunSubmitter submitter,
        Geometry region, Period period, string? parentId, string? outDir, string field)
    {
        var parent = parentId is not null
            ? runs.Find(parentId) ?? throw new RegionException("parent", $"run '{parentId}' is not in the run table")
            : outDir is not null
                ? runs.LatestPublished(Path.GetFullPath(outDir)) ?? throw new RegionException("out", $"no published run in {outDir} to patch")
                : throw new RegionException("parent", "name the run to patch (or its output folder)");
        if (parent.State != RunStates.Done)
            throw new RegionException("parent", $"run '{parent.Spec.Id}' has not published products (state {parent.State})");
        var spec = parent.Spec with
        {
            Id = RunSubmitter.NewRunId(RunKinds.Rerun),
            Kind = RunKinds.Rerun,
            RegionWkt = region.AsText(),
            PeriodFrom = period.From,
            PeriodTo = period.To,
            Parent = parent.Spec.Parent ?? parent.Spec.Id,
        };
        var chunks = RegionPlan.ChunksTouched(region, catalog.Resolve(spec.Pipeline), spec, field);
        return submitter.SubmitRerun(spec, chunks);
    }
}
