namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// One message GDAL emitted through its error handler: the class, GDAL's error number
/// (<c>CPLE_*</c>: 1 AppDefined, 3 FileIO, 4 OpenFailed, 5 IllegalArg, 6 NotSupported, ...) and its text.
/// </summary>
public sealed record GdalMessage(GdalErrorClass ErrorClass, int ErrorNumber, string Text);
