namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Creation options for <see cref="CogWriter"/> (GDAL 3.6 COG driver). Fixed by design: DEFLATE
/// compression with the floating-point predictor (PREDICTOR=YES, which the driver turns into predictor 3
/// for float data) and AVERAGE overviews (the driver's default would be cubic for overviews of a
/// continuous field, which overshoots).
/// </summary>
public sealed record CogWriteOptions
{
    public static readonly CogWriteOptions Default = new();

    /// <summary>Tile size in pixels (COG BLOCKSIZE, at least 128).</summary>
    public int BlockSize { get; init; } = 512;

    /// <summary>DEFLATE level, 1 (fastest) to 9 (smallest); GDAL's default is 6.</summary>
    public int DeflateLevel { get; init; } = 6;

    /// <summary>Compression threads (COG NUM_THREADS); 1 compresses on the calling thread.</summary>
    public int NumThreads { get; init; } = 1;

    /// <summary>Overview resampling (COG OVERVIEW_RESAMPLING).</summary>
    public string OverviewResampling { get; init; } = "AVERAGE";

    /// <summary>
    /// Further COG creation options, passed as given after the ones above (so they can override them),
    /// e.g. BIGTIFF=YES. GDAL ignores unknown names with a warning.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraCreationOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>The options as GDAL NAME=VALUE pairs, in the order they are applied.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToCreationOptions()
    {
        if (BlockSize < 128)
            throw new ArgumentOutOfRangeException(nameof(BlockSize), BlockSize, "COG tiles are at least 128 pixels.");
        if (DeflateLevel is < 1 or > 9)
            throw new ArgumentOutOfRangeException(nameof(DeflateLevel), DeflateLevel, "DEFLATE level is 1 to 9.");
        if (NumThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(NumThreads), NumThreads, "At least one thread.");
        yield return new("COMPRESS", "DEFLATE");
        yield return new("PREDICTOR", "YES");
        yield return new("LEVEL", DeflateLevel.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("BLOCKSIZE", BlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("OVERVIEW_RESAMPLING", OverviewResampling);
        yield return new("NUM_THREADS", NumThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var extra in ExtraCreationOptions)
            yield return extra;
    }
}
