using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// One flux map as a Cloud Optimized GeoTIFF through IO's <see cref="CogWriter"/> (float32, DEFLATE with the
/// floating-point predictor, tiles, AVERAGE overviews, EPSG:4326, pixel-is-area from the grid corner), with
/// nodata <see cref="ProductFill.Value"/>, the band's description and unit, and the period and run in metadata.
/// </summary>
public static class FluxCog
{
    public static void Write(string path, RegularLatLonGrid grid, FluxVariable variable, string period, float[] map, Provenance provenance)
    {
        var values = new float[map.Length];
        for (var i = 0; i < map.Length; i++)
            values[i] = float.IsNaN(map[i]) ? ProductFill.Value : map[i];
        var band = new FloatBand(values)
        {
            Description = variable.Name,
            Unit = FluxVariable.Units,
            Scale = 1,
            Offset = 0,
            Metadata = new Dictionary<string, string>
            {
                ["long_name"] = variable.LongName,
                ["period"] = period,
                ["cell_methods"] = "area: mean where land time: mean",
            },
        };
        var raster = new FloatRaster(grid.Columns, grid.Rows,
            GeoTransform.FromCorner(grid.West, grid.North, grid.LongitudeResolution, grid.LatitudeResolution), ProductFill.Value, [band])
        {
            Metadata = new Dictionary<string, string>
            {
                ["TIFFTAG_IMAGEDESCRIPTION"] = $"{variable.LongName}, {period}, {FluxVariable.Units}",
                ["run_id"] = provenance.RunId,
                ["model_identity"] = provenance.Model,
                ["code_version"] = provenance.CodeVersion,
            },
        };
        CogWriter.Write(path, raster);
    }
}
