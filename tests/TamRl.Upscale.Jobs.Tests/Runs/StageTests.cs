using TamRl.Upscale.Jobs.Runs;

namespace TamRl.Upscale.Jobs.Tests.Runs;

public class StageTests
{
    [Fact]
    public void Stages_run_in_the_pipeline_order_and_labels_round_trip()
    {
        Assert.Equal(["ingest", "extract-sites", "train", "infer", "assemble", "check", "publish", "done"],
            Enum.GetValues<Stage>().Select(s => s.Label()));
        Assert.All(Enum.GetValues<Stage>(), s => Assert.Equal(s, Stages.Parse(s.Label())));
        Assert.Equal(Stage.Assemble, Stage.Infer.Next());
        Assert.Throws<FormatException>(() => Stages.Parse("bake"));
    }
}
