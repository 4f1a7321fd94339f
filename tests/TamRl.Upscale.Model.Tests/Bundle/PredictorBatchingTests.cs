using TamRl.Upscale.Model.Bundle;
using TorchSharp;

namespace TamRl.Upscale.Model.Tests.Bundle;

public class PredictorBatchingTests
{
    [Fact]
    public void Cpu_StackedMembers_ShareTheRowsThatStayInCache()
    {
        var batching = new PredictorBatching();
        Assert.Equal(4, batching.PixelsPerBatch(DeviceType.CPU, 365, 30, 128, 4, stackedMembers: 10));
        Assert.Equal(16, batching.PixelsPerBatch(DeviceType.CPU, 365, 30, 128, 4, stackedMembers: 2)); // never more than unstacked
        Assert.Equal(1, batching.PixelsPerBatch(DeviceType.CPU, 365, 30, 128, 4, stackedMembers: 64));
    }

    [Fact]
    public void Cpu_UsesTheSmallFixedBatch_WhateverTheSeries()
    {
        var batching = new PredictorBatching(cpuPixels: 16);
        Assert.Equal(16, batching.PixelsPerBatch(DeviceType.CPU, 365, 30, 128, 4));
        Assert.Equal(16, batching.PixelsPerBatch(DeviceType.CPU, 3650, 30, 128, 4));
    }

    [Fact]
    public void Cuda_FillsTheMemoryBudget_AtTheMeasuredCostPerTileStep()
    {
        // A year is 13 tiles of 30 days = 390 tile-steps; at hidden 128 in fp32 a pixel costs 390 x DeviceBytesPerTileStep x 128 x 4 bytes.
        var perPixel = 390L * PredictorBatching.DeviceBytesPerTileStep * 128 * 4;
        var batching = new PredictorBatching(deviceMemoryBytes: 1000 * perPixel, maxDevicePixels: 100_000);
        Assert.Equal(1000, batching.PixelsPerBatch(DeviceType.CUDA, 365, 30, 128, 4));
        Assert.Equal(2000, batching.PixelsPerBatch(DeviceType.CUDA, 365, 30, 128, 2)); // bf16 halves the cost
        Assert.Equal(500, batching.PixelsPerBatch(DeviceType.CUDA, 365, 30, 256, 4)); // a wider model doubles it
    }

    [Fact]
    public void Cuda_DefaultBudget_HoldsWhatTheCSharpPathMeasuredOnAnH200()
    {
        // Measured with nvidia-smi (bench/RESULTS.md, the C# path on a lent H200): 36,845 MiB for 4096 pixels of a
        // 365-day year in fp32 with a 30-day warm-up, 19,723 MiB in bf16 (hidden 128), i.e. 9.0 and 4.8 MiB per pixel.
        var batching = new PredictorBatching();
        foreach (var (bytes, measuredMiB) in new[] { (4, 36_845.0), (2, 19_723.0) })
        {
            var pixels = batching.PixelsPerBatch(DeviceType.CUDA, 365, 30, 128, bytes, warmupDays: 30);
            Assert.InRange(pixels * measuredMiB / 4096, 0.8 * 8192, 8192.0);
        }
    }

    [Fact]
    public void Cuda_StopsAtTheCap_AndNeverGoesBelowOnePixel()
    {
        Assert.Equal(4096, new PredictorBatching(deviceMemoryBytes: 1L << 40).PixelsPerBatch(DeviceType.CUDA, 365, 30, 128, 4));
        Assert.Equal(1, new PredictorBatching(deviceMemoryBytes: 1).PixelsPerBatch(DeviceType.CUDA, 365, 30, 128, 4));
    }

    [Fact]
    public void Cuda_ShortSeries_CostLessPerPixel()
    {
        var batching = new PredictorBatching(deviceMemoryBytes: 8L << 30, maxDevicePixels: 1 << 20);
        Assert.True(batching.PixelsPerBatch(DeviceType.CUDA, 31, 30, 128, 4) > 5 * batching.PixelsPerBatch(DeviceType.CUDA, 365, 30, 128, 4));
    }

    [Fact]
    public void Cuda_DecoderWarmup_CostsItsShareOfTheWork()
    {
        var batching = new PredictorBatching(deviceMemoryBytes: 8L << 30, maxDevicePixels: 1 << 20);
        var cold = batching.PixelsPerBatch(DeviceType.CUDA, 365, 30, 128, 4);
        var warm = batching.PixelsPerBatch(DeviceType.CUDA, 365, 30, 128, 4, warmupDays: 30);
        // The decoder, a third of the work, reads twice the days: 4/3 the memory per pixel.
        Assert.InRange(warm, cold * 3 / 4 - 1, cold * 3 / 4 + 1);
    }
}
