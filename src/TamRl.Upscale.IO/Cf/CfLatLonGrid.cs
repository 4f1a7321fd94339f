using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// The CF horizontal coordinates every file the pipeline writes on a <see cref="RegularLatLonGrid"/> carries
/// (driver cube, products): lat/lon with cell bounds, and the EPSG:4326 grid-mapping variable <c>crs</c>
/// (with <c>crs_wkt</c> for CF and <c>spatial_ref</c>, the name GDAL reads). DESIGN.md §4.
/// </summary>
public static class CfLatLonGrid
{
    public const string GridMapping = "crs";

    /// <summary>WGS 84 as OGC WKT 1 (what <c>gdalsrsinfo -o wkt1 EPSG:4326</c> prints).</summary>
    public const string Wgs84Wkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>Defines dimensions lat, lon and <paramref name="boundsDimension"/>, and lat, lon, their bounds and crs (define mode).</summary>
    public static void Define(NetCdfFile file, RegularLatLonGrid grid, string boundsDimension = "bnds")
    {
        file.AddDimension("lat", grid.Rows);
        file.AddDimension("lon", grid.Columns);
        file.AddDimension(boundsDimension, 2);
        DefineAxis(file, "lat", "latitude", "degrees_north", "Y", boundsDimension);
        DefineAxis(file, "lon", "longitude", "degrees_east", "X", boundsDimension);

        file.AddVariable(GridMapping, NcType.Int, []);
        file.SetAttribute(GridMapping, "grid_mapping_name", "latitude_longitude");
        file.SetAttribute(GridMapping, "longitude_of_prime_meridian", AttributeValue.Of(0.0));
        file.SetAttribute(GridMapping, "semi_major_axis", AttributeValue.Of(6378137.0));
        file.SetAttribute(GridMapping, "inverse_flattening", AttributeValue.Of(298.257223563));
        file.SetAttribute(GridMapping, "crs_wkt", Wgs84Wkt);
        file.SetAttribute(GridMapping, "spatial_ref", Wgs84Wkt);
        file.SetAttribute(GridMapping, "epsg_code", "EPSG:4326");
    }

    private static void DefineAxis(NetCdfFile file, string name, string standardName, string units, string axis, string boundsDimension)
    {
        file.AddVariable(name, NcType.Double, [name]);
        file.SetAttribute(name, "standard_name", standardName);
        file.SetAttribute(name, "long_name", $"{standardName} of the cell centre");
        file.SetAttribute(name, "units", units);
        file.SetAttribute(name, "axis", axis);
        file.SetAttribute(name, "bounds", name + "_bnds");
        file.AddVariable(name + "_bnds", NcType.Double, [name, boundsDimension]);
    }

    /// <summary>Writes the coordinate values and the cell edges as bounds.</summary>
    public static void Write(NetCdfFile file, RegularLatLonGrid grid)
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
    }
}
