using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Server.Tests.Support;

/// <summary>Debian's chromium (installed by scripts/setup-chromium.sh), headless: the page as a browser renders it.</summary>
public static class HeadlessChromium
{
    public static string DumpDom(string url)
    {
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        var result = ExternalTool.Run("timeout", "60", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", $"--user-data-dir={Path.Combine(Path.GetTempPath(), "tamrl-chromium-" + Guid.NewGuid().ToString("N"))}",
            "--virtual-time-budget=3000", "--dump-dom", url);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"chromium exited {result.ExitCode}: {result.StdErr}");
        return result.StdOut;
    }

    /// <summary>A PNG screenshot of the page as a browser window of the given size renders it (images loaded).</summary>
    public static void Screenshot(string url, string pngPath, int width, int height)
    {
        var result = ExternalTool.Run("timeout", "60", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--disable-dev-shm-usage", $"--user-data-dir={Path.Combine(Path.GetTempPath(), "tamrl-chromium-" + Guid.NewGuid().ToString("N"))}",
            "--virtual-time-budget=5000", $"--window-size={width},{height}", $"--screenshot={pngPath}", url);
        if (result.ExitCode != 0 || !File.Exists(pngPath))
            throw new InvalidOperationException($"chromium exited {result.ExitCode} without {pngPath}: {result.StdErr}");
    }
}
