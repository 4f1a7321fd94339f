using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Sites.Fluxnet;

namespace TamRl.Upscale.Sites.Windows;

/// <summary>
/// Each tower's own meteorology as its drivers, as FLUXCOM's meteorological setup trained on in-situ data and
/// applied to reanalysis on the grid: the tower file's gap-filled columns (TA_F, SW_IN_F, VPD_F by default) for the
/// measured features, and the features any location can compute from its latitude and the date
/// (<see cref="DriverFeatures.ComputedFeatures"/>). A tower's series covers its record, first to last row, and is
/// NaN outside it, so towers of different years share one daily axis.
/// <para>
/// Days missing inside a record (the derived FLUXNET2015 files drop days without a complete GPP record) are filled
/// so the model's recurrence never reads a hole: gaps up to <see cref="MaxInterpolatedGap"/> days by linear
/// interpolation, longer ones by the site's own mean seasonal cycle (the mean of the same day of year over the
/// record's years, smoothed over +-7 days). Fluxes are never filled: they stay missing and carry no weight.
/// </para>
/// </summary>
public sealed class TowerMeteorologySource : ISiteDriverSource
{
    /// <summary>The default tower features: three measured, four computed.</summary>
    public static readonly IReadOnlyList<string> DefaultFeatures = ["ta", "sw_in", "vpd", "sw_pot", "day_length", "season_sin", "season_cos"];

    /// <summary>
    /// The default tower columns of the measured features: FLUXNET's gap-filled meteorology, in the cube's units (degC,
    /// W m-2, hPa, mm per day). Soil water is left out: FLUXNET's SWC_F_MDS_1 is in percent where the cube's swc is in
    /// m3 m-3, so mapping it needs a conversion this source does not make.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultColumns = new Dictionary<string, string>
    {
        ["ta"] = "TA_F", ["sw_in"] = "SW_IN_F", ["vpd"] = "VPD_F", ["precip"] = "P_F",
    };

    /// <summary>The longest gap filled by linear interpolation; longer gaps take the site's seasonal cycle.</summary>
    public const int MaxInterpolatedGap = 5;

    private readonly IReadOnlyList<TowerSite> towers;
    private readonly string siteTable;
    private readonly IReadOnlyDictionary<string, string> columns;
    private readonly TowerColumns targets;
    private readonly TowerRecord[] records; // each tower file read once, with its meteorology columns

    /// <param name="towers">The towers; each file is read once, here (its span, targets and meteorology columns), so a missing column fails before any series is built.</param>
    /// <param name="siteTable">The table the towers came from, named in errors.</param>
    /// <param name="features">The model's features, each measured (a key of <paramref name="columns"/>) or computed.</param>
    /// <param name="columns">Tower file column per measured feature; null: <see cref="DefaultColumns"/>.</param>
    /// <param name="targets">The target columns, which every tower file must also have.</param>
    public TowerMeteorologySource(IReadOnlyList<TowerSite> towers, string siteTable, IReadOnlyList<string>? features = null,
        IReadOnlyDictionary<string, string>? columns = null, TowerColumns? targets = null)
    {
        Features = (features ?? DefaultFeatures).ToArray();
        if (DriverFeatures.Problem(Features) is { } problem)
            throw new InvalidInputException(siteTable, "sites.features", problem);
        // A configuration's columns replace the defaults feature by feature; the others keep theirs.
        var merged = new Dictionary<string, string>(DefaultColumns);
        foreach (var (feature, column) in columns ?? new Dictionary<string, string>())
            merged[feature] = column;
        this.columns = merged;
        foreach (var f in Features)
            if (!DriverFeatures.IsComputed(f) && !this.columns.ContainsKey(f))
                throw new InvalidInputException(siteTable, "sites.meteorology",
                    $"feature '{f}' is neither computed ({string.Join(", ", DriverFeatures.ComputedFeatures.Select(c => c.Name))}) nor given a tower column");
        if (towers.Count == 0)
            throw new InvalidInputException(siteTable, null, "the site table lists no tower");
        this.towers = towers;
        this.siteTable = siteTable;
        this.targets = targets ?? TowerColumns.Default;
        var measured = Features.Where(f => !DriverFeatures.IsComputed(f)).Select(f => this.columns[f]).Distinct().ToArray();
        records = towers.Select(t => SiteDatasetBuilder.ReadTower(t, siteTable, this.targets, measured)).ToArray();
        FirstDay = records.Min(r => r.FirstDay);
        LastDay = records.Max(r => r.LastDay);
    }

