using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Sites.Splits;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Splits;

public class UserSplitsFileTests
{
    [Fact]
    public void Read_GivesEveryNamedSplit_InOrder()
    {
        using var dir = new TempDirectory();
        var path = dir.File("splits.json");
        File.WriteAllText(path, """{"splits": [{"name": "north", "train": ["A", "B"], "test": ["C"]}, {"name": "south", "train": ["C"], "test": ["A"]}]}""");

        var splits = UserSplitsFile.Read(path);

        Assert.Equal(["north", "south"], splits.Select(s => s.Name));
        Assert.Equal(["A", "B"], splits[0].Split.Train);
        Assert.Equal(["A"], splits[1].Split.Test);
        // The published schema accepts it (independent validator).
        ExternalTool.RunOk("python3", "-c",
            "import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
            RepoPaths.Root + "/schemas/splits.schema.json", path);
    }

    [Theory]
    [InlineData("""{"splits": []}""", "splits", "empty")]
    [InlineData("""{"folds": []}""", "splits", "expected")]
    [InlineData("""{"splits": [{"train": ["A"], "test": ["B"]}]}""", "splits[0].name", "needs a name")]
    [InlineData("""{"splits": [{"name": "x", "train": ["A"], "test": ["A"]}]}""", "splits[0]", "both train and test: A")]
    [InlineData("""{"splits": [{"name": "x", "train": ["A", "A"], "test": ["B"]}]}""", "splits[0].train", "'A' listed twice")]
    [InlineData("""{"splits": [{"name": "x", "train": [], "test": ["B"]}]}""", "splits[0].train", "non-empty")]
    [InlineData("""{"splits": [{"name": "x", "train": ["A"], "test": ["B"]}, {"name": "x", "train": ["A"], "test": ["B"]}]}""", "splits[1].name", "used twice")]
    public void Read_RefusesABadFile_NamingTheField(string json, string field, string detail)
    {
        using var dir = new TempDirectory();
        var path = dir.File("splits.json");
        File.WriteAllText(path, json);

        var e = Assert.Throws<InvalidInputException>(() => UserSplitsFile.Read(path));

        Assert.Equal(path, e.FilePath);
        Assert.Equal(field, e.Variable);
        Assert.Contains(detail, e.Message);
    }
}
