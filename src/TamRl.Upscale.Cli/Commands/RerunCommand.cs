using System.CommandLine;
using Hangfire;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Regions;
using TamRl.Upscale.Jobs.Runs;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl rerun --bbox W,S,E,N | --geojson FILE --period YYYY-MM[..YYYY-MM]</c>: recompute the chunks a
/// region touches and patch the published products. With --postgres the rerun is queued for the workers
/// (its id printed); with --out it runs here on that folder's embedded store, with progress.
/// </summary>
internal static class RerunCommand
{
    public static Command Create()
    {
        var store = new JobStoreOptions();
        var bbox = new Option<string?>("--bbox") { Description = "Region as W,S,E,N in degrees (west < east: no antimeridian crossing)." };
        var geojson = new Option<string?>("--geojson") { Description = "Region as a GeoJSON file (Polygon, MultiPolygon, Feature, FeatureCollection)." };
        var period = new Option<string>("--period") { Description = "YYYY-MM or YYYY-MM..YYYY-MM.", Required = true };
        var parent = new Option<string?>("--run") { Description = "The run whose products to patch (default: the latest published run of --out)." };
        var output = new Option<string?>("--out") { Description = "The output folder whose products are patched." };
        var command = new Command("rerun", "Recompute the chunks a region touches for a period and patch the published products.")
        {
            bbox, geojson, period, parent, output,
        };
        store.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var (b, g) = (parse.GetValue(bbox), parse.GetValue(geojson));
            if ((b is null) == (g is null))
                throw new RegionException("--bbox/--geojson", "give exactly one of --bbox and --geojson");
            var region = b is not null ? RegionParser.FromBbox(b) : RegionParser.FromGeoJsonFile(g!);
            var field = b is not null ? "--bbox" : g!;
            var months = Period.Parse(parse.GetValue(period)!);
            var outDir = parse.GetValue(output);
            var queued = store.ConnectionString(parse) is not null;
            using var jobStore = store.Open(parse, outDir);
            var catalog = Catalog.Create();
            using var worker = queued ? null : new PipelineWorker(jobStore, catalog, WorkerTuning.Fast(Math.Max(1, Environment.ProcessorCount)));
            var submitter = new RunSubmitter(jobStore.Runs, new BackgroundJobClient(jobStore.Storage));
            var run = RerunRequest.Submit(jobStore.Runs, catalog, submitter, region, months, parse.GetValue(parent), outDir, field);
            Console.Out.WriteLine($"rerun {run.Spec.Id}: {run.ChunksTotal} chunks, patches {run.Spec.Parent}, {run.State}");
            if (queued)
                return 0;
            var final = RunProgress.Wait(jobStore.Runs, run.Spec.Id, TimeSpan.FromMilliseconds(250), s => Console.Out.WriteLine("  " + s.Summary));
            return final.State == RunStates.Done ? 0 : CommandErrors.Refused;
        }));
        return command;
    }
}
