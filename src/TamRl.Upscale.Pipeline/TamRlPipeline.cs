using NetTopologySuite.Geometries;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Ingest;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Evaluation;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Products;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Scoring;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.Sites.Stage;

namespace TamRl.Upscale.Pipeline;

/// <summary>
/// The real stages behind the orchestration's seam: sample world (when configured) and ingest, site
/// extraction, training (or a given bundle) with the baseline comparison, chunked inference, assembly,
/// checks and atomic publication, scored against truth when the configuration names it. Each method
/// only calls a stage's service; the services write through staging, so a repeated call is harmless.
/// </summary>
public sealed class TamRlPipeline(Action<string>? log = null) : IPipelineStages, IChunkPlanner, ILandMask
{
    public const string Name = "tamrl";

    private readonly Action<string> _log = log ?? (_ => { });

    public static StageSet Create() => Create(null);

    public static StageSet Create(Action<string>? log)
    {
        var pipeline = new TamRlPipeline(log);
        return new StageSet(pipeline, pipeline, pipeline);
    }

    private static PipelineConfig Config(RunSpec run) => PipelineConfig.Load(run.ConfigPath).WithOutput(run.OutDir);

    public string Ingest(RunSpec run)
    {
        var config = Config(run);
        // A monthly regeneration (or a rerun of a period) after the configured ingest period adds its months to the cube.
        if ((run.PeriodTo ?? run.PeriodFrom) is { } month && config.Ingest is { } ingest)
            config = config with { Ingest = ingest.Through(DatePeriod.Parse(month, "period").Last) };
        SampleWorldStep.Ensure(config, _log);
        var result = new IngestService(config, run.OutDir, _log).Run();
        return result.DriversDirectory;
    }

    public string ExtractSites(RunSpec run)
    {
        var config = Config(run);
        // A configuration that reuses a trained bundle and names no towers (the monthly regeneration) needs no sites.
        if (config.Sites is null && config.Model?.Bundle is not null)
        {
            _log("extract-sites: skipped: the model is a given bundle and the configuration names no towers");
            return "";
        }
        var outcome = ExtractSitesStage.Run(ExtractSitesRequest.FromConfig(config, run.OutDir));
        foreach (var s in outcome.Skipped)
            _log($"extract-sites: skipped {s.SiteId}: {s.Reason}");
        return outcome.OutputFolder;
    }

    public string Train(RunSpec run) => Train(run, CancellationToken.None);

    /// <summary>Trains (or names the given bundle); <paramref name="cancel"/> stops training between batches, its checkpoint kept.</summary>
    public string Train(RunSpec run, CancellationToken cancel)
    {
        var config = Config(run);
        var model = config.Model ?? throw new InvalidInputException(config.SourcePath, "model", "the configuration has no \"model\" section");
        if (model.Bundle is { } given)
            return Path.Combine(config.ResolvePath(given), ModelBundle.ManifestFile);
        if (model.Config is null)
            throw new InvalidInputException(config.SourcePath, "model", "name either \"bundle\" (reuse) or \"config\" (train)");
        var paths = RunPaths.Of(run);
        var modelConfig = ModelRunConfig.Load(config.ResolvePath(model.Config)) with
        {
            Dataset = Path.Combine(paths.Sites, ExtractSitesStage.TrainingFileName),
            Splits = Path.Combine(paths.Sites, ExtractSitesStage.SplitsFileName),
            Device = model.Device,
            TowerTruth = TowerTruthOf(config),
            LandCover = paths.Drivers, // the land the product covers is this run's cube
        };
        var bundle = TrainWorkflow.Run(modelConfig, run.OutDir, null, _log, cancel);
        if (model.Evaluate)
            EvaluateWorkflow.Run(modelConfig, run.OutDir, null, _log);
        return Path.Combine(bundle, ModelBundle.ManifestFile);
    }

    /// <summary>
    /// A run on the sample world scores the world's noise-free tower fluxes beside the models in its evaluation
    /// (the floors of the comparison); a world written before that file existed has none.
    /// </summary>
    private static string? TowerTruthOf(PipelineConfig config)
    {
        if (config.SampleWorld is not { } world)
            return null;
        var path = Path.Combine(config.ResolvePath(world.Folder), "truth", "towers.csv");
        return File.Exists(path) ? path : null;
    }

