using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Runtime;

/// <summary>
/// The one place that prepares libtorch for this process: the OpenMP wait policy (which must reach the
/// native environment before the first torch call, so it goes through libc's setenv: .NET's
/// Environment.SetEnvironmentVariable does not), the thread count, and device resolution.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _initialised;

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv(string name, string value, int overwrite);

    /// <summary>Runs when this assembly loads, before any of its types can reach libtorch.</summary>
#pragma warning disable CA2255 // deliberate: the native environment must be set before libtorch loads
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void OnLoad() => Initialise();
#pragma warning restore CA2255

    /// <summary>
    /// Idempotent. OMP_WAIT_POLICY=PASSIVE keeps idle OpenMP workers from spinning on a machine shared by
    /// several processes; an explicit value in the environment wins.
    /// </summary>
    public static void Initialise()
    {
        lock (Gate)
        {
            if (_initialised)
                return;
            if (OperatingSystem.IsLinux())
            {
                SetEnv("OMP_WAIT_POLICY", "PASSIVE", overwrite: 0);
                // MKL (inside libtorch) picks code paths by buffer alignment unless told to be strict:
                // without this the same seed gave weights differing in the last bit run to run.
                SetEnv("MKL_CBWR", "AUTO,STRICT", overwrite: 0);
            }
            _initialised = true;
        }
    }

    /// <summary>Sets the intra-op thread count (fixed thread counts keep CPU results reproducible).</summary>
    public static void SetThreads(int threads)
    {
        Initialise();
        if (threads > 0)
            torch.set_num_threads(threads);
    }

    /// <summary>Resolves "auto", "cpu" or "cuda"; auto takes CUDA when libtorch reports it available.</summary>
    public static Device ResolveDevice(string choice)
    {
        Initialise();
        return choice.Trim().ToLowerInvariant() switch
        {
            "cpu" => CPU,
            "cuda" => torch.cuda.is_available()
                ? CUDA
                : throw new InvalidOperationException("--device cuda: libtorch reports no CUDA device (is a CUDA libtorch package referenced? see docs/model.md)"),
            "auto" => torch.cuda.is_available() ? CUDA : CPU,
            _ => throw new ArgumentException($"device must be auto, cpu or cuda, got '{choice}'"),
        };
    }

    /// <summary>
    /// Holds libtorch's process-wide default generators (which weight initialisation draws from) for one user at a
    /// time. A worker process runs several jobs at once (Hangfire's WorkerCount), and a draw by one between another's
    /// seeding and its own draws changed that other's weights: a trainer holds this while it seeds and builds its
    /// model (its dropout then draws from a generator of its own, <see cref="TamRl.SeededDropout"/>), and anything else
    /// that builds modules (bundle loading initialises weights before it overwrites them) holds it while it does.
    /// The intra-op thread count is process-wide too and is not held: trainers running at once in one process must
    /// share one <c>threads</c> setting to keep their results bit-exact (an ensemble's members always do). Reentrant on one thread.
    /// </summary>
    public static IDisposable HoldGlobalRandomState()
    {
        Monitor.Enter(RandomState);
        return new RandomStateHold();
    }

    private static readonly object RandomState = new();

    private sealed class RandomStateHold : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                Monitor.Exit(RandomState);
        }
    }

    /// <summary>Seeds libtorch's generators (CPU and, when present, CUDA).</summary>
    public static void Seed(long seed)
    {
        Initialise();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
            torch.cuda.manual_seed_all(seed);
    }
}
