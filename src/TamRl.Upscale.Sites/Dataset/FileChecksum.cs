using TamRl.Upscale.Core.Files;

namespace TamRl.Upscale.Sites.Dataset;

/// <summary>A file's identity for manifests: lowercase hex SHA-256 and size in bytes.</summary>
public sealed record FileChecksum(string Path, string Sha256, long Bytes)
{
    /// <param name="path">The file to hash.</param>
    /// <param name="recordedPath">The path to record (e.g. relative to the manifest); default the full path.</param>
    public static FileChecksum Of(string path, string? recordedPath = null)
    {
        return new FileChecksum(recordedPath ?? System.IO.Path.GetFullPath(path), FileHash.Sha256(path), new FileInfo(path).Length);
    }
}