    /// <summary>Plans the run's inference (once: run.json) and lists its chunks with their areas.</summary>
    public IReadOnlyList<ChunkExtent> Plan(RunSpec run)
    {
        var paths = RunPaths.Of(run);
        using var cube = NetCdfDriverCube.Open(paths.Drivers);
        var description = File.Exists(Path.Combine(paths.Inference, RunDescription.FileName))
            ? RunDescription.Load(paths.Inference)
            : PlanInference(run, paths, cube);
        ChunkPlan plan;
        using (var land = LandFraction.OpenRun(paths.Inference, description.Grid.ToGrid()))
            plan = InferenceService.PlanOf(description, land);
        var grid = plan.Grid;
        return plan.Chunks
            .Select(c => new ChunkExtent(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new Envelope(
                grid.West + c.Column0 * grid.LongitudeResolution, grid.West + (c.Column0 + c.Columns) * grid.LongitudeResolution,
                grid.North - (c.Row0 + c.Rows) * grid.LatitudeResolution, grid.North - c.Row0 * grid.LatitudeResolution)))
            .ToList();
    }

    private RunDescription PlanInference(RunSpec run, RunPaths paths, IDriverCube cube)
    {
        var config = Config(run);
        var products = config.Products ?? throw new InvalidInputException(config.SourcePath, "products", "the configuration has no \"products\" section");
        // The bundle's manifest only, read once: planning (a rerun submitted through the API plans inside the request)
        // needs the model's identity, features and provenance, never its weights.
        var bundle = BundleManifestFile.Read(BundleOf(run, config));
        var period = PeriodOf(run, products, config);
        ChunkRunner.CheckFeatures(cube, bundle.Features, bundle.Identity);
        return InferenceService.PlanRun(paths.Inference, run.Id, cube, period, BudgetOf(products, config, period),
            InferenceEngines.Identity(bundle.Identity, PrecisionOf(config), EngineOf(config)),
            bundle.Provenance());
    }

    /// <summary>
    /// The configured memory budget, checked against the period before any chunk is planned: a budget that cannot hold
    /// one pixel is the configuration's error (InvalidInputException, which fails the run at once), not a fault a
    /// retry could cure (Hangfire retried it four times over ~2.5 min; bench/RESULTS.md, "Faults on the real pipeline").
    /// </summary>
    private static MemoryBudget BudgetOf(ProductsConfig products, PipelineConfig config, DatePeriod period)
    {
        try
        {
            var budget = new MemoryBudget(MemoryBudget.ParseBytes(products.Budget), products.BatchPixels);
            budget.MaxPixels(period.Days);
            return budget;
        }
        catch (Exception e) when (e is TamRlException or FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidInputException(config.SourcePath, "products.budget", $"\"{products.Budget}\" for {period.Days} days: {e.Message}");
        }
    }

    public string InferChunk(RunSpec run, string chunkId) => InferChunk(run, chunkId, CancellationToken.None);

    public string InferChunk(RunSpec run, string chunkId, CancellationToken cancel)
    {
        var paths = RunPaths.Of(run);
        var config = Config(run);
        var description = RunDescription.Load(paths.Inference);
        var bundlePath = PlannedBundleOf(BundleOf(run, config), description);
        // The manifest alone decides the identity: a refused chunk loads no weights (a worker keeps what it loaded).
        var bundle = BundleManifestFile.Read(bundlePath);
        var identity = InferenceEngines.Identity(bundle.Identity, PrecisionOf(config), EngineOf(config));
        if (identity != description.Predictor)
            throw new InvalidInputException(bundlePath, "predictor",
                $"run {run.Id} was planned with predictor '{description.Predictor}', but this chunk would be computed by '{identity}' " +
                $"({WhyNotPlanned(bundle.Identity, bundlePath, description)}): submit a new run");
        var predictor = BundlePredictors.Load(bundle, config.Model?.Device ?? "auto", PrecisionOf(config), EngineOf(config));
        return InferenceService.RunChunk(paths.Inference, description, int.Parse(chunkId, System.Globalization.CultureInfo.InvariantCulture), predictor, cancel);
    }

