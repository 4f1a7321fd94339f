using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.IO.Geography;

/// <summary>
/// Where the project's real reference files live (data/real of the repository: koppen/, sites/, fluxnet/): the
/// sample world's geography and the Koppen class of real towers come from there.
/// </summary>
public static class RealDataFolder
{
    /// <summary>The given folder, or data/real found above the working folder or the program's folder.</summary>
    public static string Locate(string? given)
    {
        if (given is not null)
            return Directory.Exists(Path.Combine(given, "koppen")) ? given
                : throw new TamRlException($"{given}: not a real-data folder (no koppen/ inside)");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "real");
                if (Directory.Exists(Path.Combine(candidate, "koppen")))
                    return candidate;
            }
        throw new TamRlException("data/real: not found above the working folder or the program; the sample world and tower tables without Koppen classes need its files (koppen/, sites/)");
    }
}
