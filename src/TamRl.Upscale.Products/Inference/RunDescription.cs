using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Chunking;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// What a run folder (<c>OUT/runs/RUN/</c>) records when it is planned: <c>run.json</c> (the grid,
/// period, budget, chunk ids, the predictor's identity, the driver cube and its input checksums, the
/// code version) and <c>land_fraction.nc</c>, so that assembly and checks need nothing but the run folder.
/// </summary>
public sealed record RunDescription
{
    public const string FileName = "run.json";
    public const string LandFractionFileName = "land_fraction.nc";

    public required string RunId { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required GridSpec Grid { get; init; }
    public required DateOnly First { get; init; }
    public required DateOnly Last { get; init; }
    public required long BudgetBytes { get; init; }
    public required int BatchPixels { get; init; }
    public required int ModelBytesPerPixelDay { get; init; }
    public required string Predictor { get; init; }
    public required string Drivers { get; init; }
    public required IReadOnlyDictionary<string, string> InputChecksums { get; init; }
    public required string CodeVersion { get; init; }
    public required IReadOnlyList<int> ChunkIds { get; init; }

    /// <summary>What is known of the model beyond its identity (see <see cref="ModelProvenance"/>); empty when nothing.</summary>
    public IReadOnlyDictionary<string, string> ModelAttributes { get; init; } = new Dictionary<string, string>();

    [JsonIgnore]
    public DatePeriod Period => new(First, Last);

    [JsonIgnore]
    public MemoryBudget Budget => new(BudgetBytes, BatchPixels, ModelBytesPerPixelDay);

    public static string CodeVersionOfThisBuild =>
        typeof(RunDescription).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The grid as written in run.json.</summary>
    public sealed record GridSpec(int Rows, int Columns, double West, double North, double LatitudeResolution, double LongitudeResolution)
    {
        public RegularLatLonGrid ToGrid() => new(Rows, Columns, West, North, LatitudeResolution, LongitudeResolution);

        public static GridSpec Of(RegularLatLonGrid g) => new(g.Rows, g.Columns, g.West, g.North, g.LatitudeResolution, g.LongitudeResolution);
    }

    public void Save(string runDir)
    {
        Directory.CreateDirectory(runDir);
        AtomicFile.WriteAllText(Path.Combine(runDir, FileName), JsonSerializer.Serialize(this, Json));
    }

    public static RunDescription Load(string runDir)
    {
        var path = Path.Combine(runDir, FileName);
        if (!File.Exists(path))
            throw new DataFileException(path, null, "no run description here (plan the run with `tamrl infer` first)");
        try
        {
            return JsonSerializer.Deserialize<RunDescription>(File.ReadAllText(path), Json)
                   ?? throw new InvalidInputException(path, null, "empty run description");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, e.Path, $"not a run description: {e.Message}", e);
        }
    }

    /// <summary>Writes the land fraction (row-major, north row first) beside run.json.</summary>
    public static void SaveLandFraction(string runDir, RegularLatLonGrid grid, float[] landFraction)
    {
        var path = Path.Combine(runDir, LandFractionFileName);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        using (var file = NetCdfFile.Create(temp))
        {
            file.AddDimension("lat", grid.Rows);
            file.AddDimension("lon", grid.Columns);
            file.AddVariable("land_fraction", NcType.Float, ["lat", "lon"], new NcVariableOptions { DeflateLevel = 1, Shuffle = true });
            file.SetAttribute("land_fraction", "units", "1");
            file.Write<float>("land_fraction", landFraction);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static float[] LoadLandFraction(string runDir)
    {
        using var file = NetCdfFile.Open(Path.Combine(runDir, LandFractionFileName));
        return file.Read<float>("land_fraction");
    }
}
