using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Files;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Publishing;

/// <summary>
/// What a region rerun patches: the products published now for its period. A rerun computes only the chunks its
/// region touches; every other chunk of its plan must be the one the published products were made from, i.e. the
/// chunks of the run named in the period's <c>manifest.json</c>. (Taking them from the run the rerun was submitted
/// against instead, the root run, made a second, disjoint rerun of a period republish without the first one's patch.)
/// The publish stage calls <see cref="TakeUntouched"/> again under the output folder's publish turn, because a disjoint
/// rerun may have published since this one assembled; a chunk replaced then makes the check record stale, and
/// publication assembles and checks again.
/// </summary>
public static class RerunChunks
{
    /// <summary>
    /// The run folder whose chunks the products of <paramref name="run"/>'s period were published from (the rerun's own
    /// folder when it published them itself: its chunks are that state, and a retried publication must not replace them),
    /// or null when nothing is published for that period.
    /// </summary>
    /// <exception cref="DataFileException">The publishing run's folder is gone: its chunks cannot be taken.</exception>
    /// <exception cref="InvalidInputException">The publishing run was planned with other chunks (grid, tiles or chunk set).</exception>
    public static string? PublishedSource(string outDir, RunDescription run)
    {
        if (!ProductPublisher.PublishedPeriods(outDir).TryGetValue(run.Period.Key, out var folder))
            return null;
        var manifestPath = Path.Combine(folder, ProductLayout.Manifest);
        var publisher = ProductManifest.Load(manifestPath).RunId;
        var source = InferenceService.RunDirOf(outDir, publisher);
        if (publisher == run.RunId)
            return source;
        if (!File.Exists(Path.Combine(source, RunDescription.FileName)))
            throw new DataFileException(manifestPath, "run_id",
                $"the products of {run.Period.Key} were published by run {publisher}, whose folder {source} is gone: a rerun cannot take its untouched chunks from it");
        var theirs = RunDescription.Load(source);
        if (theirs.Grid != run.Grid || theirs.Tiles != run.Tiles || !theirs.ChunkIds.SequenceEqual(run.ChunkIds))
            throw new InvalidInputException(Path.Combine(source, RunDescription.FileName), "chunk_ids",
                $"run {publisher}, which published {run.Period.Key}, was planned with other chunks than rerun {run.RunId}: rerun the whole period instead");
        if (theirs.Predictor != run.Predictor)
            throw new InvalidInputException(Path.Combine(source, RunDescription.FileName), "predictor",
                $"run {publisher}, which published {run.Period.Key}, used predictor '{theirs.Predictor}', rerun {run.RunId} '{run.Predictor}' (another bundle or precision): rerun the whole period instead");
        return source;
    }

    /// <summary>
    /// Makes every chunk of the rerun in <paramref name="runDir"/> that it did not compute itself (missing, or written by
    /// another run) a copy of <paramref name="sourceDir"/>'s, each replaced whole; returns how many files changed.
    /// <paramref name="hashes"/>, when given, receives the sha256 of each of this run's chunk files it compared or copied
    /// (full path), for the check record's fingerprint under the same publish turn (<see cref="PublishOptions.KnownHashes"/>).
    /// </summary>
    public static int TakeUntouched(string runDir, string sourceDir, IDictionary<string, string>? hashes = null)
    {
        var run = RunDescription.Load(runDir);
        var changed = 0;
        foreach (var id in run.ChunkIds)
        {
            var mine = InferenceService.ChunkPath(runDir, id);
            var theirs = InferenceService.ChunkPath(sourceDir, id);
            if (!File.Exists(theirs))
                continue; // MissingChunks names it at assembly
            if (File.Exists(mine) && ChunkFile.RunIdOf(mine) == run.RunId)
                continue; // computed by this rerun
            var theirHash = FileHash.Sha256(theirs);
            if (hashes is not null)
                hashes[Path.GetFullPath(mine)] = theirHash; // mine has these bytes after the comparison or the copy
            if (File.Exists(mine) && FileHash.Sha256(mine) == theirHash)
                continue;
            AtomicFile.Write(mine, temp => File.Copy(theirs, temp));
            changed++;
        }
        return changed;
    }
}
