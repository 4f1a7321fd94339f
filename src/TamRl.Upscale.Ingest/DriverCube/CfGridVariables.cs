using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>
/// The CF horizontal coordinates of a driver cube file (IO's <see cref="CfLatLonGrid"/> with the cube's
/// bounds dimension), and reading the grid back from them.
/// </summary>
internal static class CfGridVariables
{
    public const string CrsVariable = CfLatLonGrid.GridMapping;

    /// <summary>Defines dimensions lat, lon, nv and the coordinate variables (file in define mode).</summary>
    public static void Define(NetCdfFile nc, RegularLatLonGrid grid) => CfLatLonGrid.Define(nc, grid, DriverCubeLayout.BoundsDimension);

    /// <summary>Writes the coordinate values.</summary>
    public static void Write(NetCdfFile nc, RegularLatLonGrid grid) => CfLatLonGrid.Write(nc, grid);

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
