namespace TamRl.Upscale.IO.Gdal;

/// <summary>GDAL's error classes (<c>CPLErr</c>), with the same numeric values.</summary>
public enum GdalErrorClass
{
    None = 0,
    Debug = 1,
    Warning = 2,
    Failure = 3,
    Fatal = 4,
}
