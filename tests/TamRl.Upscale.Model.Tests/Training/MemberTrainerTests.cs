using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.TestSupport;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Training;

public class MemberTrainerTests
{
    private static (EncodedSites Sites, int[] Train) Setup(int sites = 6, int days = 120) => TestModels.TrainingSites(sites, days);

    private static byte[] Weights(FluxSequenceModel model) => TestModels.Weights(model);

    [Theory]
    [InlineData(ModelKind.TamRl)]
    [InlineData(ModelKind.CtLstm)]
    [InlineData(ModelKind.TamLstm)]
    public void Train_LowersTheLoss_OnASmallProblem(ModelKind kind)
    {
        var (sites, train) = Setup();
        var options = SyntheticSites.TinyOptions with { Epochs = 8, PretrainEpochs = 2 };
        var member = new MemberTrainer(sites, train, options, CPU).Train(kind, seed: 3);
        var history = member.History;
        Assert.Equal(8, history.Count);
        Assert.True(history[^1].FitLoss < 0.7 * history[0].FitLoss, $"fit loss {history[0].FitLoss} -> {history[^1].FitLoss}");
    }

    [Fact]
    public void Train_WithTheSameSeed_GivesBitIdenticalWeights_AndAnotherSeedDoesNot()
    {
        var (sites, train) = Setup();
        var trainer = new MemberTrainer(sites, train, SyntheticSites.TinyOptions, CPU);
        var a = Weights(trainer.Train(ModelKind.TamRl, seed: 11).Model);
        var b = Weights(trainer.Train(ModelKind.TamRl, seed: 11).Model);
        var c = Weights(trainer.Train(ModelKind.TamRl, seed: 12).Model);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Train_ResumedAfterAnInterruption_EndsWithTheSameWeights()
    {
        var (sites, train) = Setup();
        var options = SyntheticSites.TinyOptions with { Epochs = 4 };
        var trainer = new MemberTrainer(sites, train, options, CPU);
        var straight = Weights(trainer.Train(ModelKind.TamRl, seed: 5).Model);

        using var dir = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            trainer.Train(ModelKind.TamRl, 5, dir.Path, r => { if (r.Epoch == 1) cancel.Cancel(); }, cancel.Token));
        var saved = CheckpointState.TryLoad(dir.Path)!;
        Assert.Equal(2, saved.NextEpoch);

        var resumed = trainer.Train(ModelKind.TamRl, 5, dir.Path);
        Assert.Equal(4, resumed.History.Count);
        Assert.Equal(straight, Weights(resumed.Model));
    }

    [Fact]
    public async Task Train_OnTwoThreadsAtOnce_GivesEachSeedTheWeightsItGetsAlone()
    {
        // Two jobs of one worker process training at once (Hangfire runs WorkerCount jobs in parallel) share
        // libtorch's global generator; each must still get exactly the weights its seed gives on its own.
        var (sites, train) = Setup();
        var options = SyntheticSites.TinyOptions with { Epochs = 3 };
        var trainer = new MemberTrainer(sites, train, options, CPU);
        var alone = new[] { 21, 22 }.Select(seed => Weights(trainer.Train(ModelKind.TamRl, seed).Model)).ToArray();

        using var start = new Barrier(2);
        var together = new[] { 21, 22 }.Select(seed => Task.Run(() =>
        {
            start.SignalAndWait();
            return Weights(new MemberTrainer(sites, train, options, CPU).Train(ModelKind.TamRl, seed).Model);
        })).ToArray();
        var weights = await Task.WhenAll(together);

        Assert.Equal(alone[0], weights[0]);
        Assert.Equal(alone[1], weights[1]);
    }

    [Fact]
    public void Train_StopsEarly_WhenTheHoldoutLossStopsImproving()
    {
        var (sites, train) = Setup();
        var options = SyntheticSites.TinyOptions with { Epochs = 60, PretrainEpochs = 0, Patience = 2, LearningRate = 0.05 };
        var member = new MemberTrainer(sites, train, options, CPU).Train(ModelKind.CtLstm, seed: 2);
        Assert.True(member.History.Count < 60);
        Assert.Equal(member.History.Min(h => h.HoldoutLoss), member.BestHoldoutLoss);
    }

    [Fact]
    public void Train_RefusesToResumeACheckpointOfOtherOptions()
    {
        var (sites, train) = Setup();
        using var dir = new TempDirectory();
        new MemberTrainer(sites, train, SyntheticSites.TinyOptions with { Epochs = 1 }, CPU).Train(ModelKind.CtLstm, 1, dir.Path);
        var other = new MemberTrainer(sites, train, SyntheticSites.TinyOptions with { Epochs = 1, Hidden = 6 }, CPU);
        var e = Assert.Throws<global::TamRl.Upscale.Core.Errors.InvalidInputException>(() => other.Train(ModelKind.CtLstm, 1, dir.Path));
        Assert.Contains("checkpoint.json", e.Message);
    }

