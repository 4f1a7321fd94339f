namespace TamRl.Upscale.Jobs.Seam;

/// <summary>One pipeline implementation: its stages, how it splits the domain, and its land mask.</summary>
public sealed record StageSet(IPipelineStages Stages, IChunkPlanner Planner, ILandMask LandMask);

/// <summary>
/// Stage sets by name. A run records the name of the set it was submitted with, so one worker serves
/// runs of any registered set. Production hosts (Cli, Server) register the real pipeline; the tests' synthetic
/// pipeline (tests/TamRl.Upscale.Jobs.Synthetic) is registered only by test hosts.
/// </summary>
public sealed class StageCatalog
{
    private readonly Dictionary<string, Func<StageSet>> _sets = new(StringComparer.Ordinal);

    public StageCatalog Register(string name, Func<StageSet> factory)
    {
        _sets[name] = factory;
        return this;
    }

    public IReadOnlyCollection<string> Names => _sets.Keys;

    public StageSet Resolve(string name) =>
        _sets.TryGetValue(name, out var factory)
            ? factory()
            : throw new Core.Errors.TamRlException(
                $"pipeline '{name}' is not registered with this worker (known: {string.Join(", ", _sets.Keys)})");
}
