using TamRl.Upscale.Core.Files;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Publishing;

public class CheckRecordTests
{
    [Fact]
    public void InputsOf_TakesAKnownHash_InsteadOfReadingThatFileAgain()
    {
        // Under the publish turn a rerun's untouched chunks were just hashed (RerunChunks.TakeUntouched): the fingerprint
        // takes those hashes; every other file is read.
        using var dir = new TempDirectory();
        var period = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 31));
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(10), period);
        var predictor = new LightUseEfficiencyTestPredictor();
        var run = InferenceService.PlanRun(dir.Path, "r", cube, period, new MemoryBudget(4_000_000, 16, 0), predictor.Identity);
        var chunk = InferenceService.RunChunk(dir.Path, run, run.ChunkIds[0], cube, predictor);
        var options = new PublishOptions { Quicklooks = false };

        var read = CheckRecord.InputsOf(dir.Path, run, options);
        var known = CheckRecord.InputsOf(dir.Path, run, options with { KnownHashes = new Dictionary<string, string> { [chunk] = FileHash.Sha256(chunk) } });
        var other = CheckRecord.InputsOf(dir.Path, run, options with { KnownHashes = new Dictionary<string, string> { [chunk] = new string('0', 64) } });

        Assert.Equal(read, known);
        Assert.NotEqual(read, other); // the known hash was taken, not the file's
    }
}
