using System.Diagnostics;
using System.Text;

namespace TamRl.Upscale.Server.Tests.Support;

/// <summary>A real `tamrl worker` process, as an operator would start one on another machine (the tests' build of the
/// program, `tamrl-synthetic`, which also serves the synthetic pipeline).</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkerProcess(string name, params string[] args)
    {
        Name = name;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "tamrl-synthetic.dll"), "worker", "--name", name, .. args])
            psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Received(e.Data, started: e.Data?.StartsWith($"worker {name}") == true);
        _process.ErrorDataReceived += (_, e) => Received(e.Data, started: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    private void Received(string? line, bool started)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (started) _started.TrySetResult();
    }

    public async Task WaitStarted(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_started.Task, Task.Delay(timeout));
        if (done != _started.Task)
            throw new TimeoutException($"worker {Name} did not start: {Output}");
    }

    /// <summary>SIGKILL: no shutdown, no acknowledgement of the job in hand, as when a machine dies.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
