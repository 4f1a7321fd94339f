using System.Text.Json.Nodes;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Model.Tests.Bundle;

public class ModelBundleTests
{
    private static byte[] Weights(FluxSequenceModel model)
    {
        var stream = new MemoryStream();
        model.save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void SaveThenLoad_GivesBitIdenticalWeights_AndTheSameEncoding()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble();
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "model");
        ModelBundle.Save(path, encoding, 10, members, data.SiteIds, "igbp");

        var bundle = ModelBundle.Load(path);
        Assert.Equal(2, bundle.Members.Count);
        for (var i = 0; i < members.Count; i++)
            Assert.Equal(Weights(members[i].Model), Weights(bundle.Members[i]));
        Assert.Equal(encoding.DriverMean, bundle.Encoding.DriverMean);
        Assert.Equal(encoding.DriverStd, bundle.Encoding.DriverStd);
        Assert.Equal(encoding.Targets, bundle.Encoding.Targets);
        Assert.Equal(data.SiteIds, bundle.Manifest.TrainingSites);
        Assert.False(Directory.Exists(path + ".staging"));
    }

    [Fact]
    public void Load_RefusesABundleWhoseFeaturesDifferFromTheDriverCube()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TempDirectory();
        ModelBundle.Save(dir.Path, encoding, 10, members, data.SiteIds, "igbp");
        var manifestPath = Path.Combine(dir.Path, ModelBundle.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        json["features"]![3]!["units"] = "kPa";
        File.WriteAllText(manifestPath, json.ToJsonString());

        var e = Assert.Throws<InvalidInputException>(() => ModelBundle.Load(dir.Path));
        Assert.Contains("bundle.json", e.Message);
        Assert.Contains("features", e.Message);
        Assert.Contains("vpd (kPa)", e.Message);
    }

    [Fact]
    public void Load_RefusesAMemberWhoseChecksumDiffers()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TempDirectory();
        ModelBundle.Save(dir.Path, encoding, 10, members, data.SiteIds, "igbp");
        var member = Path.Combine(dir.Path, "member_00.bin");
        var bytes = File.ReadAllBytes(member);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(member, bytes);
        var e = Assert.Throws<InvalidInputException>(() => ModelBundle.Load(dir.Path));
        Assert.Contains("member_00.bin", e.Message);
        Assert.Contains("sha256", e.Message);
    }
}