    /// <summary>
    /// The bundle a run was planned with: its saved version (OUT/model.versions/IDENTITY, kept by every retrain) when it is
    /// still there, so that a retrain finishing while the run's chunks are computed (another run into the same output folder)
    /// does not mix two models in one product; otherwise the configured bundle, which must then still be that model.
    /// </summary>
    private static string PlannedBundleOf(string configured, RunDescription description) =>
        description.ModelAttributes.TryGetValue(BundleManifestFile.IdentityAttribute, out var identity)
            ? ModelBundle.SavedVersion(Path.GetDirectoryName(configured)!, identity) ?? configured
            : configured;

    /// <summary>Why the bundle at <paramref name="bundlePath"/> is not the one the run was planned with, for the refusal.</summary>
    private static string WhyNotPlanned(string bundleIdentity, string bundlePath, RunDescription description) =>
        description.ModelAttributes.GetValueOrDefault(BundleManifestFile.IdentityAttribute) switch
        {
            null => "run.json names no bundle version, and the configured bundle has changed since planning",
            var planned when planned == bundleIdentity => "the configuration's precision or engine changed since planning",
            var planned => $"bundle version {planned} is not beside the configured bundle {bundlePath} (deleted, or model.bundle now names another folder)",
        };

    /// <summary>
    /// Makes the run's chunk set complete: a rerun recomputed only the chunks its region touches and takes the others
    /// from the products published now for its period (<see cref="RerunChunks"/>), or from the run it was submitted
    /// against when nothing is published for the period.
    /// </summary>
    public string Assemble(RunSpec run, IReadOnlyList<string> chunkIds)
    {
        var paths = RunPaths.Of(run);
        TakeUntouchedChunks(run, paths);
        var missing = InferenceService.MissingChunks(paths.Inference);
        if (missing.Count > 0)
            throw new DataFileException(paths.Inference, null, $"{missing.Count} chunks have no result yet (first: {missing[0]})");
        return paths.Inference;
    }

    private void TakeUntouchedChunks(RunSpec run, RunPaths paths, IDictionary<string, string>? hashes = null)
    {
        if (run.Parent is not { } parent)
            return;
        var source = RerunChunks.PublishedSource(run.OutDir, RunDescription.Load(paths.Inference)) ?? paths.InferenceOf(parent);
        if (Path.GetFullPath(source) == Path.GetFullPath(paths.Inference))
            return; // this rerun published the period itself (a retried stage): its chunks are the published state
        var taken = RerunChunks.TakeUntouched(paths.Inference, source, hashes);
        if (taken > 0)
            _log($"rerun: {taken} untouched chunks taken from {source}");
    }

    /// <summary>
    /// Assembles the products into the run's checked folder (OUT/runs/RUN/checked) and runs every publication check
    /// on them, so that a failing run stops here, with its checks.json beside the chunks, before the publish stage
    /// starts. The checked folder and its record (checked.json) stay for the publish stage, which moves the folder
    /// into place instead of assembling and checking again.
    /// </summary>
    public string Check(RunSpec run)
    {
        var paths = RunPaths.Of(run);
        var report = ProductPublisher.Check(paths.Inference, paths.Checked, PublishOptionsOf(Config(run), paths));
        _log($"check: {report.Checks.Count} checks passed for {report.Period}");
        foreach (var warning in report.WarningLines())
            _log($"check: warning: {warning}");
        return Path.Combine(paths.Inference, ProductLayout.Checks);
    }

    public string Publish(RunSpec run)
    {
        var paths = RunPaths.Of(run);
        var config = Config(run);
        var products = config.Products!;
        var options = PublishOptionsOf(config, paths);
        // Under the output folder's publish turn (the seam's contract): a disjoint rerun may have published since this
        // one assembled, and its patch is part of what this one patches.
        // The chunks it compares or copies are hashed once: the check record's fingerprint takes their hashes.
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        TakeUntouchedChunks(run, paths, hashes);
        var result = ProductPublisher.Publish(paths.Inference, run.OutDir, options with { CheckedFolder = paths.Checked, KnownHashes = hashes });
        if (result.StaleCheck is { } stale)
            _log($"publish: assembled and checked again: the checked products are stale ({stale})");
        // The towers the score marks are those of the domain map: the training dataset the options name.
        var towers = options.TrainingDataset is { } dataset
            ? TamRl.Upscale.Products.Domain.TrainingDomain.TowerPositions(dataset, TamRl.Upscale.Products.Domain.TrainingDomain.TrainingSitesOf(RunDescription.Load(paths.Inference)))
            : null;
        _log($"publish: {result.Period} in {result.PeriodFolder}");
        if (products.Truth is { } truth)
        {
            var report = TruthScorer.Score(paths.Inference, result.PeriodFolder, config.ResolvePath(truth), paths.Reports, towers: towers);
            _log("score: " + report.ToMarkdown().Split('\n').FirstOrDefault(l => l.Contains("gpp", StringComparison.OrdinalIgnoreCase)));
        }
        return result.PeriodFolder;
    }

