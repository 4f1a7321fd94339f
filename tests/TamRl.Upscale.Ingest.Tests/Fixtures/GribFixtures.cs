using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.Fixtures;

/// <summary>
/// ERA5 GRIB1 as the CDS sends it, made by cdo (ecCodes underneath, an independent writer) from a new-CDS
/// fixture: one message per parameter and hour, ECMWF table-128 codes, 24-bit packing.
/// </summary>
internal static class GribFixtures
{
    /// <summary>ECMWF table-128 codes of the ERA5 short names.</summary>
    public static readonly IReadOnlyDictionary<string, int> Codes = new Dictionary<string, int>
    {
        ["t2m"] = 167, ["d2m"] = 168, ["ssrd"] = 169, ["tp"] = 228, ["swvl1"] = 39,
    };

    /// <summary>Messages ordered by time, then parameter (as the CDS sends them, and as cdo needs them to read the file back).</summary>
    public static void WriteGrib(string path, StoredGrid grid, IReadOnlyList<DateTime> times, params FixtureVariable[] variables)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var parts = new List<string>();
        foreach (var v in variables)
        {
            var nc = Path.Combine(folder, $".{Path.GetFileName(path)}.{v.Name}.nc");
            var grb = Path.ChangeExtension(nc, ".grb");
            Era5Fixtures.WriteNewCds(nc, grid, times, v);
            ExternalTool.RunOk("cdo", "-s", "-f", "grb", "-b", "P24", $"-setparam,{Codes[v.Name]}.128", $"-selname,{v.Name}", nc, grb);
            File.Delete(nc);
            parts.Add(grb);
        }
        if (parts.Count == 1)
            File.Move(parts[0], path, overwrite: true);
        else
            ExternalTool.RunOk("cdo", ["-s", "merge", .. parts, path]);
        foreach (var part in parts)
            File.Delete(part);
    }
}