    [Fact]
    public void Train_ReusesACheckpoint_WhenOnlyTheInferenceWarmupChanged()
    {
        var (sites, train) = Setup();
        using var dir = new TempDirectory();
        var first = new MemberTrainer(sites, train, SyntheticSites.TinyOptions with { Epochs = 1 }, CPU).Train(ModelKind.CtLstm, 1, dir.Path);
        var again = new MemberTrainer(sites, train, SyntheticSites.TinyOptions with { Epochs = 1, WarmupDays = 7 }, CPU).Train(ModelKind.CtLstm, 1, dir.Path);
        Assert.Equal(first.History.Count, again.History.Count);
        Assert.Equal(first.BestHoldoutLoss, again.BestHoldoutLoss);
    }

    [Fact]
    public void Train_RefusesACheckpoint_WhenTheTrainingWarmupChanged()
    {
        var (sites, train) = Setup();
        using var dir = new TempDirectory();
        new MemberTrainer(sites, train, SyntheticSites.TinyOptions with { Epochs = 1 }, CPU).Train(ModelKind.CtLstm, 1, dir.Path);
        var warmed = new MemberTrainer(sites, train, SyntheticSites.TinyOptions with { Epochs = 1, TrainWarmupDays = 7 }, CPU);
        Assert.Throws<global::TamRl.Upscale.Core.Errors.InvalidInputException>(() => warmed.Train(ModelKind.CtLstm, 1, dir.Path));
    }

    [Fact]
    public void Train_WithATrainingWarmup_LowersTheLoss_AndGivesOtherWeights()
    {
        var (sites, train) = Setup();
        var options = SyntheticSites.TinyOptions with { Epochs = 6, PretrainEpochs = 2 };
        var plain = new MemberTrainer(sites, train, options, CPU).Train(ModelKind.TamRl, seed: 3);
        var warmed = new MemberTrainer(sites, train, options with { TrainWarmupDays = 15 }, CPU).Train(ModelKind.TamRl, seed: 3);
        Assert.True(warmed.History[^1].FitLoss < 0.8 * warmed.History[0].FitLoss, $"fit loss {warmed.History[0].FitLoss} -> {warmed.History[^1].FitLoss}");
        Assert.NotEqual(Weights(plain.Model), Weights(warmed.Model));
    }

    [Fact]
    public void Train_RefusesACheckpoint_WhenTheTargetsChanged()
    {
        var (sites, train) = Setup();
        using var dir = new TempDirectory();
        new MemberTrainer(sites, train, SyntheticSites.TinyOptions with { Epochs = 1 }, CPU).Train(ModelKind.CtLstm, 1, dir.Path);
        // The same sites, days and options with other targets (a dataset re-extracted with other columns).
        var data = sites.Data;
        var otherGpp = data.Gpp.Select(v => v * 1.1f).ToArray();
        var other = new SiteSeriesSet(data.SiteIds, data.Days, data.Drivers, otherGpp, data.Reco, data.Nee, data.Qc, data.Igbp, data.Koppen, data.Latitude, data.Longitude);
        var retargeted = new MemberTrainer(new EncodedSites(other, sites.Encoding), train, SyntheticSites.TinyOptions with { Epochs = 1 }, CPU);

        var e = Assert.Throws<global::TamRl.Upscale.Core.Errors.InvalidInputException>(() => retargeted.Train(ModelKind.CtLstm, 1, dir.Path));
        Assert.Contains("delete the checkpoint folder", e.Message);
    }

    [Fact]
    public void Train_TamRlOnARecordTooShortForASupportTileBesideTheQuery_UsesTheQueryItself()
    {
        // Sites of 70 days: the window at day 15 overlaps both tiles (0..29, 30..59) of the record.
        var data = SyntheticSites.Create(sites: 3, days: 70);
        var train = new[] { 0, 1, 2 };
        var encoded = new EncodedSites(data, FeatureEncoding.Fit(data, train));
        var options = SyntheticSites.TinyOptions with { Epochs = 2, PretrainEpochs = 1, WindowLength = 30, WindowStride = 15, HoldoutFraction = 0 };

        var member = new MemberTrainer(encoded, train, options, CPU).Train(ModelKind.TamRl, seed: 1);

        Assert.Equal(2, member.History.Count);
        Assert.All(member.History, h => Assert.True(double.IsFinite(h.FitLoss)));
    }
}
