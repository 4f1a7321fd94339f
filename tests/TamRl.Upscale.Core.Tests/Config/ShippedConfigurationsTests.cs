using TamRl.Upscale.Core.Config;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Core.Tests.Config;

/// <summary>Every pipeline configuration in jobs/ loads, and the published schema accepts it (an independent validator).</summary>
public class ShippedConfigurationsTests
{
    public static TheoryData<string> Pipelines() =>
        new(Directory.GetFiles(Path.Combine(RepoPaths.Root, "jobs"), "*.json")
            .Where(f => !f.EndsWith(".model.json") && !f.EndsWith(".schedule.json") && !f.EndsWith("model.json"))
            .Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Load_AcceptsEveryShippedPipelineConfiguration_AsDoesTheSchema(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "jobs", name);

        PipelineConfig.Load(path);
        ExternalTool.RunOk("python3", "-c",
            "import json,re,sys,jsonschema; t=re.sub(r'^\\s*//.*$', '', open(sys.argv[2]).read(), flags=re.M); " +
            "jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.loads(t))",
            Path.Combine(RepoPaths.Root, "schemas", "pipeline-config.schema.json"), path);
    }
}
