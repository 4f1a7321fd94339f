using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace TamRl.Upscale.Server.Security;

/// <summary>
/// The shared secret a non-loopback server requires on every request: `Authorization: Bearer TOKEN`
/// (API clients) or HTTP Basic with the token as password (a browser opening the dashboard).
/// Compared in constant time.
/// </summary>
public sealed class TokenCheck(string token)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public const string Realm = "tamrl";

    public bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        string? presented = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = header["Bearer ".Length..].Trim();
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                presented = decoded[(decoded.IndexOf(':') + 1)..];
            }
            catch (FormatException) { }
        }
        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);
    }

    /// <summary>Reads the token from TAMRL_API_TOKEN or a file (first line); null when neither is set.</summary>
    public static string? Load(string? tokenFile)
    {
        if (tokenFile is not null)
        {
            if (!File.Exists(tokenFile))
                throw new Core.Errors.TamRlException($"{tokenFile}: token file not found");
            return File.ReadLines(tokenFile).FirstOrDefault()?.Trim() is { Length: > 0 } t
                ? t
                : throw new Core.Errors.TamRlException($"{tokenFile}: the token file is empty");
        }
        return Environment.GetEnvironmentVariable("TAMRL_API_TOKEN") is { Length: > 0 } env ? env.Trim() : null;
    }
}
