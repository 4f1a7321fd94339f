using System.CommandLine;
using System.Runtime.InteropServices;
using TamRl.Upscale.Jobs.Hosting;

namespace TamRl.Upscale.Cli.Commands;

/// <summary><c>tamrl worker --postgres CS</c>: a Hangfire server process that joins the shared PostgreSQL queue and runs jobs until stopped.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var store = new JobStoreOptions();
        var workers = new Option<int>("--workers") { Description = "Worker threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var name = new Option<string?>("--name") { Description = "Server name shown in the dashboard and the run table." };
        var command = new Command("worker", "Join the PostgreSQL job store and run pipeline jobs until stopped (SIGTERM or Ctrl+C).") { workers, name };
        store.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            if (store.ConnectionString(parse) is null)
                throw new Core.Errors.TamRlException("--postgres: a worker joins a shared PostgreSQL store (or set TAMRL_POSTGRES)");
            using var jobStore = store.Open(parse, null);
            using var stop = new ManualResetEventSlim();
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
            using (var worker = new PipelineWorker(jobStore, Catalog.Create(), store.Tuning(parse, parse.GetValue(workers), parse.GetValue(name))))
            {
                Console.Out.WriteLine($"worker {worker.Name}: {parse.GetValue(workers)} threads on {jobStore.Description}");
                Console.Out.Flush();
                stop.Wait();
            }
            Console.Out.WriteLine("worker stopped");
            return 0;
        }));
        return command;
    }
}
