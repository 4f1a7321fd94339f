using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.TestSupport;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Training;

public class EnsembleTrainerTests
{
    // Dropout on, so the members' own generators are exercised: with a shared generator, parallel members would
    // draw each other's masks and the weights would depend on the threads' timing.
    private static readonly TrainingOptions Options = SyntheticSites.TinyOptions with { Dropout = 0.3, Epochs = 3 };

    private static (EncodedSites Sites, int[] Train) Setup(int sites = 6, int days = 120) => TestModels.TrainingSites(sites, days);

    private static byte[] Weights(FluxSequenceModel model) => TestModels.Weights(model);

    [Theory]
    [InlineData(ModelKind.TamRl)]
    [InlineData(ModelKind.CtLstm)]
    public void Train_InParallel_GivesEveryMemberTheWeightsItGetsWhenTrainedAlone(ModelKind kind)
    {
        var (sites, train) = Setup();
        int[] seeds = [4, 5, 6];
        var alone = seeds.Select(s => Weights(new MemberTrainer(sites, train, Options, CPU).Train(kind, s).Model)).ToList();
        var together = new EnsembleTrainer(sites, train, Options with { ParallelMembers = 3 }, CPU).Train(kind, seeds);

        Assert.Equal(seeds, together.Select(m => m.Seed));
        for (var i = 0; i < seeds.Length; i++)
            Assert.Equal(alone[i], Weights(together[i].Model));
        Assert.NotEqual(alone[0], alone[1]);
        // The dropout masks matter to the weights, so the comparison above is not between networks that never drew.
        var withoutDropout = Weights(new MemberTrainer(sites, train, Options with { Dropout = 0 }, CPU).Train(kind, seeds[0]).Model);
        Assert.NotEqual(alone[0], withoutDropout);
    }

    [Fact]
    public void Train_ResumesTheCheckpoints_WhenOnlyTheParallelismChanged()
    {
        var (sites, train) = Setup();
        using var dir = new TempDirectory();
        var first = new EnsembleTrainer(sites, train, Options with { ParallelMembers = 2 }, CPU).Train(ModelKind.CtLstm, [1, 2], dir.Path);
        var again = new EnsembleTrainer(sites, train, Options with { ParallelMembers = 1 }, CPU).Train(ModelKind.CtLstm, [1, 2], dir.Path);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(first[i].History.Count, again[i].History.Count);
            Assert.Equal(Weights(first[i].Model), Weights(again[i].Model));
        }
    }

    [Fact]
    public void Train_InParallel_ThrowsTheFailingMembersOwnError()
    {
        var (sites, train) = Setup();
        using var dir = new TempDirectory();
        // Member 1's folder holds a checkpoint of another seed: that member must fail with the checkpoint's own message.
        new MemberTrainer(sites, train, Options with { Epochs = 1 }, CPU)
            .Train(ModelKind.CtLstm, 99, Path.Combine(dir.Path, ModelKinds.Name(ModelKind.CtLstm), "member_01"));
        var e = Assert.Throws<InvalidInputException>(() =>
            new EnsembleTrainer(sites, train, Options with { ParallelMembers = 2 }, CPU).Train(ModelKind.CtLstm, [1, 2], dir.Path));
        Assert.Contains("seed 99", e.Message);
    }

    [Fact]
    public void Train_CancelledByTheCaller_StopsTheMembersAtTheirNextBatch_AndStartsNoOther()
    {
        // A worker stopping (SIGTERM) cancels the train job: every member thread must stop and be joined, and the caller
        // must see the cancellation, not a member's reaction to it.
        var (sites, train) = Setup();
        using var cancel = new CancellationTokenSource();
        var reports = 0;
        var trainer = new EnsembleTrainer(sites, train, Options with { ParallelMembers = 2, Epochs = 50 }, CPU);

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(ModelKind.CtLstm, [1, 2, 3], null,
            (_, _) => { if (Interlocked.Increment(ref reports) == 1) cancel.Cancel(); }, cancel.Token));

        // The first report cancels; at most the other running member finishes the epoch it was in. Member 3 never starts.
        Assert.InRange(reports, 1, 2);
    }

    [Fact]
    public void Train_ReturnsModelsWhoseDropoutNoLongerPointsAtTheDisposedGenerator()
    {
        // The member's generator is disposed when training returns; a dropout still holding it would draw from libtorch's
        // shared generator without a word (TorchSharp falls back on a zero handle) if the model were trained further.
        var (sites, train) = Setup();
        var members = new EnsembleTrainer(sites, train, Options with { ParallelMembers = 2 }, CPU).Train(ModelKind.TamRl, [1, 2]);

        Assert.All(members, m =>
        {
            var dropouts = m.Model.modules().OfType<SeededDropout>().ToList();
            Assert.NotEmpty(dropouts);
            Assert.All(dropouts, d => Assert.Null(d.Generator));
        });
    }

    [Fact]
    public void Constructor_RefusesNoParallelMembers()
    {
        var (sites, train) = Setup();
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnsembleTrainer(sites, train, Options with { ParallelMembers = 0 }, CPU));
    }
}
