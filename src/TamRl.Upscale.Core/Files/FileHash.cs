using System.Security.Cryptography;

namespace TamRl.Upscale.Core.Files;

/// <summary>The one SHA-256 of a file's bytes used by every manifest, checksum list and identity in the project.</summary>
public static class FileHash
{
    /// <summary>Lower-case hex SHA-256 of the file's contents.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The same, of a file's contents already read (a reader that parses the bytes it hashes reads them once).</summary>
    public static string Sha256(ReadOnlySpan<byte> contents) => Convert.ToHexStringLower(SHA256.HashData(contents));
}
