using System.Globalization;

namespace TamRl.Upscale.Products.Chunking;

/// <summary>A longitude-latitude box in degrees (west &lt; east, south &lt; north; no crossing of the antimeridian).</summary>
public sealed record BoundingBox
{
    public BoundingBox(double west, double south, double east, double north)
    {
        if (!(west < east) || !(south < north) || west < -180 || east > 180 || south < -90 || north > 90)
            throw new ArgumentException($"bbox {west},{south},{east},{north}: expected west<east within -180..180 and south<north within -90..90");
        West = west;
        South = south;
        East = east;
        North = north;
    }

    public double West { get; }

    public double South { get; }

    public double East { get; }

    public double North { get; }

    /// <summary>Parses "west,south,east,north".</summary>
    public static BoundingBox Parse(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 4)
            throw new FormatException($"bbox '{text}': expected west,south,east,north");
        var v = parts.Select(p => double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        return new BoundingBox(v[0], v[1], v[2], v[3]);
    }
}
