using System.Globalization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Core.Grid;

/// <summary>
/// A longitude/latitude box in degrees: west &lt; east within [-180, 180], south &lt; north within [-90, 90]; a box never
/// crosses the antimeridian (give two, one each side of 180°). The one bounding box of the project: the sample world's
/// region, <c>tamrl infer --bbox</c>, a rerun's box, the ingest grid's box all build it here, with the same checks.
/// </summary>
public sealed record BoundingBox
{
    /// <summary>The whole globe.</summary>
    public static readonly BoundingBox Globe = new(-180, -90, 180, 90);

    /// <exception cref="InvalidValueException">The box is outside the globe, empty, inverted or crosses the antimeridian (field "bbox").</exception>
    public BoundingBox(double west, double south, double east, double north) : this(west, south, east, north, "bbox") { }

    /// <param name="field">The option or field the numbers came from, named in the error.</param>
    /// <exception cref="InvalidValueException">The box is outside the globe, empty, inverted or crosses the antimeridian.</exception>
    public BoundingBox(double west, double south, double east, double north, string field)
    {
        CheckLongitude(west, field);
        CheckLongitude(east, field);
        CheckLatitude(south, field);
        CheckLatitude(north, field);
        if (west > east)
            throw new InvalidValueException(field, Invariant($"west {west} > east {east}: the box crosses the antimeridian; give two boxes, one each side of 180°"));
        if (south >= north || west == east)
            throw new InvalidValueException(field, Invariant($"empty box: need west < east and south < north, got W={west} S={south} E={east} N={north}"));
        (West, South, East, North) = (west, south, east, north);
    }

    public double West { get; }

    public double South { get; }

    public double East { get; }

    public double North { get; }

    /// <summary>Parses "W,S,E,N" (degrees, invariant culture, spaces allowed around the numbers).</summary>
    /// <param name="field">The option or field the text came from ("--bbox", "sampleWorld.bbox"), named in the error.</param>
    /// <exception cref="InvalidValueException">Not four numbers, or not a box (see the constructor).</exception>
    public static BoundingBox Parse(string text, string field = "--bbox")
    {
        var parts = text.Split(',');
        if (parts.Length != 4)
            throw new InvalidValueException(field, $"expected four numbers W,S,E,N in degrees, got '{text}'");
        var v = new double[4];
        for (var i = 0; i < 4; i++)
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                throw new InvalidValueException(field, $"'{parts[i]}' is not a number (expected W,S,E,N in degrees)");
        return new BoundingBox(v[0], v[1], v[2], v[3], field);
    }

    /// <summary>"W,S,E,N", as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Invariant($"{West},{South},{East},{North}");

    /// <exception cref="InvalidValueException">Not a longitude in [-180, 180].</exception>
    public static void CheckLongitude(double lon, string field)
    {
        if (!double.IsFinite(lon) || lon < -180 || lon > 180)
            throw new InvalidValueException(field, Invariant($"longitude {lon} is out of range [-180, 180]"));
    }

    /// <exception cref="InvalidValueException">Not a latitude in [-90, 90].</exception>
    public static void CheckLatitude(double lat, string field)
    {
        if (!double.IsFinite(lat) || lat < -90 || lat > 90)
            throw new InvalidValueException(field, Invariant($"latitude {lat} is out of range [-90, 90]"));
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
