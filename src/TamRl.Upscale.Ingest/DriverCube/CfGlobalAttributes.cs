using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>The CF global attributes every driver cube file carries.</summary>
internal static class CfGlobalAttributes
{
    public static void Write(NetCdfFile nc, string title, string? source)
    {
        nc.SetAttribute(null, "Conventions", "CF-1.10");
        nc.SetAttribute(null, "title", title);
        nc.SetAttribute(null, "institution", "TamRl.Upscale");
        nc.SetAttribute(null, "source", source ?? "tamrl ingest");
        nc.SetAttribute(null, "history", $"{Core.Time.ReproducibleClock.Now().UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} tamrl ingest");
        nc.SetAttribute(null, "references", "docs/data-contracts.md section 2");
    }
}
