using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Regions;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Server.Security;

namespace TamRl.Upscale.Server.Api;

/// <summary>The HTTP API: submit a run or a region rerun, read a run's status.</summary>
public static class RunsApi
{
    /// <summary>The pipeline a run request without one gets: the real pipeline's registered name.</summary>
    public const string DefaultPipeline = "tamrl";

    /// <param name="roots">Where requests may name configurations and outputs; any other path is refused (400, naming the field).</param>
    public static void Map(WebApplication app, JobStore store, StageCatalog catalog, DataRoots roots)
    {
        var submitter = new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage));

        app.MapGet("/api/runs", () => Results.Ok(store.Runs.Recent(50).Select(RunView.From)));

        app.MapGet("/api/runs/{id}", (string id) =>
            store.Runs.Find(id) is { } run ? Results.Ok(RunView.From(run)) : Results.NotFound(new ApiError($"run '{id}' not found", "id")));

        app.MapPost("/api/runs", (RunRequest request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Config) || string.IsNullOrWhiteSpace(request.Out))
                return Results.BadRequest(new ApiError("'config' and 'out' are required", request.Config is null ? "config" : "out"));
            // Without a pipeline, the real one (TamRlPipeline.Name; "upscale", the default before, was never registered).
            var pipeline = request.Pipeline ?? DefaultPipeline;
            if (!catalog.Names.Contains(pipeline))
                return Results.BadRequest(new ApiError($"pipeline '{pipeline}' is not registered (known: {string.Join(", ", catalog.Names)})", "pipeline"));
            var (config, configProblem) = roots.Confine(request.Config);
            if (config is null)
                return Results.BadRequest(new ApiError(configProblem!, "config"));
            var (output, outProblem) = roots.Confine(request.Out);
            if (output is null)
                return Results.BadRequest(new ApiError(outProblem!, "out"));
            if (!File.Exists(config))
                return Results.BadRequest(new ApiError($"{request.Config}: configuration not found on the server", "config"));
            var run = submitter.Submit(new RunSpec(RunSubmitter.NewRunId(RunKinds.Run), pipeline, config, output));
            return Results.Accepted($"/api/runs/{run.Spec.Id}", RunView.From(run));
        });

        app.MapPost("/api/reruns", (JsonElement body) =>
        {
            try
            {
                var request = RerunRequestBody.Parse(body);
                string? output = null;
                if (request.Out is { } given)
                {
                    (output, var problem) = roots.Confine(given);
                    if (output is null)
                        return Results.BadRequest(new ApiError(problem!, "out"));
                }
                var run = RerunRequest.Submit(store.Runs, catalog, submitter, request.Region, request.Period, request.Parent, output, request.RegionField);
                return Results.Accepted($"/api/runs/{run.Spec.Id}", RunView.From(run));
            }
            catch (RegionException e)
            {
                return Results.BadRequest(new ApiError(e.Message, e.Field));
            }
            catch (TamRlException e)
            {
                return Results.BadRequest(new ApiError(e.Message, null));
            }
        });
    }
}

public sealed record RunRequest(string? Config, string? Out, string? Pipeline);

public sealed record ApiError(string Error, string? Field);
