namespace TamRl.Upscale.Sites.Tests.Fluxnet;

/// <summary>Writes small FLUXNET-style daily CSV files for reader tests.</summary>
internal static class TowerCsv
{
    public static readonly string[] Columns = ["TIMESTAMP", "TA_F", "GPP_NT_VUT_USTAR50", "RECO_NT_VUT_USTAR50", "NEE_VUT_USTAR50", "NEE_VUT_USTAR50_QC"];

    /// <summary>Rows as (date, gpp, reco, qc); NEE = RECO - GPP; -9999 passes through.</summary>
    public static string Write(string folder, string name, IEnumerable<(string Date, double Gpp, double Reco, double Qc)> rows,
        string[]? columns = null, string newline = "\n")
    {
        columns ??= Columns;
        var lines = new List<string> { string.Join(',', columns) };
        foreach (var (date, gpp, reco, qc) in rows)
        {
            var values = new Dictionary<string, string>
            {
                ["TIMESTAMP"] = date,
                ["TA_F"] = "12.5",
                ["GPP_NT_VUT_USTAR50"] = Format(gpp),
                ["RECO_NT_VUT_USTAR50"] = Format(reco),
                ["NEE_VUT_USTAR50"] = gpp == -9999 || reco == -9999 ? "-9999" : Format(reco - gpp),
                ["NEE_VUT_USTAR50_QC"] = Format(qc),
            };
            lines.Add(string.Join(',', columns.Select(c => values.GetValueOrDefault(c, "0"))));
        }
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, string.Join(newline, lines) + newline);
        return path;
    }

    public static (string, double, double, double)[] ThreeDays(double qc0 = 1, double qc1 = 0.5, double qc2 = 0) =>
    [
        ("20100101", 1.5, 2.0, qc0),
        ("20100102", 2.5, 2.25, qc1),
        ("20100103", 3.5, 2.5, qc2),
    ];

    private static string Format(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
