using System.Security.Cryptography;
using System.Text;
using TamRl.Upscale.Core.Files;

namespace TamRl.Upscale.Ingest;

/// <summary>
/// SHA-256 of input files and Zarr stores (a store's hash covers its files' relative paths and contents,
/// in ordinal order), computed once per path per run.
/// </summary>
public sealed class FileChecksums
{
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    public string Of(string path)
    {
        var full = Path.GetFullPath(path);
        if (_cache.TryGetValue(full, out var known))
            return known;
        string hash;
        if (Directory.Exists(full))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var file in Directory.GetFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(full, file) + "\n"));
                sha.AppendData(Convert.FromHexString(FileHash.Sha256(file)));
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        else
            hash = FileHash.Sha256(full);
        _cache[full] = hash;
        return hash;
    }

    /// <summary>SHA-256 of a text (settings fingerprints).</summary>
    public static string OfText(string text) => FileHash.Sha256(Encoding.UTF8.GetBytes(text));
}
