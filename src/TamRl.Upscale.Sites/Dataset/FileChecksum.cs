using System.Security.Cryptography;

namespace TamRl.Upscale.Sites.Dataset;

/// <summary>A file's identity for manifests: lowercase hex SHA-256 and size in bytes.</summary>
public sealed record FileChecksum(string Path, string Sha256, long Bytes)
{
    /// <param name="path">The file to hash.</param>
    /// <param name="recordedPath">The path to record (e.g. relative to the manifest); default the full path.</param>
    public static FileChecksum Of(string path, string? recordedPath = null)
    {
        using var stream = File.OpenRead(path);
        var hash = SHA256.HashData(stream);
        return new FileChecksum(recordedPath ?? System.IO.Path.GetFullPath(path), Convert.ToHexStringLower(hash), stream.Length);
    }
}
