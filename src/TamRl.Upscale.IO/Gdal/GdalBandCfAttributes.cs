using System.Globalization;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Presents a GDAL band as a CF variable (<see cref="ArrayVariableInfo"/>) so that rasters are decoded
/// by the same CF coders as NetCDF and Zarr: the band's nodata becomes <c>_FillValue</c>, its
/// scale/offset <c>scale_factor</c>/<c>add_offset</c>, and <c>valid_range</c>/<c>valid_min</c>/
/// <c>valid_max</c> come from the raster's metadata where a driver keeps them (MODIS HDF4 does:
/// LAI's valid range 0..100 excludes the 249..254 water and barren flags that nodata (255) does not).
/// </summary>
internal static class GdalBandCfAttributes
{
    private static readonly string[] ValidityKeys = ["valid_range", "valid_min", "valid_max"];

    public static ArrayVariableInfo Describe(GdalRaster raster, GdalBandInfo band, string name)
    {
        var storage = GdalTypes.ClrType(band.DataType) ?? typeof(double);
        var items = new List<KeyValuePair<string, AttributeValue>>();
        if (band.NoData is { } nodata)
            items.Add(new("_FillValue", AttributeValue.Of(nodata)));
        if (band.Scale is { } scale && scale != 1)
            items.Add(new("scale_factor", AttributeValue.Of(scale)));
        if (band.Offset is { } offset && offset != 0)
            items.Add(new("add_offset", AttributeValue.Of(offset)));
        foreach (var key in ValidityKeys)
            if (raster.Metadata.TryGetValue(key, out var text) && ParseNumbers(text) is { } numbers)
                items.Add(new(key, AttributeValue.Of(numbers)));
        if (!string.IsNullOrEmpty(band.Unit))
            items.Add(new("units", AttributeValue.FromText(band.Unit)));
        return new ArrayVariableInfo(name, ["y", "x"], [raster.Height, raster.Width], storage, new AttributeSet(items));
    }

    private static double[]? ParseNumbers(string text)
    {
        var parts = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        var result = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
                return null;
        return result.Length > 0 ? result : null;
    }
}
