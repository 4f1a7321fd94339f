using TamRl.Upscale.IO.Files;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Files;

public class FolderSwapTests
{
    private static string Folder(string path, string content)
    {
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "data.txt"), content);
        return path;
    }

    private static string Content(string folder) => File.ReadAllText(Path.Combine(folder, "data.txt"));

    [Fact]
    public void Replace_PutsTheNewFolderInPlace_AndLeavesNothingBeside()
    {
        using var dir = new TempDirectory();
        var target = Folder(dir.File("sites"), "old");
        var staging = Folder(FolderSwap.StagingBeside(target), "new");

        FolderSwap.Replace(staging, target);

        Assert.Equal("new", Content(target));
        Assert.Equal(["sites"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Replace_WithoutTheExchange_RenamesTheOldAsideAndDeletesIt()
    {
        using var dir = new TempDirectory();
        var target = Folder(dir.File("sites"), "old");
        var staging = Folder(FolderSwap.StagingBeside(target), "new");

        FolderSwap.Replace(staging, target, exchange: false);

        Assert.Equal("new", Content(target));
        Assert.Equal(["sites"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Replace_CreatesTheTarget_WhenThereWasNone()
    {
        using var dir = new TempDirectory();
        var target = dir.File("world");
        var staging = Folder(FolderSwap.StagingBeside(target), "new");

        FolderSwap.Replace(staging, target);

        Assert.Equal("new", Content(target));
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void StagingBeside_IsHiddenInTheTargetsFolder()
    {
        var staging = FolderSwap.StagingBeside("/data/out/reports/");
        Assert.Equal("/data/out", Path.GetDirectoryName(staging));
        Assert.StartsWith(".reports.staging-", Path.GetFileName(staging));
    }

    [Fact]
    public void Replace_LeavesTheOldFolderIntact_WhenTheNewOneNeverArrived()
    {
        using var dir = new TempDirectory();
        var target = Folder(dir.File("reports"), "old");

        var e = Assert.Throws<IOException>(() => FolderSwap.Replace(FolderSwap.StagingBeside(target), target));

        Assert.Contains("is missing", e.Message);
        Assert.Contains(target, e.Message);
        Assert.Equal("old", Content(target));
        Assert.Equal(["reports"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Replace_PutsTheOldFolderBack_WhenASwapCrashedBetweenItsRenames()
    {
        // A killed two-rename swap: the old folder renamed to the backup, the new one never moved in.
        using var dir = new TempDirectory();
        var target = dir.File("sites");
        Folder(FolderSwap.BackupOf(target), "old");
        Folder(FolderSwap.StagingBeside(target), "half"); // the killed writer's staging folder

        Assert.True(FolderSwap.Recover(target));

        Assert.Equal("old", Content(target));
        Assert.False(Directory.Exists(FolderSwap.BackupOf(target)));
        // The next swap then works as usual; the killed writer's hidden staging folder is never read.
        var staging = Folder(FolderSwap.StagingBeside(target), "new");
        FolderSwap.Replace(staging, target);
        Assert.Equal("new", Content(target));
    }

    [Fact]
    public void Replace_RecoversFirst_WhenTheNewFolderOfACrashedSwapNeverArrived()
    {
        using var dir = new TempDirectory();
        var target = dir.File("world");
        Folder(FolderSwap.BackupOf(target), "old");

        Assert.Throws<IOException>(() => FolderSwap.Replace(FolderSwap.StagingBeside(target), target));

        Assert.Equal("old", Content(target)); // back in place, though this swap failed too
    }

    [Fact]
    public void Recover_DeletesTheBackup_WhenTheSwapHadCompleted()
    {
        using var dir = new TempDirectory();
        var target = Folder(dir.File("reports"), "new");
        Folder(FolderSwap.BackupOf(target), "old");

        Assert.True(FolderSwap.Recover(target));

        Assert.Equal("new", Content(target));
        Assert.Equal(["reports"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
        Assert.False(FolderSwap.Recover(target));
    }

    [Fact]
    public void Recover_RefusesNamingBoth_WhenAFileStandsWhereTheFolderBelongs()
    {
        using var dir = new TempDirectory();
        var target = dir.File("sites");
        File.WriteAllText(target, "not a folder");
        Folder(FolderSwap.BackupOf(target), "old");

        var e = Assert.Throws<IOException>(() => FolderSwap.Recover(target));

        Assert.Contains(target, e.Message);
        Assert.Contains(FolderSwap.BackupOf(target), e.Message);
        Assert.Equal("old", Content(FolderSwap.BackupOf(target)));
    }

    [Fact]
    public void Replace_Refuses_WhenTheTargetIsAFile()
    {
        using var dir = new TempDirectory();
        var target = dir.File("sites");
        File.WriteAllText(target, "not a folder");
        var staging = Folder(FolderSwap.StagingBeside(target), "new");

        var e = Assert.Throws<IOException>(() => FolderSwap.Replace(staging, target));

        Assert.Contains("is a file", e.Message);
        Assert.Equal("not a folder", File.ReadAllText(target));
        Assert.Equal("new", Content(staging));
    }

    [Fact]
    public void Write_FillsAndSwapsIn_OrLeavesTheOldFolderAndNoStaging_WhenTheWriterFails()
    {
        using var dir = new TempDirectory();
        var target = Folder(dir.File("reports"), "old");

        Assert.Throws<InvalidOperationException>(() => FolderSwap.Write(target, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "data.txt"), "half");
            throw new InvalidOperationException("figure failed");
        }));
        Assert.Equal("old", Content(target));
        Assert.Equal(["reports"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));

        FolderSwap.Write(target, staging => File.WriteAllText(Path.Combine(staging, "data.txt"), "new"));
        Assert.Equal("new", Content(target));
        Assert.Equal(["reports"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }
}
