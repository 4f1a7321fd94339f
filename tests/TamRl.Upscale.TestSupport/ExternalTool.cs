using System.Diagnostics;
using System.Text.Json;

namespace TamRl.Upscale.TestSupport;

/// <summary>
/// Runs an independent tool (ncdump, gdalinfo, gdal_translate, gdalmdimtranslate) so that tests check
/// files with software not written here.
/// </summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A file this test process has open may be locked through a descriptor another tool inherited
        // (see NativeLibraries.DisableHdf5FileLocking); the tools only read finished files.
        psi.Environment["HDF5_USE_FILE_LOCKING"] = "FALSE";
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the tool and fails the test with its stderr when it exits non-zero.</summary>
    public static string RunOk(string tool, params string[] args)
    {
        var r = Run(tool, args);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {r.ExitCode}: {r.StdErr}");
        return r.StdOut;
    }

    /// <summary><c>gdalinfo -json</c> of a file, parsed.</summary>
    public static JsonElement GdalInfoJson(string path, params string[] extra) =>
        JsonDocument.Parse(RunOk("gdalinfo", ["-json", .. extra, path])).RootElement.Clone();
}
