using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Products.DriverCube;

/// <summary>
/// The driver cube as docs/data-contracts.md §2 lays it out: <c>static.nc</c> (land_fraction, igbp,
/// koppen on lat/lon) and one <c>drivers_YYYY-MM.nc</c> per month (time, lat, lon; one float32 variable per
/// feature, fill over ocean), all on one canonical grid (rows north to south, longitudes -180..180).
/// Monthly files are opened when first read and kept open until the cube is disposed.
/// </summary>
public sealed class NetCdfDriverCube : IDriverCube
{
    private readonly Dictionary<string, NetCdfFile> _months = new();

    private NetCdfDriverCube(string folder, RegularLatLonGrid grid, float[] landFraction, int[] igbp, int[] koppen, IReadOnlyDictionary<string, string> checksums)
    {
        Location = folder;
        Grid = grid;
        LandFraction = landFraction;
        Igbp = igbp;
        Koppen = koppen;
        InputChecksums = checksums;
    }

    public string Location { get; }

    public RegularLatLonGrid Grid { get; }

    public IReadOnlyList<string> Features => DriverFeatures.Names;

    public float[] LandFraction { get; }

    public int[] Igbp { get; }

    public int[] Koppen { get; }

    public IReadOnlyDictionary<string, string> InputChecksums { get; }

    /// <summary>Opens the cube in <paramref name="folder"/> (the ingest stage's OUT/drivers).</summary>
    public static NetCdfDriverCube Open(string folder)
    {
        var staticPath = Path.Combine(folder, "static.nc");
        if (!File.Exists(staticPath))
            throw new DataFileException(staticPath, null, "the driver cube's static fields are missing (run `tamrl ingest` first)");
        using var file = NetCdfFile.Open(staticPath);
        var grid = ReadGrid(file);
        var cells = grid.Rows * grid.Columns;
        var land = ReadStatic<float>(file, "land_fraction", cells);
        var igbp = ReadStatic<int>(file, "igbp", cells);
        var koppen = ReadStatic<int>(file, "koppen", cells);
        for (var i = 0; i < land.Length; i++)
            if (!(land[i] > 0) || !float.IsFinite(land[i]))
                land[i] = 0; // fill over ocean reads as no land
        return new NetCdfDriverCube(folder, grid, land, igbp, koppen, ReadChecksums(folder));
    }

    /// <summary>The file that holds a month: <c>drivers_YYYY-MM.nc</c>.</summary>
    public static string MonthFileName(int year, int month) => $"drivers_{year:D4}-{month:D2}.nc";

    public void Read(string feature, int row0, int rows, int column0, int columns, DateOnly first, int days, Span<float> destination)
    {
        var tile = rows * columns;
        if (destination.Length < (long)tile * days)
            throw new ArgumentException($"destination holds {destination.Length} values, {days} x {rows} x {columns} needed");
        var day = 0;
        while (day < days)
        {
            var date = first.AddDays(day);
            var file = MonthFile(date.Year, date.Month);
            var inMonth = Math.Min(days - day, DateTime.DaysInMonth(date.Year, date.Month) - date.Day + 1);
            if (!file.HasVariable(feature))
                throw new InvalidInputException(file.Path, feature, $"driver feature missing; the cube must hold {string.Join(", ", Features)}");
            var span = destination.Slice(day * tile, inMonth * tile);
            file.Read(feature, [date.Day - 1, row0, column0], [inMonth, rows, columns], span);
            var fill = file.GetVariable(feature).Attributes.GetDoubles("_FillValue");
            if (fill is { Length: > 0 } && !double.IsNaN(fill[0]))
            {
                var f = (float)fill[0];
                for (var i = 0; i < span.Length; i++)
                    if (span[i] == f)
                        span[i] = float.NaN;
            }
            day += inMonth;
        }
    }

