using System.Diagnostics;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Jobs.Tests.Orchestration;

public class PublishTurnTests
{
    [Fact]
    public void Take_WaitsForTheHolder_AndTimesOutNamingTheFolder()
    {
        using var dir = new TempDirectory();
        using (PublishTurn.Take(dir.Path, TimeSpan.FromSeconds(1)))
        {
            var e = Assert.Throws<TimeoutException>(() => PublishTurn.Take(dir.Path, TimeSpan.FromMilliseconds(500)));
            Assert.Contains(dir.Path, e.Message);
        }
        using (PublishTurn.Take(dir.Path, TimeSpan.FromMilliseconds(500))) { } // given back on dispose
    }

    [Fact]
    public void Take_SucceedsAtOnce_WhenTheProcessHoldingTheTurnIsKilled()
    {
        // Another process takes the same kind of lock (flock(2), as .NET's FileShare.None does on Linux) and is SIGKILLed:
        // Hangfire's distributed lock stayed taken for its 5-minute timeout in this case (bench/run.sh faults, round 5).
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, PublishTurn.LockFile);
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", path, "sleep", "60"]) { UseShellExecute = false })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true) // until the child holds it
        {
            try { using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)) { } Thread.Sleep(50); }
            catch (IOException) { break; }
            Assert.True(DateTime.UtcNow < deadline, "the child process never took the lock");
        }
        Assert.Throws<TimeoutException>(() => PublishTurn.Take(dir.Path, TimeSpan.FromMilliseconds(300)));

        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();
        // Free with the holder's death: a short wait suffices (a lock that outlived its holder would time out here).
        using (PublishTurn.Take(dir.Path, TimeSpan.FromSeconds(5))) { }
    }
}
