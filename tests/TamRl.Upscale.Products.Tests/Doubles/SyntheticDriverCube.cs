using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Products.DriverCube;

namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>
/// TEST DOUBLE of the driver cube: drivers computed on the fly from smooth deterministic functions of
/// latitude, longitude and day of year, land where a fixed pattern says so. Holds nothing but the
/// static fields, so it serves any grid from 2 degrees to 0.05.
/// </summary>
public sealed class SyntheticDriverCube : IDriverCube
{
    public SyntheticDriverCube(RegularLatLonGrid grid, DatePeriod available)
    {
        Grid = grid;
        Available = available;
        var cells = grid.Rows * grid.Columns;
        LandFraction = new float[cells];
        Igbp = new int[cells];
        Koppen = new int[cells];
        for (var r = 0; r < grid.Rows; r++)
            for (var c = 0; c < grid.Columns; c++)
            {
                var lat = grid.LatitudeOfRow(r);
                var lon = grid.LongitudeOfColumn(c);
                var s = Math.Sin(lon * Math.PI / 60) * Math.Cos(lat * Math.PI / 70) + 0.4 * Math.Sin(lat * Math.PI / 25);
                var i = r * grid.Columns + c;
                if (Math.Abs(lat) < 75 && s > 0.15)
                {
                    LandFraction[i] = (float)Math.Min(1, 0.3 + s);
                    Igbp[i] = (int)(Math.Abs(lat) / 10);
                    Koppen[i] = (int)((lon + 180) / 60);
                }
            }
    }

    public DatePeriod Available { get; }

    /// <summary>Features the cube claims to hold (tests change it to check the refusal).</summary>
    public IReadOnlyList<string> Features { get; init; } = DriverFeatures.Names;

    public string Location => $"synthetic:{Grid.Rows}x{Grid.Columns}";

    public RegularLatLonGrid Grid { get; }

    public float[] LandFraction { get; }

    public int[] Igbp { get; }

    public int[] Koppen { get; }

    public IReadOnlyDictionary<string, string> InputChecksums { get; init; } =
        new Dictionary<string, string> { ["synthetic/drivers"] = new string('0', 64) };

    /// <summary>Reads counted per call, for tests of streaming.</summary>
    public int Reads { get; private set; }

    public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days)
    {
        Reads++;
        if (first < Available.First || first.AddDays(days - 1) > Available.Last)
            throw new Core.Errors.InvalidInputException(Location, null, $"no drivers for {first:yyyy-MM-dd}+{days} days (cube holds {Available})");
        var features = DriverFeatures.All.Count;
        var values = new float[pixels.Count * days * features];
        for (var p = 0; p < pixels.Count; p++)
        {
            var (row, column) = pixels[p];
            var land = LandFraction[row * Grid.Columns + column] > 0;
            for (var d = 0; d < days; d++)
            {
                var doy = first.AddDays(d).DayOfYear;
                for (var f = 0; f < features; f++)
                    values[(p * days + d) * features + f] = land ? Value(f, Grid.LatitudeOfRow(row), Grid.LongitudeOfColumn(column), doy) : float.NaN;
            }
        }
        return values;
    }

    /// <summary>The value of a feature (index in <see cref="DriverFeatures.All"/>) at a place and day of year.</summary>
    public static float Value(int feature, double lat, double lon, int doy)
    {
        var season = Math.Sin(2 * Math.PI * (doy - 105) / 365.0) * Math.Sign(lat);
        var ta = 27 - 0.45 * Math.Abs(lat) + 12 * season * Math.Abs(lat) / 60 + 2 * Math.Sin(lon * Math.PI / 45);
        return feature switch
        {
            0 => (float)ta,
            1 => (float)(ta - 5),
            2 => (float)(ta + 5),
            3 => (float)Math.Max(0.5, 8 + 0.3 * ta),
            4 => (float)Math.Max(5, 180 + 120 * season - Math.Abs(lat)),
            5 => (float)(2 + 2 * Math.Cos(lon * Math.PI / 30)),
            6 => (float)(0.25 + 0.1 * Math.Sin(lat * Math.PI / 20)),
            7 => (float)Math.Clamp(0.45 + 0.3 * season * Math.Abs(lat) / 60 + 0.1 * Math.Cos(lon * Math.PI / 90), 0.05, 0.9),
            8 => (float)Math.Clamp(0.3 + 0.2 * season * Math.Abs(lat) / 60, 0.05, 0.8),
            9 => (float)(ta + 3),
            _ => throw new ArgumentOutOfRangeException(nameof(feature)),
        };
    }

    public void Dispose() { }
}
