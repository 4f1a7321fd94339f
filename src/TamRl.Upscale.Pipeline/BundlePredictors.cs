using System.Collections.Concurrent;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Pipeline;

/// <summary>Model bundles as predictors, loaded once per process and device (a worker runs many chunks of one bundle).</summary>
public static class BundlePredictors
{
    private static readonly ConcurrentDictionary<string, IFluxPredictor> Loaded = new(StringComparer.Ordinal);

    /// <param name="bundle">A bundle folder or its bundle.json.</param>
    /// <param name="device">auto, cpu or cuda.</param>
    public static IFluxPredictor Load(string bundle, string device)
    {
        var json = Directory.Exists(bundle) ? Path.Combine(bundle, ModelBundle.ManifestFile) : bundle;
        var key = ProductManifest.Sha256Of(json) + "|" + device;
        return Loaded.GetOrAdd(key, _ => EnsemblePredictor.FromBundle(
            ModelBundle.Load(Path.GetDirectoryName(Path.GetFullPath(json))!), InferencePrecision.Float32, TorchRuntime.ResolveDevice(device)));
    }
}
