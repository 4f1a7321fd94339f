using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.Sites.Splits;
using TamRl.Upscale.Sites.Windows;

namespace TamRl.Upscale.Sites.Stage;

/// <summary>What the extract-sites stage needs.</summary>
/// <param name="SiteTable">towers/sites.csv, or a folder holding one.</param>
/// <param name="DriverCube">The driver cube folder (OUT/drivers); unused when the drivers come from the towers.</param>
/// <param name="OutputFolder">The dataset folder to produce (OUT/sites); replaced whole on success.</param>
/// <param name="Seed">Seed of the splits.</param>
/// <param name="Options">Period and windows.</param>
/// <param name="TestFraction">Share of sites held out per stratum.</param>
public sealed record ExtractSitesRequest(string SiteTable, string DriverCube, string OutputFolder, int Seed,
    SiteExtractionOptions Options, double TestFraction = ZeroShotSplitter.DefaultTestFraction)
{
    /// <summary>More tower tables or folders joined after <see cref="SiteTable"/> (a site may appear in only one).</summary>
    public IReadOnlyList<string> MoreSiteTables { get; init; } = [];

    /// <summary>The drivers come from each tower's own meteorology instead of the driver cube.</summary>
    public bool TowerMeteorology { get; init; }

    /// <summary>With <see cref="TowerMeteorology"/>: the features (null: the default tower set) and their tower columns (null: the defaults).</summary>
    public IReadOnlyList<string>? Features { get; init; }

    public IReadOnlyDictionary<string, string>? MeteorologyColumns { get; init; }

    public IReadOnlyList<string> SiteTables => [SiteTable, .. MoreSiteTables];

    /// <summary>The request a pipeline configuration's "sites" section describes, for a run writing into <paramref name="outDirectory"/>.</summary>
    public static ExtractSitesRequest FromConfig(Core.Config.PipelineConfig config, string outDirectory)
    {
        var sites = config.Sites ?? throw new Core.Errors.InvalidInputException(config.SourcePath, "sites", "the configuration has no \"sites\" section");
        if (sites.Towers is null || sites.Towers.Count == 0 || sites.Towers.Any(string.IsNullOrWhiteSpace))
            throw new Core.Errors.InvalidInputException(config.SourcePath, "sites.towers", "the tower table (or folder) is not named");
        if (sites.DriverSource is not ("cube" or "towers"))
            throw new Core.Errors.InvalidInputException(config.SourcePath, "sites.driverSource", $"expected cube or towers, got '{sites.DriverSource}'");
        if (sites.Features is not null && sites.DriverSource != "towers")
            throw new Core.Errors.InvalidInputException(config.SourcePath, "sites.features", "a feature list is chosen with driverSource towers; the cube's features are the cube's");
        if (sites.Features is not null && Core.Variables.DriverFeatures.Problem(sites.Features) is { } problem)
            throw new Core.Errors.InvalidInputException(config.SourcePath, "sites.features", problem);
        if (sites.DriverSource == "towers")
            foreach (var feature in sites.Features ?? TowerMeteorologySource.DefaultFeatures)
                if (!Core.Variables.DriverFeatures.IsComputed(feature) && !(sites.Meteorology?.ContainsKey(feature) ?? false)
                    && !TowerMeteorologySource.DefaultColumns.ContainsKey(feature))
                    throw new Core.Errors.InvalidInputException(config.SourcePath, "sites.meteorology",
                        $"feature '{feature}' is neither computed from location and date nor given a tower column");
        if (sites.WindowLength < 1 || sites.WindowStride < 1)
            throw new Core.Errors.InvalidInputException(config.SourcePath, "sites.windowLength", "window length and stride must be at least 1 day");
        if (!(sites.TestFraction is >= 0 and <= 1))
            throw new Core.Errors.InvalidInputException(config.SourcePath, "sites.testFraction", "must lie within 0..1");
        var outRoot = Path.GetFullPath(outDirectory);
        config = config.WithOutput(outRoot);
        return new ExtractSitesRequest(
            config.ResolvePath(sites.Towers[0]),
            sites.Drivers is null ? Path.Combine(outRoot, "drivers") : config.ResolvePath(sites.Drivers),
            Path.Combine(outRoot, "sites"),
            config.Seed,
            new SiteExtractionOptions
            {
                FirstDay = sites.Start, LastDay = sites.End, WindowLength = sites.WindowLength, WindowStride = sites.WindowStride,
                Columns = TowerColumns.From(sites.Columns),
            },
            sites.TestFraction)
        {
            MoreSiteTables = sites.Towers.Skip(1).Select(config.ResolvePath).ToArray(),
            TowerMeteorology = sites.DriverSource == "towers",
            Features = sites.Features,
            MeteorologyColumns = sites.Meteorology,
        };
    }
}

