using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// The horizontal part of every CF product file: lat/lon with bounds, the <c>crs</c> grid-mapping
/// variable for EPSG:4326 and <c>land_fraction</c> (0..1, not percent).
/// </summary>
internal static class CfGrid
{
    public const string GridMapping = CfLatLonGrid.GridMapping;

    public const string Wgs84Wkt = CfLatLonGrid.Wgs84Wkt;

    /// <summary>Defines dimensions lat, lon, bnds and the variables lat, lon, lat_bnds, lon_bnds, crs, land_fraction.</summary>
    public static void Define(NetCdfFile file, RegularLatLonGrid grid)
    {
        CfLatLonGrid.Define(file, grid);
        // Chunked like the flux variables' maps, so that each product block written fills one chunk whole: with
        // netCDF-C's default chunking (~4 MB chunks) every block write would keep a partly written chunk in the
        // chunk cache, which grows with the grid.
        file.AddVariable("land_fraction", NcType.Float, ["lat", "lon"], new NcVariableOptions
        {
            DeflateLevel = 2,
            Shuffle = true,
            FillValue = AttributeValue.Of(ProductFill.Value),
            ChunkSizes = [Math.Min(grid.Rows, ProductBlocks.MaxBlock.Rows), Math.Min(grid.Columns, ProductBlocks.MaxBlock.Columns)],
        });
        file.SetAttribute("land_fraction", "standard_name", "land_area_fraction");
        file.SetAttribute("land_fraction", "long_name", "fraction of the cell covered by land");
        file.SetAttribute("land_fraction", "units", "1");
        file.SetAttribute("land_fraction", "valid_range", AttributeValue.Of(0f, 1f));
        file.SetAttribute("land_fraction", "grid_mapping", GridMapping);
    }

    /// <summary>Writes the coordinate values, bounds and land fraction (after the define phase), the latter a product block at a time.</summary>
    public static void Write(NetCdfFile file, RegularLatLonGrid grid, Inference.LandFraction landFraction)
    {
        CfLatLonGrid.Write(file, grid);
        file.SetChunkCache("land_fraction", 0, 1, 1f); // whole chunks, each written once
        foreach (var block in ProductBlocks.Of(grid))
            file.Write<float>("land_fraction", [block.Row0, block.Column0], [block.Rows, block.Columns], landFraction.Read(block));
    }
}

/// <summary>The fill value of every product variable, in NetCDF (_FillValue) and GeoTIFF (nodata) alike.</summary>
public static class ProductFill
{
    /// <summary>A finite number rather than NaN, because several GIS tools mishandle NaN as nodata.</summary>
    public const float Value = -9999f;
}
