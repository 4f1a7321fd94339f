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
/// <param name="Values">Width x Height values; empty when read with decodeValues false and <paramref name="Codes"/> set.</param>
/// <param name="Codes">The same pixels as stored codes, where the SDS is 8- or 16-bit with a fill value (every MODIS layer); null otherwise.</param>
public sealed record ModisLayerImage(string Path, string Sds, int Width, int Height, GeoTransform GeoTransform, string ProjectionWkt,
    float[] Values, long Produced, long Kept, ModisCodes? Codes = null);

/// <summary>
/// A layer's pixels as the SDS stores them (byte[], short[] or ushort[]), every pixel that is NaN in the
/// decoded values set to <see cref="NoData"/> (the SDS's fill); a kept pixel's value is
/// <c>code * Scale + Offset</c>, or the code itself for classes. The mosaic warps these: GDAL's warper
/// averages integer codes markedly faster than float32 values, and the average is linear, so scaling the
/// average gives the average of the values.
/// </summary>
public sealed record ModisCodes(Array Codes, double NoData, double Scale, double Offset);
