namespace TamRl.Upscale.Jobs.Seam;

/// <summary>
/// The seam between the orchestration and the pipeline's stages. Each method does one stage's work
/// for one run (and one chunk), reads and writes only under the run's folders, and returns the id of
/// what it produced (a path or a content hash) for the run's record. Stages know nothing of Hangfire:
/// a method may be called again for the same run (delivery is at least once), so each must be
/// idempotent and write through staging so that a killed call leaves nothing half-written.
/// </summary>
public interface IPipelineStages
{
    string Ingest(RunSpec run);

    string ExtractSites(RunSpec run);

    /// <summary>Trains the model, or returns the given model bundle's id when the run reuses one.</summary>
    string Train(RunSpec run);

    /// <summary>
    /// Trains as <see cref="Train(RunSpec)"/>, stopping with an OperationCanceledException when <paramref name="cancel"/>
    /// fires (the worker is shutting down): the job runs again and resumes from the training checkpoint. A pipeline that
    /// cannot stop early ignores it.
    /// </summary>
    string Train(RunSpec run, CancellationToken cancel) => Train(run);

    string InferChunk(RunSpec run, string chunkId);

    /// <summary>
    /// Runs a chunk as <see cref="InferChunk(RunSpec, string)"/>, stopping with an OperationCanceledException between
    /// batches when <paramref name="cancel"/> fires (the worker is shutting down), before the chunk's file is written: the
    /// job runs again elsewhere. A pipeline that cannot stop early ignores it.
    /// </summary>
    string InferChunk(RunSpec run, string chunkId, CancellationToken cancel) => InferChunk(run, chunkId);

    string Assemble(RunSpec run, IReadOnlyList<string> chunkIds);

    string Check(RunSpec run);

    /// <summary>
    /// Moves the checked products in place. For a rerun: patches the products as published now with the
    /// rerun's chunks, atomically. The orchestration calls this under a distributed lock per output
    /// folder, so publishes never interleave; but a disjoint rerun may have published since this run
    /// assembled, so a patch must start from the current products, not from its assembled copy.
    /// </summary>
    string Publish(RunSpec run);
}
