using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>
/// Defines and writes the CF horizontal coordinates of a driver cube file: lat/lon with bounds, and the
/// EPSG:4326 grid-mapping variable "crs" (docs: /work/shared/DESIGN.md §4).
/// </summary>
internal static class CfGridVariables
{
    public const string CrsVariable = "crs";

    private const string Wgs84Wkt =
        "GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,298.257223563]]," +
        "CS[ellipsoidal,2],AXIS[\"geodetic latitude (Lat)\",north],AXIS[\"geodetic longitude (Lon)\",east]," +
        "ANGLEUNIT[\"degree\",0.0174532925199433],ID[\"EPSG\",4326]]";

    /// <summary>Defines dimensions lat, lon, nv and the coordinate variables (file in define mode).</summary>
    public static void Define(NetCdfFile nc, RegularLatLonGrid grid)
    {
        nc.AddDimension(DriverCubeLayout.LatitudeDimension, grid.Rows);
        nc.AddDimension(DriverCubeLayout.LongitudeDimension, grid.Columns);
        nc.AddDimension(DriverCubeLayout.BoundsDimension, 2);
        nc.AddVariable("lat", NcType.Double, ["lat"]);
        nc.SetAttribute("lat", "units", "degrees_north");
        nc.SetAttribute("lat", "standard_name", "latitude");
        nc.SetAttribute("lat", "long_name", "latitude");
        nc.SetAttribute("lat", "axis", "Y");
        nc.SetAttribute("lat", "bounds", "lat_bnds");
        nc.AddVariable("lat_bnds", NcType.Double, ["lat", "nv"]);
        nc.AddVariable("lon", NcType.Double, ["lon"]);
        nc.SetAttribute("lon", "units", "degrees_east");
        nc.SetAttribute("lon", "standard_name", "longitude");
        nc.SetAttribute("lon", "long_name", "longitude");
        nc.SetAttribute("lon", "axis", "X");
        nc.SetAttribute("lon", "bounds", "lon_bnds");
        nc.AddVariable("lon_bnds", NcType.Double, ["lon", "nv"]);
        nc.AddVariable(CrsVariable, NcType.Int, []);
        nc.SetAttribute(CrsVariable, "grid_mapping_name", "latitude_longitude");
        nc.SetAttribute(CrsVariable, "longitude_of_prime_meridian", AttributeValue.Of(0.0));
        nc.SetAttribute(CrsVariable, "semi_major_axis", AttributeValue.Of(6378137.0));
        nc.SetAttribute(CrsVariable, "inverse_flattening", AttributeValue.Of(298.257223563));
        nc.SetAttribute(CrsVariable, "crs_wkt", Wgs84Wkt);
    }

    /// <summary>Writes the coordinate values (file in data mode is entered by the write).</summary>
    public static void Write(NetCdfFile nc, RegularLatLonGrid grid)
    {
        var lat = grid.Latitudes();
        var lon = grid.Longitudes();
        nc.Write<double>("lat", lat);
        nc.Write<double>("lon", lon);
        var latBounds = new double[grid.Rows * 2];
        for (var r = 0; r < grid.Rows; r++)
        {
            latBounds[2 * r] = grid.North - r * grid.LatitudeResolution;
            latBounds[2 * r + 1] = grid.North - (r + 1) * grid.LatitudeResolution;
        }
        var lonBounds = new double[grid.Columns * 2];
        for (var c = 0; c < grid.Columns; c++)
        {
            lonBounds[2 * c] = grid.West + c * grid.LongitudeResolution;
            lonBounds[2 * c + 1] = grid.West + (c + 1) * grid.LongitudeResolution;
        }
        nc.Write<double>("lat_bnds", latBounds);
        nc.Write<double>("lon_bnds", lonBounds);
        nc.Write<int>(CrsVariable, [0]);
    }

    /// <summary>
    /// Rebuilds the grid from a cube file's lat/lon coordinates (north to south, west to east, regular),
    /// refusing anything else with an error naming the file and coordinate.
    /// </summary>
    public static RegularLatLonGrid Read(NetCdfFile nc)
    {
        var lat = nc.ReadDoubles("lat");
        var lon = nc.ReadDoubles("lon");
        var latRes = lat.Length > 1 ? lat[0] - lat[1] : ReadBoundsWidth(nc, "lat_bnds", descending: true);
        var lonRes = lon.Length > 1 ? lon[1] - lon[0] : ReadBoundsWidth(nc, "lon_bnds", descending: false);
        if (!(latRes > 0))
            throw new Core.Errors.InvalidInputException(nc.Path, "lat", "latitudes must run north to south");
        if (!(lonRes > 0))
            throw new Core.Errors.InvalidInputException(nc.Path, "lon", "longitudes must run west to east");
        for (var i = 1; i < lat.Length; i++)
            if (Math.Abs(lat[i - 1] - lat[i] - latRes) > 1e-6)
                throw new Core.Errors.InvalidInputException(nc.Path, "lat", $"latitudes are not regular at index {i}");
        for (var i = 1; i < lon.Length; i++)
            if (Math.Abs(lon[i] - lon[i - 1] - lonRes) > 1e-6)
                throw new Core.Errors.InvalidInputException(nc.Path, "lon", $"longitudes are not regular at index {i}");
        return new RegularLatLonGrid(lat.Length, lon.Length, lon[0] - lonRes / 2, lat[0] + latRes / 2, latRes, lonRes);
    }

    private static double ReadBoundsWidth(NetCdfFile nc, string variable, bool descending)
    {
        var b = nc.ReadDoubles(variable);
        return descending ? b[0] - b[1] : b[1] - b[0];
    }
}
