namespace TamRl.Upscale.Jobs.Runs;

/// <summary>What marking a chunk done changed: whether this call did it, and how many are done of how many.</summary>
public readonly record struct ChunkCompletion(bool NewlyDone, int Done, int Total)
{
    public bool AllDone => Total > 0 && Done >= Total;
}
