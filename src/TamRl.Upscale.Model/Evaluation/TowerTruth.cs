using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// The sample world's noise-free tower fluxes (W/truth/towers.csv: site_id, date, gpp, reco, nee, and the same
/// three of the tower's twin without the latent field), aligned to a training dataset's sites and days. <c>tamrl evaluate</c> scores them like
/// models, on the same sites and QC = 1 days, as the floors of the comparison: "truth" is what a perfect model
/// would score against the noisy tower files; "truth-no-latent" is a model that knows everything the drivers
/// and the place's history reveal but not the latent field (efficiency, respiration) that nothing reveals.
/// </summary>
public sealed class TowerTruth
{
    public const string TruthModel = "truth";
    public const string NoLatentModel = "truth-no-latent";
    private static readonly string[] Columns = ["site_id", "date", "gpp", "reco", "nee", "gpp_without_latent", "reco_without_latent", "nee_without_latent"];
    private const int Values = 6;

    private TowerTruth(string path, int days, Dictionary<string, float[][]> sites)
    {
        Path = path;
        this.days = days;
        this.sites = sites;
    }

    private readonly int days;
    private readonly Dictionary<string, float[][]> sites;

    public string Path { get; }

    /// <summary>Reads the rows of the dataset's days (<paramref name="firstDay"/>, <paramref name="days"/>); other days are skipped.</summary>
    public static TowerTruth Read(string path, DateOnly firstDay, int days)
    {
        if (!File.Exists(path))
            throw new InvalidInputException(path, null, "the tower truth file does not exist (the sample world writes it as truth/towers.csv)");
        var c = CultureInfo.InvariantCulture;
        var sites = new Dictionary<string, float[][]>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null || !header.Split(',').SequenceEqual(Columns))
            throw new InvalidInputException(path, "header", $"expected '{string.Join(",", Columns)}', got '{header}'");
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var f = line.Split(',');
            if (f.Length != Columns.Length || !DateOnly.TryParseExact(f[1], "yyyy-MM-dd", c, DateTimeStyles.None, out var date))
                throw new InvalidInputException(path, "date", $"line {lineNumber}: expected {Columns.Length} fields with a yyyy-MM-dd date, got '{line}'");
            var d = date.DayNumber - firstDay.DayNumber;
            if (d < 0 || d >= days)
                continue;
            if (!sites.TryGetValue(f[0], out var series))
            {
                series = Enumerable.Range(0, Values).Select(_ => Enumerable.Repeat(float.NaN, days).ToArray()).ToArray();
                sites[f[0]] = series;
            }
            for (var k = 0; k < Values; k++)
            {
                if (!float.TryParse(f[2 + k], NumberStyles.Float, c, out var value))
                    throw new InvalidInputException(path, Columns[2 + k], $"line {lineNumber}: expected a number in g C m-2 d-1, got '{f[2 + k]}'");
                series[k][d] = value;
            }
        }
        return new TowerTruth(path, days, sites);
    }

    /// <summary>The truth of the given sites as predictions, or with <paramref name="withoutLatent"/> their twins' without the latent field.</summary>
    public FluxBlock Predictions(SiteSeriesSet data, IReadOnlyList<int> siteIndices, bool withoutLatent)
    {
        if (data.Days != days)
            throw new ArgumentException($"the truth was aligned to {days} days, the dataset holds {data.Days}");
        var n = siteIndices.Count;
        var gpp = new float[n * days];
        var reco = new float[n * days];
        var nee = new float[n * days];
        for (var i = 0; i < n; i++)
        {
            var id = data.SiteIds[siteIndices[i]];
            if (!sites.TryGetValue(id, out var series))
                throw new InvalidInputException(Path, "site_id",
                    $"holds no day of site '{id}' in the dataset's period: is it the truth of the world the training dataset came from?");
            var first = withoutLatent ? 3 : 0;
            series[first].CopyTo(gpp, i * days);
            series[first + 1].CopyTo(reco, i * days);
            series[first + 2].CopyTo(nee, i * days);
        }
        var zero = new float[n * days];
        return new FluxBlock(n, days, gpp, reco, nee, zero, zero, zero);
    }
}
