using System.Globalization;
using System.Text.RegularExpressions;

namespace TamRl.Upscale.TestSupport;

/// <summary>Reads headers and values with netCDF's own <c>ncdump</c>, independent of the code under test.</summary>
public static partial class Ncdump
{
    /// <summary><c>ncdump -h</c> (with <c>-s</c>, the special virtual attributes such as _DeflateLevel).</summary>
    public static string Header(string path, bool special = false) =>
        special ? ExternalTool.RunOk("ncdump", "-hs", path) : ExternalTool.RunOk("ncdump", "-h", path);

    /// <summary>The file's kind as <c>ncdump -k</c> names it ("classic", "netCDF-4"...).</summary>
    public static string Kind(string path) => ExternalTool.RunOk("ncdump", "-k", path).Trim();

    /// <summary>A variable's values in full precision; "_" (fill) and NaN come back as NaN.</summary>
    public static double[] Values(string path, string variable)
    {
        var text = ExternalTool.RunOk("ncdump", "-v", variable, "-p", "9,17", path);
        var data = text[(text.IndexOf("data:", StringComparison.Ordinal) + 5)..];
        var start = Regex.Match(data, $@"(?m)^\s*{Regex.Escape(variable)}\s*=").Index;
        var body = data[start..];
        body = body[(body.IndexOf('=') + 1)..body.IndexOf(';')];
        return body.Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v is "_" or "NaN" or "NaNf" ? double.NaN : double.Parse(v.TrimEnd('f'), CultureInfo.InvariantCulture))
            .ToArray();
    }
}
