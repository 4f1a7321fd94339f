using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>
/// TEST DOUBLE of the driver cube: drivers computed on the fly from smooth deterministic functions of
/// latitude, longitude and day of year, land where a fixed pattern says so. Holds nothing of the grid
/// unless a test asks for the whole static fields, so it serves any grid from 2 degrees to 0.05.
/// </summary>
public sealed class SyntheticDriverCube : IDriverCube
{
    public SyntheticDriverCube(RegularLatLonGrid grid, DatePeriod available)
    {
        Grid = grid;
        Available = available;
        _whole = new Lazy<(float[], int[], int[])>(() =>
        {
            var window = ReadStatic(new GridBlock(0, grid.Rows, 0, grid.Columns));
            return (window.LandFraction, window.Igbp, window.Koppen);
        });
    }

    private readonly Lazy<(float[] Land, int[] Igbp, int[] Koppen)> _whole;

    /// <summary>The static fields of one cell, from a formula (land where a fixed pattern says so).</summary>
    private (float Land, int Igbp, int Koppen) Cell(int row, int column)
    {
        var lat = Grid.LatitudeOfRow(row);
        var lon = Grid.LongitudeOfColumn(column);
        var s = Math.Sin(lon * Math.PI / 60) * Math.Cos(lat * Math.PI / 70) + 0.4 * Math.Sin(lat * Math.PI / 25);
        return Math.Abs(lat) < 75 && s > 0.15 ? ((float)Math.Min(1, 0.3 + s), (int)(Math.Abs(lat) / 10), (int)((lon + 180) / 60)) : (0f, 0, 0);
    }

    public StaticWindow ReadStatic(GridBlock window)
    {
        StaticReads.Add(window);
        if (window.Row0 < 0 || window.Column0 < 0 || window.Row0 + window.Rows > Grid.Rows || window.Column0 + window.Columns > Grid.Columns)
            throw new ArgumentOutOfRangeException(nameof(window), $"{window} is outside the {Grid.Rows} x {Grid.Columns} grid");
        var (land, igbp, koppen) = (new float[window.Cells], new int[window.Cells], new int[window.Cells]);
        for (var i = 0; i < window.Cells; i++)
            (land[i], igbp[i], koppen[i]) = Cell(window.Row0 + i / window.Columns, window.Column0 + i % window.Columns);
        return StaticWindow.Of(window, land, igbp, koppen);
    }

    /// <summary>Every static window read, in order (for tests that no stage reads the whole grid).</summary>
    public List<GridBlock> StaticReads { get; } = new();

    public DatePeriod Available { get; }

    /// <summary>Features the cube claims to hold (tests change it to check the refusal).</summary>
    public IReadOnlyList<string> Features { get; init; } = DriverFeatures.Names;

    public string Location => $"synthetic:{Grid.Rows}x{Grid.Columns}";

    public RegularLatLonGrid Grid { get; }

    /// <summary>The whole grid's land fraction, computed on first use (tests and the bench's cube writer; stages read windows).</summary>
    public float[] LandFraction => _whole.Value.Land;

    public int[] Igbp => _whole.Value.Igbp;

    public int[] Koppen => _whole.Value.Koppen;

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
            var land = Cell(row, column).Land > 0;
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
