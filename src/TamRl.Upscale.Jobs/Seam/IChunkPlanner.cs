using NetTopologySuite.Geometries;

namespace TamRl.Upscale.Jobs.Seam;

/// <summary>One unit of inference work: an id the stages understand and the area it covers (lon/lat degrees).</summary>
public sealed record ChunkExtent(string Id, Envelope Bounds);

/// <summary>Splits a run's domain into chunks for the fan-out, in a fixed order.</summary>
public interface IChunkPlanner
{
    IReadOnlyList<ChunkExtent> Plan(RunSpec run);
}
