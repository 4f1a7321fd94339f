using TamRl.Upscale.Core.Grid;
using System.CommandLine;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Products;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl infer --drivers DIR --model BUNDLE --out OUT --period P [--run ID] [--budget 2GiB] [--batch N]
/// [--device auto|cpu|cuda] [--chunk ID]... [--bbox W,S,E,N]</c>: plans the run's chunks (once; a rerun
/// reuses OUT/runs/ID/run.json) and runs them, each written whole to OUT/runs/ID/chunks/chunk_NNNNN.nc.
/// </summary>
internal static class InferCommand
{
    /// <summary>Replaces the model loader (tests run inference with a test predictor); null: the model bundle's ensemble.</summary>
    internal static Func<string, InferenceDevice, IFluxPredictor>? PredictorLoader { get; set; }

    private static IFluxPredictor LoadBundle(Model.Bundle.BundleManifestFile bundle, InferenceDevice device, Model.Bundle.InferencePrecision precision, Model.Bundle.InferenceEngine engine) =>
        TamRl.Upscale.Pipeline.BundlePredictors.Load(bundle, device.ToString().ToLowerInvariant(), precision, engine);

    /// <summary>The run's chunks touching a box, planned from the run's own land fraction (read a row of tiles at a time).</summary>
    private static int[] ChunksTouching(string runDir, RunDescription run, BoundingBox box)
    {
        using var land = LandFraction.OpenRun(runDir, run.Grid.ToGrid());
        return InferenceService.PlanOf(run, land).ChunksTouching(box).Select(c => c.Id).ToArray();
    }

    public static Command Create()
    {
        var drivers = new Option<string>("--drivers") { Description = "The driver cube folder (OUT/drivers).", Required = true };
        var model = new Option<string>("--model") { Description = "The model bundle folder (OUT/model) or its bundle.json.", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder; the run goes to OUT/runs/RUN/.", Required = true };
        var period = new Option<string>("--period") { Description = "YYYY, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD.", Required = true };
        var run = new Option<string>("--run") { Description = "Run id (default: the period).", };
        var budget = new Option<string>("--budget") { Description = "Memory for one chunk in flight, e.g. 2GiB (default).", DefaultValueFactory = _ => "2GiB" };
        var batch = new Option<int>("--batch") { Description = "Pixels per predictor call (default 1024).", DefaultValueFactory = _ => 1024 };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda (passed to the model).", DefaultValueFactory = _ => "auto" };
        var precision = new Option<string>("--precision") { Description = "fp32 (default) or bf16: the number format inference runs in.", DefaultValueFactory = _ => "fp32" };
        var engine = new Option<string>("--engine") { Description = "torch (default) or onnx (ONNX Runtime on the CPU, fp32): what runs the network.", DefaultValueFactory = _ => "torch" };
        var chunks = new Option<int[]>("--chunk") { Description = "Run only these chunk ids (repeatable).", AllowMultipleArgumentsPerToken = true };
        var bbox = new Option<string?>("--bbox") { Description = "Run only the chunks touching west,south,east,north." };
        var command = new Command("infer", "Chunked global inference: plan the chunks of a run and predict them.")
        {
            drivers, model, output, period, run, budget, batch, device, precision, engine, chunks, bbox,
        };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var p = DatePeriod.Parse(parse.GetValue(period)!, "--period");
            var runId = parse.GetValue(run) ?? p.Key;
            var runDir = InferenceService.RunDirOf(parse.GetValue(output)!, runId);
            var dev = CommandInput.Parse("--device", parse.GetValue(device), InferenceDevices.Parse);
            var runtime = CommandInput.Parse("--engine", parse.GetValue(engine), name =>
                Model.Bundle.InferenceEngines.Parse(name) ?? throw new FormatException($"expected torch or onnx, got '{name}'"));
            var format = CommandInput.Parse("--precision", parse.GetValue(precision), name =>
                Model.Bundle.InferencePrecisions.Parse(name) ?? throw new FormatException($"expected fp32 or bf16, got '{name}'"));
            if (Core.Config.ModelStageConfig.EngineConflict(parse.GetValue(engine)!, parse.GetValue(precision)!, dev.ToString().ToLowerInvariant()) is { } conflict)
                throw new TamRlException($"--engine: {conflict}; leave --precision at fp32 and --device at cpu or auto");
            using var cube = NetCdfDriverCube.Open(parse.GetValue(drivers)!);
            // bundle.json read once: the predictor's identity and weights and the provenance run.json records come from it.
            var bundle = Model.Bundle.BundleManifestFile.Read(parse.GetValue(model)!);
            var predictor = PredictorLoader is { } loader ? loader(parse.GetValue(model)!, dev) : LoadBundle(bundle, dev, format, runtime);
            ChunkRunner.CheckFeatures(cube, predictor);
            var description = File.Exists(Path.Combine(runDir, RunDescription.FileName))
                ? RunDescription.Load(runDir)
                : InferenceService.PlanRun(runDir, runId, cube, p, CommandInput.Parse("--budget", parse.GetValue(budget), b => new MemoryBudget(MemoryBudget.ParseBytes(b), parse.GetValue(batch))), predictor.Identity,
                    bundle.Provenance());
            if (description.Period != p)
                throw new InvalidInputException(Path.Combine(runDir, RunDescription.FileName), "period", $"run {runId} was planned for {description.Period}, not {p}; use another --run");
            // Before any chunk runs: chunks of another model or precision would only be refused at assembly.
            if (description.Predictor != predictor.Identity)
                throw new InvalidInputException(Path.Combine(runDir, RunDescription.FileName), "predictor",
                    $"run {runId} was planned for predictor '{description.Predictor}', not '{predictor.Identity}' (another bundle, --precision or --engine); use another --run");
            var selected = parse.GetValue(chunks) is { Length: > 0 } ids ? ids
                : parse.GetValue(bbox) is { } box ? ChunksTouching(runDir, description, BoundingBox.Parse(box, "--bbox"))
                : description.ChunkIds.ToArray();
            for (var i = 0; i < selected.Length; i++)
            {
                var path = InferenceService.RunChunk(runDir, description, selected[i], cube, predictor);
                Console.Out.WriteLine($"[{i + 1}/{selected.Length}] chunk {selected[i]} -> {path}");
            }
            var missing = InferenceService.MissingChunks(runDir);
            Console.Out.WriteLine($"run {runId}: {description.ChunkIds.Count - missing.Count} of {description.ChunkIds.Count} chunks done ({dev}); {runDir}");
            return 0;
        }));
        return command;
    }
}
