using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// The horizontal part of every CF product file: lat/lon with bounds, the <c>crs</c> grid-mapping
/// variable for EPSG:4326 and <c>land_fraction</c> (0..1, not percent).
/// </summary>
internal static class CfGrid
{
    public const string GridMapping = "crs";

    /// <summary>WGS 84 as OGC WKT 1 (what <c>gdalsrsinfo -o wkt1 EPSG:4326</c> prints).</summary>
    public const string Wgs84Wkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>Defines dimensions lat, lon, bnds and the variables lat, lon, lat_bnds, lon_bnds, crs, land_fraction.</summary>
    public static void Define(NetCdfFile file, RegularLatLonGrid grid)
    {
        file.AddDimension("lat", grid.Rows);
        file.AddDimension("lon", grid.Columns);
        file.AddDimension("bnds", 2);

        file.AddVariable("lat", NcType.Double, ["lat"]);
        file.SetAttribute("lat", "standard_name", "latitude");
        file.SetAttribute("lat", "long_name", "latitude of the cell centre");
        file.SetAttribute("lat", "units", "degrees_north");
        file.SetAttribute("lat", "axis", "Y");
        file.SetAttribute("lat", "bounds", "lat_bnds");
        file.AddVariable("lat_bnds", NcType.Double, ["lat", "bnds"]);

        file.AddVariable("lon", NcType.Double, ["lon"]);
        file.SetAttribute("lon", "standard_name", "longitude");
        file.SetAttribute("lon", "long_name", "longitude of the cell centre");
        file.SetAttribute("lon", "units", "degrees_east");
        file.SetAttribute("lon", "axis", "X");
        file.SetAttribute("lon", "bounds", "lon_bnds");
        file.AddVariable("lon_bnds", NcType.Double, ["lon", "bnds"]);

        file.AddVariable(GridMapping, NcType.Int, []);
        file.SetAttribute(GridMapping, "grid_mapping_name", "latitude_longitude");
        file.SetAttribute(GridMapping, "longitude_of_prime_meridian", AttributeValue.Of(0.0));
        file.SetAttribute(GridMapping, "semi_major_axis", AttributeValue.Of(6378137.0));
        file.SetAttribute(GridMapping, "inverse_flattening", AttributeValue.Of(298.257223563));
        file.SetAttribute(GridMapping, "crs_wkt", Wgs84Wkt);
        file.SetAttribute(GridMapping, "spatial_ref", Wgs84Wkt); // the name GDAL looks for
        file.SetAttribute(GridMapping, "epsg_code", "EPSG:4326");

        file.AddVariable("land_fraction", NcType.Float, ["lat", "lon"], new NcVariableOptions { DeflateLevel = 2, Shuffle = true, FillValue = AttributeValue.Of(ProductFill.Value) });
        file.SetAttribute("land_fraction", "standard_name", "land_area_fraction");
        file.SetAttribute("land_fraction", "long_name", "fraction of the cell covered by land");
        file.SetAttribute("land_fraction", "units", "1");
        file.SetAttribute("land_fraction", "valid_range", AttributeValue.Of(0f, 1f));
        file.SetAttribute("land_fraction", "grid_mapping", GridMapping);
    }

    /// <summary>Writes the coordinate values, bounds and land fraction (after the define phase).</summary>
    public static void Write(NetCdfFile file, RegularLatLonGrid grid, float[] landFraction)
    {
        file.Write<double>("lat", grid.Latitudes());
        file.Write<double>("lon", grid.Longitudes());
        var latBounds = new double[grid.Rows * 2];
        for (var r = 0; r < grid.Rows; r++)
        {
            latBounds[2 * r] = grid.North - r * grid.LatitudeResolution;
            latBounds[2 * r + 1] = grid.North - (r + 1) * grid.LatitudeResolution;
        }
        file.Write<double>("lat_bnds", latBounds);
        var lonBounds = new double[grid.Columns * 2];
        for (var c = 0; c < grid.Columns; c++)
        {
            lonBounds[2 * c] = grid.West + c * grid.LongitudeResolution;
            lonBounds[2 * c + 1] = grid.West + (c + 1) * grid.LongitudeResolution;
        }
        file.Write<double>("lon_bnds", lonBounds);
        file.Write<int>(GridMapping, [0]);
        file.Write<float>("land_fraction", landFraction);
    }
}

/// <summary>The fill value of every product variable, in NetCDF (_FillValue) and GeoTIFF (nodata) alike.</summary>
public static class ProductFill
{
    /// <summary>A finite number rather than NaN, because several GIS tools mishandle NaN as nodata.</summary>
    public const float Value = -9999f;
}
