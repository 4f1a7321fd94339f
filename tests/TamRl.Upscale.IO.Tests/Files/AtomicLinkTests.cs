using TamRl.Upscale.IO.Files;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Files;

public class AtomicLinkTests
{
    private static string Folder(string root, string name, string content)
    {
        var path = Path.Combine(root, name);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "bundle.json"), content);
        return path;
    }

    [Fact]
    public void Replace_NeverLetsAReaderSeeTheLinkMissing_WhileItIsSwappedBackAndForth()
    {
        using var dir = new TempDirectory();
        Folder(dir.Path, "a", "a");
        Folder(dir.Path, "b", "b");
        var link = Path.Combine(dir.Path, "current");
        AtomicLink.Replace(link, "a");
        var failures = 0;
        var seen = new HashSet<string>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { lock (seen) seen.Add(File.ReadAllText(Path.Combine(link, "bundle.json"))); }
                catch (IOException) { Interlocked.Increment(ref failures); }
            }
        });
        for (var i = 0; i < 2000; i++)
            AtomicLink.Replace(link, i % 2 == 0 ? "b" : "a");
        stop.Cancel();
        reader.Wait();

        Assert.Equal(0, failures);
        Assert.Equal("a", File.ReadAllText(Path.Combine(link, "bundle.json")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path, AtomicLink.TempLinkPattern(link)));
    }

    [Fact]
    public void ReplaceFolder_PutsTheLinkWhereARealFolderStood_AndKeepsTheFolderWhole()
    {
        using var dir = new TempDirectory();
        Folder(dir.Path, "new", "new");
        var folder = Folder(dir.Path, "current", "old");
        var keep = Path.Combine(dir.Path, "kept");

        AtomicLink.ReplaceFolder(folder, "new", keep);

        Assert.Equal("new", AtomicLink.TargetOf(folder));
        Assert.Equal("new", File.ReadAllText(Path.Combine(folder, "bundle.json")));
        Assert.Equal("old", File.ReadAllText(Path.Combine(keep, "bundle.json")));
        Assert.Null(AtomicLink.TargetOf(keep));
    }
}