    public string Description => $"tower meteorology of {siteTable}";

    public IReadOnlyList<string> Features { get; }

    public DateOnly FirstDay { get; }

    public DateOnly LastDay { get; }

    public bool TryLocate(TowerSite tower, out int row, out int column)
    {
        column = 0;
        row = -1;
        for (var i = 0; i < towers.Count; i++)
            if (towers[i].Id == tower.Id)
                row = i;
        return row >= 0;
    }

    public string DescribeGrid() => $"{towers.Count} towers of {siteTable}";

    public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, DateOnly last)
    {
        var days = last.DayNumber - first.DayNumber + 1;
        var nf = Features.Count;
        var result = new float[checked((long)pixels.Count * days * nf)];
        Array.Fill(result, float.NaN);
        for (var p = 0; p < pixels.Count; p++)
        {
            var tower = towers[pixels[p].Row];
            var record = records[pixels[p].Row];
            for (var f = 0; f < nf; f++)
            {
                var name = Features[f];
                double[]? filled = DriverFeatures.IsComputed(name) ? null : GapFill(record.Extra[columns[name]], record.FirstDay, tower, columns[name]);
                for (var d = 0; d < days; d++)
                {
                    var day = first.AddDays(d);
                    var r = day.DayNumber - record.FirstDay.DayNumber;
                    if (r < 0 || r >= record.DayCount)
                        continue;
                    result[((long)p * days + d) * nf + f] = filled is null
                        ? DriverFeatures.Computed(name, tower.Latitude, day)
                        : (float)filled[r];
                }
            }
        }
        return result;
    }

    /// <summary>The series with its gaps filled (see the class comment); a column without a single value is refused.</summary>
    internal static double[] GapFill(double[] values, DateOnly firstDay, TowerSite tower, string column)
    {
        var n = values.Length;
        var known = Enumerable.Range(0, n).Where(i => double.IsFinite(values[i])).ToArray();
        if (known.Length == 0)
            throw new InvalidInputException(tower.File, column, $"site '{tower.Id}': the column holds no value (all -9999 or empty)");
        var result = (double[])values.Clone();
        double[]? seasonal = null;
        for (var k = 0; k <= known.Length; k++)
        {
            var from = k == 0 ? 0 : known[k - 1] + 1;
            var to = k == known.Length ? n : known[k];
            if (to <= from)
                continue;
            var inside = k > 0 && k < known.Length;
            if (inside && to - from <= MaxInterpolatedGap)
            {
                double a = values[from - 1], b = values[to];
                for (var i = from; i < to; i++)
                    result[i] = a + (b - a) * (i - from + 1) / (to - from + 1);
                continue;
            }
            seasonal ??= SeasonalCycle(values, firstDay);
            for (var i = from; i < to; i++)
                result[i] = seasonal[firstDay.AddDays(i).DayOfYear - 1];
        }
        return result;
    }

    /// <summary>Mean per day of year (366 entries) over +-7 days of the year, wrapping at the year's end.</summary>
    private static double[] SeasonalCycle(double[] values, DateOnly firstDay)
    {
        var sum = new double[366];
        var count = new int[366];
        for (var i = 0; i < values.Length; i++)
            if (double.IsFinite(values[i]))
            {
                var doy = firstDay.AddDays(i).DayOfYear - 1;
                sum[doy] += values[i];
                count[doy]++;
            }
        var mean = sum.Sum() / Math.Max(count.Sum(), 1);
        var cycle = new double[366];
        for (var d = 0; d < 366; d++)
        {
            double s = 0;
            var c = 0;
            for (var w = -7; w <= 7; w++)
            {
                var j = ((d + w) % 366 + 366) % 366;
                s += sum[j];
                c += count[j];
            }
            // A day of year the record never saw within two weeks falls back to the record's mean.
            cycle[d] = c > 0 ? s / c : mean;
        }
        return cycle;
    }
}
