using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Server;

/// <summary>How `tamrl server` is set up.</summary>
public sealed record ServerSettings
{
    /// <summary>Where Kestrel listens; loopback by default. Any other binding requires <see cref="Token"/>.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    public required Func<JobStore> OpenStore { get; init; }

    /// <summary>The stage sets the server's workers serve and its API accepts (`tamrl server`: the real pipeline).</summary>
    public required StageCatalog Catalog { get; init; }

    /// <summary>The shared secret of a non-loopback server (TAMRL_API_TOKEN or --token-file).</summary>
    public string? Token { get; init; }

    /// <summary>Worker threads of the Hangfire server inside this process; 0 for dashboard and API only.</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public WorkerTuning WorkerTuning { get; init; } = new();

    /// <summary>
    /// The folders API requests may name configurations and outputs in (<see cref="Security.DataRoots"/>); default the
    /// server's working folder.
    /// </summary>
    public IReadOnlyList<string> DataRoots { get; init; } = [Directory.GetCurrentDirectory()];

    /// <summary>The largest request body the API accepts, bytes (a region's GeoJSON included).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>Folder of *.schedule.json recurring regenerations to register (jobs/).</summary>
    public string? SchedulesFolder { get; init; }
}