/// <summary>What the stage produced.</summary>
public sealed record ExtractSitesOutcome(string OutputFolder, int Sites, int Days, IReadOnlyList<SkippedSite> Skipped);

/// <summary>
/// The extract-sites stage: tower table + driver cube to OUT/sites/{training.nc, splits.json,
/// manifest.json}. Everything is written into a hidden staging folder beside the output and moved in place
/// only when complete; a failure deletes the staging folder and leaves any previous output untouched.
/// </summary>
public static class ExtractSitesStage
{
    public const string TrainingFileName = "training.nc";
    public const string SplitsFileName = "splits.json";

    public static ExtractSitesOutcome Run(ExtractSitesRequest request, ISiteDriverSource? drivers = null)
    {
        var output = Path.GetFullPath(request.OutputFolder);
        var parent = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(parent);
        ExtractSitesOutcome? outcome = null;
        IO.Files.FolderSwap.Write(output, staging =>
        {
            var towers = SiteTable.ReadAll(request.SiteTables);
            var tableName = string.Join(", ", request.SiteTables.Select(SiteTable.TablePath));
            SiteExtractionResult result;
            var source = drivers ?? (request.TowerMeteorology
                ? new TowerMeteorologySource(towers, tableName, request.Features, request.MeteorologyColumns, request.Options.Columns)
                : new DriverCubeSiteSource(request.DriverCube));
            try
            {
                result = SiteDatasetBuilder.Build(towers, tableName, source, request.Options);
            }
            finally
            {
                if (drivers is null)
                    (source as IDisposable)?.Dispose();
            }
            var dataset = result.Dataset;
            var splits = ZeroShotSplitter.SplitByIgbpAndKoppen(dataset.Sites, request.Seed, request.TestFraction);

            TrainingDatasetFile.Write(dataset, Path.Combine(staging, TrainingFileName));
            SplitsFile.Write(splits, Path.Combine(staging, SplitsFileName));
            var cubeManifest = Path.Combine(request.DriverCube, Ingest.DriverCube.DriverCubeLayout.ManifestFileName);
            var fromCube = !request.TowerMeteorology && drivers is null;
            var manifest = new SitesManifest
            {
                Generator = $"tamrl extract-sites {typeof(ExtractSitesStage).Assembly.GetName().Version}",
                Created = Core.Time.ReproducibleClock.Now().UtcDateTime,
                Seed = request.Seed,
                TestFraction = request.TestFraction,
                WindowLength = dataset.WindowLength,
                WindowStride = dataset.WindowStride,
                FirstDay = dataset.FirstDay,
                LastDay = dataset.FirstDay.AddDays(dataset.DayCount - 1),
                Sites = dataset.SiteCount,
                DriverCube = fromCube ? Path.GetFullPath(request.DriverCube) : source.Description,
                DriverCubeManifest = fromCube && File.Exists(cubeManifest) ? FileChecksum.Of(cubeManifest) : null,
                Features = dataset.Features.ToArray(),
                SiteTable = FileChecksum.Of(SiteTable.TablePath(request.SiteTable)),
                MoreSiteTables = request.MoreSiteTables.Select(t => FileChecksum.Of(SiteTable.TablePath(t))).ToArray(),
                Inputs = result.TowerFiles.Select(f => FileChecksum.Of(f)).ToArray(),
                Skipped = result.Skipped.Select(s => new SitesManifest.SkippedSiteEntry(s.SiteId, s.Reason)).ToArray(),
                Files = [FileChecksum.Of(Path.Combine(staging, TrainingFileName), TrainingFileName),
                         FileChecksum.Of(Path.Combine(staging, SplitsFileName), SplitsFileName)],
            };
            manifest.Write(Path.Combine(staging, SitesManifest.FileName));
            outcome = new ExtractSitesOutcome(output, dataset.SiteCount, dataset.DayCount, result.Skipped);
        });
        return outcome!;
    }
}
