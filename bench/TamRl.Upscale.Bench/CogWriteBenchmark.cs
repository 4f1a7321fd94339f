using System.Diagnostics;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Writing a global 0.05-degree float32 field (7200 x 3600, ~100 MB) as a COG: <see cref="CogWriter"/>
/// (from the float array, MEM build included) against <c>gdal_translate -of COG</c> with the same
/// creation options, run on an uncompressed GeoTIFF of the same data written beforehand (untimed).
/// Both produce DEFLATE + floating-point predictor tiles and AVERAGE overviews on one thread.
/// </summary>
public static class CogWriteBenchmark
{
    private const int Width = 7200;
    private const int Height = 3600;
    private const float NoData = -9999f;

    public static BenchRow Run(string workDir)
    {
        Directory.CreateDirectory(workDir);
        var raster = MakeRaster();
        var options = CogWriteOptions.Default;
        var plain = Path.Combine(workDir, "cog-bench-plain.tif");
        var ours = Path.Combine(workDir, "cog-bench-ours.tif");
        var reference = Path.Combine(workDir, "cog-bench-gdal_translate.tif");
        try
        {
            GeoTiffWriter.WriteUncompressed(plain, raster);

            var clock = Stopwatch.StartNew();
            CogWriter.Write(ours, raster, options);
            var oursSeconds = clock.Elapsed.TotalSeconds;

            var referenceSeconds = TimeGdalTranslate(plain, reference, options);
            var note = $"{Width}x{Height} float32, ~8% nodata; sizes ours {new FileInfo(ours).Length / 1e6:F1} MB, " +
                       $"gdal_translate {new FileInfo(reference).Length / 1e6:F1} MB";
            return new BenchRow("cog-write-7200x3600-f32", oursSeconds, "gdal_translate -of COG", referenceSeconds, note);
        }
        finally
        {
            foreach (var file in new[] { plain, ours, reference })
                File.Delete(file);
        }
    }

    private static double TimeGdalTranslate(string source, string target, CogWriteOptions options)
    {
        var psi = new ProcessStartInfo("gdal_translate") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-q", "-of", "COG" })
            psi.ArgumentList.Add(arg);
        foreach (var (name, value) in options.ToCreationOptions())
        {
            psi.ArgumentList.Add("-co");
            psi.ArgumentList.Add($"{name}={value}");
        }
        psi.ArgumentList.Add(source);
        psi.ArgumentList.Add(target);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start gdal_translate.");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"gdal_translate exited {process.ExitCode}: {stderr.Result}");
        return seconds;
    }

    /// <summary>
    /// A smooth field (large-scale waves) plus seeded noise, so the compressor meets realistic entropy;
    /// a polar cap and a band of "ocean" cells hold nodata. Same data on every run.
    /// </summary>
    private static FloatRaster MakeRaster()
    {
        var random = new Random(20021);
        var values = new float[Width * Height];
        for (var row = 0; row < Height; row++)
        {
            var lat = 90 - (row + 0.5) * 0.05;
            for (var col = 0; col < Width; col++)
            {
                var lon = -180 + (col + 0.5) * 0.05;
                var masked = lat < -80 || (lon > -40 && lon < -20 && lat > -40 && lat < 40);
                values[row * Width + col] = masked
                    ? NoData
                    : (float)(8 * Math.Cos(lat * Math.PI / 180) + 2 * Math.Sin(lon * Math.PI / 45) * Math.Cos(lat * Math.PI / 30) + 0.3 * random.NextDouble());
            }
        }
        return new FloatRaster(Width, Height, GeoTransform.ForGlobalGrid(0.05), NoData,
            [new FloatBand(values) { Description = "benchmark field", Unit = "g m-2 d-1" }]);
    }
}