    private NetCdfFile MonthFile(int year, int month)
    {
        var name = MonthFileName(year, month);
        if (_months.TryGetValue(name, out var open))
            return open;
        var path = Path.Combine(Location, name);
        if (!File.Exists(path))
            throw new InvalidInputException(path, null, $"the driver cube has no file for {year:D4}-{month:D2}, which the period needs");
        var file = NetCdfFile.Open(path);
        try
        {
            CheckMonth(file, year, month);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        _months[name] = file;
        return file;
    }

    private void CheckMonth(NetCdfFile file, int year, int month)
    {
        var days = DateTime.DaysInMonth(year, month);
        var dims = file.Dimensions;
        if (!dims.TryGetValue("time", out var steps) || steps != days)
            throw new InvalidInputException(file.Path, "time", $"expected {days} daily steps for {year:D4}-{month:D2}, found {(dims.TryGetValue("time", out var s) ? s : 0)}");
        if (file.HasVariable("time"))
        {
            var units = file.GetVariable("time").Attributes.GetText("units") ?? "";
            var values = file.ReadDoubles("time");
            var expected = new DateOnly(year, month, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber;
            if (units.StartsWith("days since 1970-01-01", StringComparison.Ordinal) && Math.Abs(values[0] - expected) > 0.5)
                throw new InvalidInputException(file.Path, "time", $"first step is day {values[0]} since 1970-01-01, expected {expected} ({year:D4}-{month:D2}-01)");
        }
        var grid = ReadGrid(file);
        if (grid.Rows != Grid.Rows || grid.Columns != Grid.Columns || Math.Abs(grid.West - Grid.West) > 1e-6 || Math.Abs(grid.North - Grid.North) > 1e-6)
            throw new InvalidInputException(file.Path, "lat/lon", $"grid {grid.Rows}x{grid.Columns} from ({grid.West}, {grid.North}) differs from static.nc's {Grid.Rows}x{Grid.Columns} from ({Grid.West}, {Grid.North})");
    }

    private static RegularLatLonGrid ReadGrid(NetCdfFile file)
    {
        foreach (var name in new[] { "lat", "lon" })
            if (!file.HasVariable(name))
                throw new InvalidInputException(file.Path, name, "coordinate variable missing");
        var mapping = CfGridNormaliser.Normalise(file.ReadDoubles("lat"), file.ReadDoubles("lon"), file.Path, "lat", "lon");
        if (!mapping.IsIdentity)
            throw new InvalidInputException(file.Path, "lat/lon", "the driver cube must be on the canonical grid (latitude north to south, longitude -180..180 ascending)");
        return mapping.Grid;
    }

    private static T[] ReadStatic<T>(NetCdfFile file, string name, int cells) where T : unmanaged
    {
        if (!file.HasVariable(name))
            throw new InvalidInputException(file.Path, name, "static field missing");
        var info = file.GetVariable(name);
        if (info.ElementCount != cells)
            throw new InvalidInputException(file.Path, name, $"holds {info.ElementCount} values, the grid {cells}");
        return file.Read<T>(name);
    }

    /// <summary>The input files and sha256 that ingest recorded in manifest.json, when present.</summary>
    private static IReadOnlyDictionary<string, string> ReadChecksums(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(folder, "manifest.json");
        if (!File.Exists(path))
            return result;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            Collect(doc.RootElement, result);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, null, $"not valid JSON: {e.Message}", e);
        }
        return result;
    }

    /// <summary>Any object with a path/file and a sha256 anywhere in the manifest counts as an input.</summary>
    private static void Collect(JsonElement e, IDictionary<string, string> into)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            string? name = null, sha = null;
            foreach (var p in e.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String && p.Name is "path" or "file" or "name")
                    name = p.Value.GetString();
                else if (p.Value.ValueKind == JsonValueKind.String && p.Name == "sha256")
                    sha = p.Value.GetString();
                else
                    Collect(p.Value, into);
            }
            if (name is not null && sha is not null)
                into[name] = sha;
        }
        else if (e.ValueKind == JsonValueKind.Array)
            foreach (var item in e.EnumerateArray())
                Collect(item, into);
    }

    public void Dispose()
    {
        foreach (var f in _months.Values)
            f.Dispose();
        _months.Clear();
    }
}
