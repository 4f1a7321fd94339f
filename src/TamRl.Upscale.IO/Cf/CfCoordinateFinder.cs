using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Time;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// Finds a data variable's time, latitude and longitude dimensions from its coordinate variables'
/// attributes, never from names (ERA5 says <c>valid_time</c> and <c>latitude</c>, others <c>time</c>
/// and <c>lat</c>). Evidence, as CF section 4 lists it: <c>axis</c> (T, Y, X), <c>units</c>
/// (degrees_north and its UDUNITS spellings, degrees_east likewise, "UNIT since DATE") and
/// <c>standard_name</c> (time; latitude or grid_latitude; longitude or grid_longitude). When the
/// evidence of one variable disagrees (axis = Y with units degrees_east, a known defect of some
/// products) the file is refused rather than guessed.
/// </summary>
/// <remarks>
/// A coordinate variable is a 1-D variable along the dimension, the one named like the dimension
/// first. <c>axis = X</c>/<c>Y</c> with units that are not degrees (a projected x/y in metres) is not
/// longitude/latitude. A rotated pole's grid_latitude/grid_longitude are identified, but their values
/// are not true latitudes and longitudes.
/// </remarks>
public static class CfCoordinateFinder
{
    private static readonly HashSet<string> LatitudeUnits = new(StringComparer.OrdinalIgnoreCase)
        { "degrees_north", "degree_north", "degree_N", "degrees_N", "degreeN", "degreesN" };

    private static readonly HashSet<string> LongitudeUnits = new(StringComparer.OrdinalIgnoreCase)
        { "degrees_east", "degree_east", "degree_E", "degrees_E", "degreeE", "degreesE" };

    /// <summary>Units that leave an <c>axis</c> X/Y reading as longitude/latitude (plain degrees: rotated grids).</summary>
    private static readonly HashSet<string> PlainDegrees = new(StringComparer.OrdinalIgnoreCase) { "degrees", "degree", "deg" };

