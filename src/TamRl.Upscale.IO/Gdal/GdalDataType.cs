namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// GDAL's pixel types (<c>GDALDataType</c>) as of GDAL 3.6, with the same numeric values. There is no
/// Int8 before GDAL 3.7: signed bytes appear as <see cref="Byte"/> (with PIXELTYPE=SIGNEDBYTE in the
/// IMAGE_STRUCTURE metadata) or are widened to <see cref="Int16"/> by some drivers.
/// </summary>
public enum GdalDataType
{
    Unknown = 0,
    Byte = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Float64 = 7,
    CInt16 = 8,
    CInt32 = 9,
    CFloat32 = 10,
    CFloat64 = 11,
    UInt64 = 12,
    Int64 = 13,
}