    /// <summary>What the check and publish stages make of the products: the same options, so that publish can reuse check's folder.</summary>
    private static PublishOptions PublishOptionsOf(PipelineConfig config, RunPaths paths)
    {
        // The domain of applicability comes from the towers the model was trained on: this run's dataset when it trained
        // the model (a reused bundle's towers may come from another dataset).
        var dataset = Path.Combine(paths.Sites, ExtractSitesStage.TrainingFileName);
        return new PublishOptions
        {
            Quicklooks = config.Products!.Quicklooks,
            Checks = CheckOptionsOf(config),
            TrainingDataset = config.Model?.Bundle is null && File.Exists(dataset) ? dataset : null,
        };
    }

    private static CheckOptions CheckOptionsOf(PipelineConfig config)
    {
        var bounds = new Dictionary<string, (double, double)>(CheckOptions.Default.TotalBounds);
        var reasons = new Dictionary<string, string>(CheckOptions.Default.TotalBoundReasons);
        var advisory = new HashSet<string>();
        foreach (var (flux, range) in config.Products?.TotalBounds ?? new Dictionary<string, TotalBound>())
        {
            if (!bounds.ContainsKey(flux) || !(range.Min <= range.Max))
                throw new InvalidInputException(config.SourcePath, $"products.totalBounds.{flux}", $"expected one of {string.Join(", ", bounds.Keys)} with min <= max");
            bounds[flux] = (range.Min, range.Max);
            reasons[flux] = range.Reason ?? "configured without a reason";
            if (!range.Enforce)
                advisory.Add(flux);
        }
        return CheckOptions.Default with { TotalBounds = bounds, TotalBoundReasons = reasons, AdvisoryTotals = advisory };
    }

    /// <summary>
    /// Accepts every region: this seam gets no run, so it cannot find the run's driver cube. The land test
    /// happens one step later, in the chunk plan, which holds only tiles with land: a region over the sea
    /// touches no chunk and RegionPlan refuses it. (A sea region inside a tile that has land passes.)
    /// </summary>
    public bool Touches(Geometry region) => true;

    private static string BundleOf(RunSpec run, PipelineConfig config)
    {
        if (config.Model?.Bundle is { } given)
            return Path.Combine(config.ResolvePath(given), ModelBundle.ManifestFile);
        return Path.Combine(RunPaths.Of(run).Model, ModelBundle.ManifestFile);
    }

    private static DatePeriod PeriodOf(RunSpec run, ProductsConfig products, PipelineConfig config)
    {
        if (run.PeriodFrom is { } from)
        {
            var (first, last) = Core.Time.PeriodParser.ParseMonths($"{from}..{run.PeriodTo ?? from}", "period");
            return new DatePeriod(first, last);
        }
        try
        {
            return DatePeriod.Parse(products.Period, "products.period");
        }
        catch (InvalidValueException e)
        {
            throw new InvalidInputException(config.SourcePath, e.Field, e.Detail, e);
        }
    }

    /// <summary>The products' inference precision (model.precision, validated by PipelineConfig.Load; fp32 without a model section).</summary>
    private static InferencePrecision PrecisionOf(PipelineConfig config) =>
        InferencePrecisions.Parse(config.Model?.Precision) ?? InferencePrecision.Float32;

    /// <summary>The products' inference engine (model.engine, validated by PipelineConfig.Load; TorchSharp without a model section).</summary>
    private static InferenceEngine EngineOf(PipelineConfig config) =>
        InferenceEngines.Parse(config.Model?.Engine) ?? InferenceEngine.Torch;
}
