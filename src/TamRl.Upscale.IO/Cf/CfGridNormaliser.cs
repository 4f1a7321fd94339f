using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// Turns 1-D latitude and longitude coordinates as stored (latitude ascending or descending,
/// longitude 0..360 or -180..180, either direction) into the canonical <see cref="RegularLatLonGrid"/>
/// and the <see cref="CfGridMapping"/> that reorders data into it.
/// </summary>
/// <remarks>
/// Global longitudes are rolled so that centres fall in [-180, 180). Regional longitudes are kept when
/// within -180..180, shifted by -360 when wholly within 180..360, and refused when they straddle
/// 180° (the canonical west-to-east order cannot hold them without a seam). A coordinate with fewer
/// than two values (no spacing) is refused too.
/// </remarks>
public static class CfGridNormaliser
{
    /// <summary>
    /// The canonical grid and mapping for the stored coordinate values. Non-monotonic, irregular,
    /// out-of-range or duplicated coordinates throw <see cref="InvalidInputException"/> naming the file
    /// and the coordinate variable.
    /// </summary>
    public static CfGridMapping Normalise(ReadOnlySpan<double> latitudes, ReadOnlySpan<double> longitudes,
        string filePath, string latitudeVariable, string longitudeVariable)
    {
        var lat = RegularAxis.Analyse(latitudes, filePath, latitudeVariable);
        if (lat.FirstAscending < -90 - lat.Tolerance || lat.LastAscending > 90 + lat.Tolerance)
            throw new InvalidInputException(filePath, latitudeVariable, $"latitudes {lat.FirstAscending}..{lat.LastAscending} leave -90..90");

        var lon = RegularAxis.Analyse(longitudes, filePath, longitudeVariable);
        var span = lon.Count * lon.Step;
        if (span > 360 + lon.Tolerance)
            throw new InvalidInputException(filePath, longitudeVariable,
                $"{lon.Count} longitudes {lon.Step} degrees apart cover {span} degrees, more than the globe (a repeated meridian?)");
        if (lon.FirstAscending < -180 - lon.Tolerance || lon.LastAscending > 360 + lon.Tolerance)
            throw new InvalidInputException(filePath, longitudeVariable, $"longitudes {lon.FirstAscending}..{lon.LastAscending} leave -180..360");

        int roll;
        double west;
        if (Math.Abs(span - 360) <= lon.Tolerance)
        {
            // Columns at or east of 180° move to the front as -180..; a centre within tolerance of 180 counts as 180.
            roll = 0;
            while (roll < lon.Count && lon.CentreOf(roll) < 180 - lon.Tolerance)
                roll++;
            if (roll == lon.Count)
                roll = 0;
            west = roll == 0 ? lon.EdgeBelow(0) : lon.EdgeBelow(roll) - 360;
        }
        else if (lon.LastAscending <= 180 + lon.Tolerance)
        {
            roll = 0;
            west = lon.EdgeBelow(0);
        }
        else if (lon.FirstAscending >= 180 - lon.Tolerance)
        {
            roll = 0;
            west = lon.EdgeBelow(0) - 360;
        }
        else
        {
            throw new InvalidInputException(filePath, longitudeVariable,
                $"regional longitudes {lon.FirstAscending}..{lon.LastAscending} straddle the 180° meridian, which the -180..180 canonical grid cannot hold");
        }

        RegularLatLonGrid grid;
        try
        {
            grid = new RegularLatLonGrid(
                rows: lat.Count,
                columns: lon.Count,
                west: west,
                north: lat.EdgeBelow(lat.Count),
                latitudeResolution: lat.Step,
                longitudeResolution: lon.Step);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // Coordinates within this file's tolerance of the limits but outside the grid's stricter one.
            throw new InvalidInputException(filePath, $"{latitudeVariable}/{longitudeVariable}", $"not a valid latitude-longitude grid: {e.Message}", e);
        }
        return new CfGridMapping(grid, flipLatitude: !lat.StoredDescending, flipLongitude: lon.StoredDescending, longitudeRoll: roll);
    }

    /// <summary>Reads and decodes the latitude and longitude coordinate variables found for a data variable, then normalises them.</summary>
    public static CfGridMapping Normalise(IArrayDataset dataset, CfCoordinates coordinates)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Latitude is null || coordinates.Longitude is null)
            throw new InvalidInputException(dataset.Path, coordinates.DataVariable, "expected latitude and longitude dimensions to build a grid");
        var latitudes = CfVariableDecoder.Read(dataset, coordinates.Latitude.CoordinateVariable).Values;
        var longitudes = CfVariableDecoder.Read(dataset, coordinates.Longitude.CoordinateVariable).Values;
        return Normalise(latitudes, longitudes, dataset.Path, coordinates.Latitude.CoordinateVariable, coordinates.Longitude.CoordinateVariable);
    }
}
