using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// One layer of one composite of one file, decoded: physical values (scale and offset from the SDS's own
/// attributes, the layer's unit offset applied) with NaN where the pixel is fill, outside the valid range
/// or rejected by the QA rule; on the file's own grid and projection.
/// </summary>
/// <param name="Sds">The dataset read, as GDAL names it (errors name it).</param>
/// <param name="Produced">Pixels that were neither fill nor outside the valid range.</param>
/// <param name="Kept">Of those, the pixels the QA rule accepted.</param>
public sealed record ModisLayerImage(string Path, string Sds, int Width, int Height, GeoTransform GeoTransform, string ProjectionWkt,
    float[] Values, long Produced, long Kept);
