using Hangfire;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Orchestration;

/// <summary>Builds the job classes with this host's store and stage catalog (no global service locator).</summary>
public sealed class PipelineJobActivator(IRunStore runs, StageCatalog catalog, JobStorage storage) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(PipelineJobs)
            ? new PipelineJobs(runs, catalog, new BackgroundJobClient(storage))
            : base.ActivateJob(jobType);
}