    /// <summary>What the data variable's dimensions are; absent axes are null.</summary>
    public static CfCoordinates Find(IArrayDataset dataset, string dataVariable)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var info = CfAttributes.RequireVariable(dataset, dataVariable);
        var found = new Dictionary<CfAxisKind, CfAxisCoordinate>();
        for (var d = 0; d < info.Rank; d++)
        {
            var dimension = info.DimensionNames[d];
            var identified = IdentifyDimension(dataset, dimension);
            if (identified is null)
                continue;
            var (kind, coordinate, evidence) = identified.Value;
            if (found.TryGetValue(kind, out var earlier))
                throw new InvalidInputException(dataset.Path, dataVariable,
                    $"two dimensions look like {kind.ToString().ToLowerInvariant()}: '{earlier.DimensionName}' ({earlier.IdentifiedBy}) and '{dimension}' ({evidence})");
            found[kind] = new CfAxisCoordinate(kind, dimension, d, info.Shape[d], coordinate, evidence);
        }
        return new CfCoordinates(dataset.Path, dataVariable, info.DimensionNames,
            found.GetValueOrDefault(CfAxisKind.Time), found.GetValueOrDefault(CfAxisKind.Latitude), found.GetValueOrDefault(CfAxisKind.Longitude));
    }

    /// <summary>
    /// As <see cref="Find"/>, but a missing latitude, longitude or (when <paramref name="requireTime"/>)
    /// time axis throws <see cref="InvalidInputException"/> naming the file, the variable, what was
    /// expected and the dimensions it has.
    /// </summary>
    public static CfCoordinates FindRequired(IArrayDataset dataset, string dataVariable, bool requireTime = true)
    {
        var coordinates = Find(dataset, dataVariable);
        var expected = requireTime ? new[] { CfAxisKind.Time, CfAxisKind.Latitude, CfAxisKind.Longitude } : [CfAxisKind.Latitude, CfAxisKind.Longitude];
        var missing = expected.Where(k => coordinates.Get(k) is null).Select(k => k.ToString().ToLowerInvariant()).ToArray();
        if (missing.Length > 0)
            throw new InvalidInputException(dataset.Path, dataVariable,
                $"expected a {string.Join(" and a ", missing)} dimension (a coordinate variable with axis, standard_name or units saying so), " +
                $"but the dimensions are ({string.Join(", ", coordinates.DimensionNames)})");
        return coordinates;
    }

    /// <summary>
    /// The axis a coordinate variable's attributes indicate, with the evidence, or null when they
    /// indicate none. Contradictory evidence throws <see cref="InvalidInputException"/>.
    /// </summary>
    public static (CfAxisKind Kind, string Evidence)? Classify(ArrayVariableInfo coordinate, string filePath)
    {
        ArgumentNullException.ThrowIfNull(coordinate);
        var attributes = coordinate.Attributes;
        var axis = attributes.GetText("axis")?.Trim();
        var units = attributes.GetText("units")?.Trim();
        var standardName = attributes.GetText("standard_name")?.Trim();

        var votes = new List<(CfAxisKind Kind, string Evidence)>();
        var unitsAreAngular = units is null || PlainDegrees.Contains(units) || LatitudeUnits.Contains(units) || LongitudeUnits.Contains(units);
        switch (axis?.ToUpperInvariant())
        {
            case "T":
                votes.Add((CfAxisKind.Time, "axis = T"));
                break;
            case "Y" when unitsAreAngular:
                votes.Add((CfAxisKind.Latitude, "axis = Y"));
                break;
            case "X" when unitsAreAngular:
                votes.Add((CfAxisKind.Longitude, "axis = X"));
                break;
        }
        if (units is not null)
        {
            if (LatitudeUnits.Contains(units))
                votes.Add((CfAxisKind.Latitude, $"units = '{units}'"));
            else if (LongitudeUnits.Contains(units))
                votes.Add((CfAxisKind.Longitude, $"units = '{units}'"));
            else if (CfTimeUnits.LooksLikeTimeUnits(units))
                votes.Add((CfAxisKind.Time, $"units = '{units}'"));
        }
        switch (standardName)
        {
            case "time":
                votes.Add((CfAxisKind.Time, "standard_name = time"));
                break;
            case "latitude" or "grid_latitude":
                votes.Add((CfAxisKind.Latitude, $"standard_name = {standardName}"));
                break;
            case "longitude" or "grid_longitude":
                votes.Add((CfAxisKind.Longitude, $"standard_name = {standardName}"));
                break;
        }

        if (votes.Count == 0)
            return null;
        if (votes.Select(v => v.Kind).Distinct().Count() > 1)
            throw new InvalidInputException(filePath, coordinate.Name,
                $"contradictory coordinate attributes: {string.Join("; ", votes.Select(v => $"{v.Evidence} says {v.Kind.ToString().ToLowerInvariant()}"))}");
        return (votes[0].Kind, string.Join(", ", votes.Select(v => v.Evidence)));
    }

    private static (CfAxisKind Kind, string Coordinate, string Evidence)? IdentifyDimension(IArrayDataset dataset, string dimension)
    {
        // The variable named like its dimension is the coordinate variable by netCDF convention; other
        // 1-D variables along the dimension are looked at only when it is absent or says nothing.
        var candidates = dataset.Variables
            .Where(v => v.Rank == 1 && string.Equals(v.DimensionNames[0], dimension, StringComparison.Ordinal))
            .OrderBy(v => string.Equals(v.Name, dimension, StringComparison.Ordinal) ? 0 : 1);
        foreach (var candidate in candidates)
        {
            var classified = Classify(candidate, dataset.Path);
            if (classified is not null)
                return (classified.Value.Kind, candidate.Name, classified.Value.Evidence);
        }
        return null;
    }
}
