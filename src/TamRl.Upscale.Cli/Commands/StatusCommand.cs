using System.CommandLine;
using System.Text.Json;
using TamRl.Upscale.Jobs.Runs;

namespace TamRl.Upscale.Cli.Commands;

/// <summary><c>tamrl status RUN</c>: a run's state, stage, chunks done/total and failures, from the run table.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var store = new JobStoreOptions();
        var run = new Argument<string>("RUN") { Description = "The run id (printed by run, rerun and the API)." };
        var output = new Option<string?>("--out") { Description = "The output folder of an embedded run (its run table is OUT/.tamrl/runs.db)." };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var command = new Command("status", "Show a run's stage, chunk progress and failures.") { run, output, json };
        store.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            using var jobStore = store.Open(parse, parse.GetValue(output));
            var id = parse.GetValue(run)!;
            var status = jobStore.Runs.Find(id) ?? throw new Core.Errors.TamRlException($"run '{id}': not found in {jobStore.Description}");
            var view = RunView.From(status);
            Console.Out.Write(parse.GetValue(json) ? JsonSerializer.Serialize(view, InspectCommand.Json) + "\n" : view.ToText());
            return status.State == RunStates.Failed ? CommandErrors.Refused : 0;
        }));
        return command;
    }
}
