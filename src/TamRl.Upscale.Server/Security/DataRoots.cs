using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Server.Security;

/// <summary>
/// The folders a request may name (<c>config</c> and <c>out</c> of <c>POST /api/runs</c>, <c>out</c> of a rerun): a
/// caller of the API must not make the server read a configuration, or write products, anywhere else on the machine.
/// A path is refused when it holds a <c>..</c> segment, or when, with every symbolic link along it resolved, it lies
/// outside every root; a relative path is taken from the first root. Paths that do not exist yet (an output folder)
/// are judged by their deepest existing ancestor, resolved.
/// </summary>
public sealed class DataRoots
{
    public DataRoots(IEnumerable<string> roots)
    {
        var resolved = new List<string>();
        foreach (var root in roots)
        {
            var full = Path.GetFullPath(root);
            if (!Directory.Exists(full))
                throw new TamRlException($"{root}: data root not found (the server confines configurations and outputs of API requests to its data roots)");
            resolved.Add(RealPath(full).TrimEnd('/'));
        }
        if (resolved.Count == 0)
            throw new TamRlException("no data root: name at least one folder the API may read configurations from and write outputs to");
        Roots = resolved;
    }

    /// <summary>The roots, with symbolic links resolved.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The full path a request's path names, or the reason it is refused (a sentence naming the path).</summary>
    public (string? Path, string? Problem) Confine(string path)
    {
        if (path.Contains('\0'))
            return (null, "the path holds a NUL character");
        if (path.Split('/', '\\').Any(segment => segment == ".."))
            return (null, $"'{path}': '..' is not allowed in a path given to the server");
        var full = Path.GetFullPath(path, Roots[0]);
        var real = RealPath(full);
        return Roots.Any(root => real == root || real.StartsWith(root + "/", StringComparison.Ordinal))
            ? (full, null)
            : (null, $"'{path}' is outside the server's data roots ({string.Join(", ", Roots)})" + (real != full ? $": it resolves to {real}" : ""));
    }

    /// <summary>
    /// The path with every symbolic link among its existing components resolved (realpath(3) for the part that
    /// exists); components that do not exist yet are appended as given.
    /// </summary>
    internal static string RealPath(string fullPath)
    {
        var parts = fullPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists)
                return Path.Combine([next, .. parts[(i + 1)..]]);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                // A dangling link points nowhere a root could vouch for: keep its text target for the comparison.
                next = target is null ? Path.GetFullPath(info.LinkTarget, current) : RealPath(Path.GetFullPath(target.FullName));
            }
            current = next;
        }
        return current;
    }
}
