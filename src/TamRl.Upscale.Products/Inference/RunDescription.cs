using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.IO.Files;

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

    /// <summary>
    /// The tile shape the run was planned with. Null in run.json files written before tiles were aligned to the
    /// driver cube's chunks; <see cref="Tiles"/> then gives the shape those versions used, so chunk ids keep their tiles.
    /// </summary>
    public int? TileRows { get; init; }

    public int? TileColumns { get; init; }

    /// <summary>The run's tile shape: as recorded, or the shape of the version that planned it.</summary>
    [JsonIgnore]
    public (int Rows, int Columns) Tiles => TileRows is { } rows && TileColumns is { } columns
        ? (rows, columns)
        : ChunkPlanner.UnalignedTileShape(Grid.ToGrid(), Budget.MaxPixels(Period.Days));

    /// <summary>
    /// The rules that set some pixels' fluxes instead of the model (<see cref="Inference.SurfaceRules.Statement"/>), as the
    /// version that planned the run applies them; null for runs planned before any rule existed.
    /// </summary>
    public string? SurfaceRules { get; init; }

    /// <summary>What is known of the model beyond its identity (the bundle's provenance, Model/Bundle/BundleManifestFile); empty when nothing.</summary>
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

    /// <summary>Rows of land_fraction.nc per chunk (and per write): a band, never the whole grid.</summary>
    private const int LandFractionBandRows = 64;

    /// <summary>Writes the land fraction beside run.json, band by band (the grid is never held whole).</summary>
    public static void SaveLandFraction(string runDir, RegularLatLonGrid grid, LandFraction landFraction)
    {
        if (landFraction.Grid != grid)
            throw new ArgumentException($"a land fraction on a {landFraction.Grid.Rows} x {landFraction.Grid.Columns} grid for a run on {grid.Rows} x {grid.Columns}", nameof(landFraction));
        AtomicFile.Write(Path.Combine(runDir, LandFractionFileName), temp =>
        {
            using var file = NetCdfFile.Create(temp);
            file.AddDimension("lat", grid.Rows);
            file.AddDimension("lon", grid.Columns);
            // Chunks of whole bands: each write fills whole chunks, so nothing is compressed twice.
            file.AddVariable("land_fraction", NcType.Float, ["lat", "lon"], new NcVariableOptions
            {
                DeflateLevel = 1,
                Shuffle = true,
                ChunkSizes = [Math.Min(LandFractionBandRows, grid.Rows), Math.Min(grid.Columns, 4096)],
            });
            file.SetAttribute("land_fraction", "units", "1");
            landFraction.CopyTo(file, "land_fraction", LandFractionBandRows);
        });
    }

    /// <summary>The whole grid's land fraction (tests and small grids; stages read it a block at a time with <see cref="LandFraction.OpenRun"/>).</summary>
    public static float[] LoadLandFraction(string runDir)
    {
        using var file = NetCdfFile.Open(Path.Combine(runDir, LandFractionFileName));
        return file.Read<float>("land_fraction");
    }
}
