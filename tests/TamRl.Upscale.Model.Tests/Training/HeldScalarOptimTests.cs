using TamRl.Upscale.Model.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Training;

public class HeldScalarOptimTests
{
    [Fact]
    public void Steps_MatchTorchSharpsAdam_BitForBit_InWeightsAndSavedState()
    {
        var (ours, theirs) = (Network(), Network());
        using var oursAdam = new HeldScalarOptim.Adam(ours.parameters(), 0.01);
        using var theirsAdam = optim.Adam(theirs.parameters(), 0.01); // what MemberTrainer used before
        var x = linspace(-2, 2, 96).reshape(16, 6);
        var y = x.sin().sum(1, keepdim: true);

        for (var step = 0; step < 12; step++)
        {
            if (step == 6) // the trainer's step schedule changes the rate between epochs
                foreach (var optimizer in new optim.Optimizer[] { oursAdam, theirsAdam })
                    foreach (var group in optimizer.ParamGroups)
                        group.LearningRate = 0.003;
            Step(ours, oursAdam, x, y);
            Step(theirs, theirsAdam, x, y);
        }

        Assert.Equal(Weights(ours), Weights(theirs));
        Assert.Equal(State(oursAdam), State(theirsAdam)); // the optimizer's name included, which TorchSharp checks on loading
        Assert.NotEqual(Weights(ours), Weights(Network())); // the steps moved the weights
    }

    [Fact]
    public void LoadsTheCheckpointStateOfTorchSharpsAdam_AndGoesOnAsItWould()
    {
        // Checkpoints written before this optimizer (by TorchSharp's Adam) resume with it.
        var (ours, theirs) = (Network(), Network());
        using var theirsAdam = optim.Adam(theirs.parameters(), 0.01);
        var x = linspace(-2, 2, 96).reshape(16, 6);
        var y = x.sin().sum(1, keepdim: true);
        for (var step = 0; step < 4; step++)
            Step(theirs, theirsAdam, x, y);
        using (var weights = new MemoryStream(Weights(theirs)))
            ours.load(weights);
        using var oursAdam = new HeldScalarOptim.Adam(ours.parameters(), 0.01);
        using (var state = new MemoryStream(State(theirsAdam)))
            oursAdam.load_state_dict(new BinaryReader(state));

        Step(ours, oursAdam, x, y);
        Step(theirs, theirsAdam, x, y);

        Assert.Equal(Weights(ours), Weights(theirs));
    }

    private static byte[] State(optim.Optimizer optimizer) =>
        Bytes(s => ((OptimizerHelper)optimizer).save_state_dict(new BinaryWriter(s)));

    /// <summary>The same small network every time, without libtorch's shared generator (other tests draw from it meanwhile).</summary>
    private static Sequential Network()
    {
        var network = nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 1));
        using (no_grad())
        {
            var k = 0;
            foreach (var p in network.parameters())
                p.copy_(arange(p.numel(), dtype: float32).add_(++k).mul_(0.37).sin_().mul_(0.5).reshape(p.shape));
        }
        return network;
    }

    private static void Step(Sequential network, optim.Optimizer optimizer, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = network.forward(x).sub(y).square().mean();
        loss.backward();
        optimizer.step();
    }

    private static byte[] Bytes(Action<Stream> save)
    {
        using var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }

    private static byte[] Weights(nn.Module network) => Bytes(s => network.save(s));
}
