using TorchSharp;

namespace TamRl.Upscale.Model.Bundle;

/// <summary>
/// How many pixels the ensemble runs through the network at once, by device.
/// <list type="bullet">
/// <item>CPU: a small fixed batch (<see cref="CpuPixels"/>, 16): the recurrence's [rows, 4 x hidden] gate
/// tensors then stay in cache, measured 1.6-1.8x faster than 64 on this project's 2-core machine.</item>
/// <item>CUDA: as many pixels as the device memory budget holds, at most <see cref="MaxDevicePixels"/>.
/// A pixel costs about <see cref="DeviceBytesPerTileStep"/> x hidden x element size per tile-step in
/// flight (the project's C# path on an H200, with LstmLayer's per-step scope: 9.0 MiB per pixel-year in fp32 and 4.8
/// in bf16 at hidden 128 with a 30-day warm-up; bench/RESULTS.md, "CUDA: the project's C# path on a lent H200");
/// throughput stops rising near 2048-4096 pixels and falls beyond, hence the cap.</item>
/// </list>
/// </summary>
public sealed record PredictorBatching
{
    /// <summary>
    /// Bytes per (tile-step x hidden unit x element byte) in flight on the device: 9.0 MiB / (390 tile-steps x 128 x 4
    /// x 4/3 for the warm-up) ~ 36 in fp32, ~38 in bf16 (whose outputs still leave in fp32): 38. (10, measured on the
    /// PyTorch restatement, was 3.5x short for the C# path.)
    /// </summary>
    public const int DeviceBytesPerTileStep = 38;

    /// <summary>
    /// On the CPU, member-pixels per call when the members run stacked (<see cref="TamRl.StackedTamRl"/>): the stacked
    /// gate tensors are members x pixels rows, and stay in cache at about 40 (10 members: 4 pixels per call measured 1.1-2.8x
    /// faster than 16 in the same runs; bench/RESULTS.md, "Inference: one code per pixel").
    /// </summary>
    public const int CpuStackedRows = 40;

    /// <summary>The default device memory budget, 8 GiB: room to spare on a 16 GB card.</summary>
    public const long DefaultDeviceMemoryBytes = 8L << 30;

    public PredictorBatching(int cpuPixels = 16, long deviceMemoryBytes = DefaultDeviceMemoryBytes, int maxDevicePixels = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuPixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(deviceMemoryBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDevicePixels, 1);
        CpuPixels = cpuPixels;
        DeviceMemoryBytes = deviceMemoryBytes;
        MaxDevicePixels = maxDevicePixels;
    }

    public int CpuPixels { get; }
    public long DeviceMemoryBytes { get; }
    public int MaxDevicePixels { get; }

    /// <summary>Pixels per network call for a series of <paramref name="days"/> days cut into windows of <paramref name="windowLength"/>.</summary>
    /// <param name="warmupDays">Decoder warm-up: the decoder (a third of the work) reads (window + warm-up) / window as much.</param>
    /// <param name="stackedMembers">Members run as one stacked computation (0: one after another).</param>
    public int PixelsPerBatch(DeviceType device, int days, int windowLength, int hidden, int elementBytes, int warmupDays = 0, int stackedMembers = 0)
    {
        if (device != DeviceType.CUDA)
            return stackedMembers > 0 ? Math.Min(CpuPixels, Math.Max(1, CpuStackedRows / stackedMembers)) : CpuPixels;
        var length = Math.Max(1, Math.Min(windowLength, days));
        var tileSteps = (long)Training.WindowPlan.InferenceTiles(Math.Max(days, 1), length).Length * length;
        var decodeFactor = Math.Min(days, length + warmupDays) / (double)length;
        var perPixel = (long)Math.Ceiling(tileSteps * DeviceBytesPerTileStep * hidden * elementBytes * (2 + decodeFactor) / 3);
        return (int)Math.Clamp(DeviceMemoryBytes / Math.Max(perPixel, 1), 1, MaxDevicePixels);
    }
}
