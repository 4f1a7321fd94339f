namespace TamRl.Upscale.TestSupport;

/// <summary>Locates files of the repository from a test's output folder, so tests run from any clone.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root (the folder holding TamRl.Upscale.sln).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>A path under <c>data/real/</c>, the real files copied into the project with their attribution.</summary>
    public static string RealData(params string[] parts) => Path.Combine([Root, "data", "real", .. parts]);

    /// <summary>A path under <c>tests/fixtures/</c>.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Root, "tests", "fixtures", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TamRl.Upscale.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No TamRl.Upscale.sln above {AppContext.BaseDirectory}.");
    }
}
