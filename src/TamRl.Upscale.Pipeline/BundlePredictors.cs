using TamRl.Upscale.Core.Caching;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Pipeline;

/// <summary>
/// Model bundles as predictors, loaded once per process and device (a worker runs many chunks of one bundle). A worker
/// keeps the <see cref="KeptPredictors"/> most recently used ones: it lives across monthly runs, each with a new model
/// version, and a run pins its own version until its chunks are done, so two or three are in use at most.
/// </summary>
public static class BundlePredictors
{
    /// <summary>How many loaded predictors (bundle version, device, precision, engine) a process keeps.</summary>
    public const int KeptPredictors = 4;

    private static readonly RecentlyUsedCache<string, IFluxPredictor> Loaded = new(KeptPredictors, StringComparer.Ordinal);

    /// <param name="bundle">A bundle folder or its bundle.json.</param>
    /// <param name="device">auto, cpu or cuda.</param>
    /// <param name="precision">The number format inference runs in (its identity: <see cref="InferencePrecisions.Identity"/>).</param>
    /// <param name="engine">What runs the network (its identity: <see cref="InferenceEngines.Identity"/>); ONNX Runtime runs on the CPU.</param>
    public static IFluxPredictor Load(string bundle, string device, InferencePrecision precision = InferencePrecision.Float32, InferenceEngine engine = InferenceEngine.Torch) =>
        Load(BundleManifestFile.Read(bundle), device, precision, engine);

    /// <summary>The predictor of a bundle whose manifest the caller has read (bundle.json is not read again).</summary>
    /// <param name="bundle">The bundle's manifest; its identity (the sha256 of bundle.json) keys the cache.</param>
    /// <param name="device">auto, cpu or cuda.</param>
    /// <param name="precision">The number format inference runs in (its identity: <see cref="InferencePrecisions.Identity"/>).</param>
    /// <param name="engine">What runs the network (its identity: <see cref="InferenceEngines.Identity"/>); ONNX Runtime runs on the CPU.</param>
    public static IFluxPredictor Load(BundleManifestFile bundle, string device, InferencePrecision precision = InferencePrecision.Float32, InferenceEngine engine = InferenceEngine.Torch)
    {
        var key = bundle.Identity + "|" + device + "|" + precision + "|" + engine;
        return Loaded.GetOrLoad(key, _ => EnsemblePredictor.FromBundle(
            ModelBundle.Load(bundle), precision, engine == InferenceEngine.Onnx ? TorchSharp.torch.CPU : TorchRuntime.ResolveDevice(device),
            deviceMemoryBytes: DeviceMemoryBudget(Environment.GetEnvironmentVariable(DeviceMemoryVariable)), engine: engine));
    }

    /// <summary>The environment variable that sets the GPU memory the predictor may fill per call, e.g. "20GiB" (docs/model.md).</summary>
    public const string DeviceMemoryVariable = "TAMRL_CUDA_MEMORY";

    /// <summary>The device memory budget from <see cref="DeviceMemoryVariable"/>'s value; unset: the default (8 GiB).</summary>
    /// <exception cref="Core.Errors.InvalidInputException">The value is not a positive byte count.</exception>
    public static long DeviceMemoryBudget(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return PredictorBatching.DefaultDeviceMemoryBytes;
        long bytes;
        try
        {
            bytes = Products.Chunking.MemoryBudget.ParseBytes(value);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            bytes = 0;
        }
        if (bytes <= 0)
            throw new Core.Errors.InvalidInputException("environment variable " + DeviceMemoryVariable, null, $"expected a positive byte count such as 20GiB, got '{value}'");
        return bytes;
    }
}
