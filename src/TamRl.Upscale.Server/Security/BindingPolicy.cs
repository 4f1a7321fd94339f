using System.Net;

namespace TamRl.Upscale.Server.Security;

/// <summary>Whether the server's bindings reach beyond this machine, in which case every request must authenticate.</summary>
public static class BindingPolicy
{
    public static bool IsLoopbackOnly(IEnumerable<string> urls) => urls.All(IsLoopback);

    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard.invalid").Replace("://+", "://wildcard.invalid"), UriKind.Absolute, out var uri))
            return false;
        if (uri.Host == "localhost")
            return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
