using System.Globalization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// CarbonBench's per-site results (Rozanov et al., the paper's companion benchmark; data/real/carbonbench, MIT): per
/// model, split type (IGBP, Koppen) and target, each test site's RMSE. Shown beside this project's scores for the
/// sites both scored, as context only: CarbonBench's inputs (ERA5-Land, MODIS) and splits differ from ours.
/// </summary>
public sealed class CarbonBenchResults
{
    private readonly Dictionary<(string Model, string Split, string Flux), Dictionary<string, double>> rmse;

    private CarbonBenchResults(string folder, Dictionary<(string, string, string), Dictionary<string, double>> rmse)
    {
        Folder = folder;
        this.rmse = rmse;
    }

    public string Folder { get; }

    /// <summary>The models present, by CarbonBench's file names (tam-rl, lgbm, xgb, ctlstm, lstm).</summary>
    public IReadOnlyList<string> Models => rmse.Keys.Select(k => k.Model).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>A site's RMSE for a model, split ("igbp"/"koppen") and flux ("gpp"/"nee"/"reco"); null when not scored.</summary>
    public double? Rmse(string model, string split, string flux, string site) =>
        rmse.TryGetValue((model, split.ToLowerInvariant(), flux), out var sites) && sites.TryGetValue(site, out var v) ? v : null;

    /// <summary>Reads every <c>MODEL_SPLIT_*.csv</c> of the folder (columns site, RMSE, target, found by header name).</summary>
    public static CarbonBenchResults Read(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
            throw new InvalidInputException(full, null, "CarbonBench results folder not found");
        var result = new Dictionary<(string, string, string), Dictionary<string, double>>();
        foreach (var file in Directory.EnumerateFiles(full, "*.csv").Order(StringComparer.Ordinal))
        {
            var parts = Path.GetFileNameWithoutExtension(file).Split('_');
            if (parts.Length < 2)
                continue;
            var (model, split) = (parts[0], parts[1].ToLowerInvariant());
            var lines = File.ReadAllLines(file);
            if (lines.Length == 0)
                continue;
            var header = lines[0].Split(',');
            int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
                ? i : throw new InvalidInputException(file, name, "line 1: required column missing");
            var (siteCol, rmseCol, targetCol) = (Column("site"), Column("RMSE"), Column("target"));
            for (var l = 1; l < lines.Length; l++)
            {
                var f = lines[l].Split(',');
                if (f.Length != header.Length)
                    throw new InvalidInputException(file, null, $"line {l + 1}: {f.Length} fields where the header has {header.Length}");
                var flux = f[targetCol].Split('_')[0].ToLowerInvariant();
                if (!double.TryParse(f[rmseCol], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    throw new InvalidInputException(file, "RMSE", $"line {l + 1}: '{f[rmseCol]}' is not a number");
                if (!result.TryGetValue((model, split, flux), out var sites))
                    result[(model, split, flux)] = sites = new Dictionary<string, double>(StringComparer.Ordinal);
                sites[f[siteCol]] = value;
            }
        }
        return new CarbonBenchResults(full, result);
    }
}
