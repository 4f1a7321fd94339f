using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Scoring;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Budgets;

/// <summary>
/// Accumulates the regional budget table a product block at a time: the regions are the scorer's
/// (<see cref="BudgetRegions.Of"/>: globe, continent, latitude band, IGBP, Koppen) and the integral is
/// <see cref="LandIntegral"/>'s, so the published table and the score report cannot define them apart. Per cell it holds
/// only the current block's weights and regions; per region, grams per month and variable (and per member).
/// <para>
/// Uncertainty: where the members' monthly means were added (<see cref="AddMemberMonth"/>), each member's regional total
/// is integrated like the ensemble's, and the spread is the standard deviation of those totals across members (for a
/// year: of the members' annual totals). Otherwise the per-pixel spreads are integrated like the fluxes
/// (<see cref="BudgetTable.SpreadBound"/>): the spread if the members' errors were perfectly correlated, an upper bound.
/// </para>
/// </summary>
public sealed class RegionalBudget
{
    private readonly RegularLatLonGrid _grid;
    private readonly IReadOnlyList<DatePeriod> _months;
    private readonly int _members;
    private readonly double[] _area;
    private readonly Dictionary<(string Group, string Region), int> _index = new();
    private readonly List<(string Group, string Region)> _regions = new();
    private readonly List<double[,]> _grams = new();          // per region [month, variable of FluxVariables.All]
    private readonly List<double[,,]> _memberGrams = new();   // per region [member, month, flux]
    private readonly List<double> _landArea = new();          // per region, m2
    private double[] _weight = [];
    private int[][] _cellRegions = [];

    /// <param name="members">Ensemble members whose monthly means will be added; 0: none (spreads integrated as a bound).</param>
    public RegionalBudget(RegularLatLonGrid grid, IReadOnlyList<DatePeriod> months, int members = 0)
    {
        _grid = grid;
        _months = months;
        _members = members;
        _area = grid.RowCellAreas();
    }

    /// <summary>The block whose cells the next <see cref="AddMonth"/> calls hold; its land area is counted once, here.</summary>
    /// <param name="landFraction">The run's land fraction over the block.</param>
    /// <param name="classes">IGBP and Koppen over the block (<see cref="RunClasses"/>).</param>
    public void BeginBlock(GridBlock block, ReadOnlySpan<float> landFraction, StaticWindow classes)
    {
        _weight = new double[block.Cells];
        _cellRegions = new int[block.Cells][];
        for (var i = 0; i < block.Cells; i++)
        {
            var (row, column) = (block.Row0 + i / block.Columns, block.Column0 + i % block.Columns);
            _weight[i] = LandIntegral.Weight(_area[row], landFraction[i]);
            if (_weight[i] == 0)
                continue;
            var regions = BudgetRegions.Of(_grid.LatitudeOfRow(row), _grid.LongitudeOfColumn(column), classes.Igbp[i], classes.Koppen[i]);
            _cellRegions[i] = regions.Select(RegionIndex).ToArray();
            foreach (var r in _cellRegions[i])
                _landArea[r] += _weight[i];
        }
    }

    /// <summary>One variable's sums over a month's days (g m-2 per cell of the block: the daily values added up).</summary>
    public void AddMonth(int month, int variable, ReadOnlySpan<double> sums)
    {
        for (var i = 0; i < _weight.Length; i++)
            if (_weight[i] != 0 && double.IsFinite(sums[i]))
                foreach (var r in _cellRegions[i])
                    _grams[r][month, variable] += _weight[i] * sums[i];
    }

    /// <summary>One member's monthly means of one flux (g m-2 d-1 per cell of the block, NaN where none).</summary>
    public void AddMemberMonth(int month, int member, int flux, ReadOnlySpan<float> means)
    {
        var days = _months[month].Days;
        for (var i = 0; i < _weight.Length; i++)
            if (_weight[i] != 0 && LandIntegral.Valid(means[i]))
                foreach (var r in _cellRegions[i])
                    _memberGrams[r][member, month, flux] += _weight[i] * means[i] * days;
    }

    /// <summary>The table: per group and region (globe first, then by name), per flux, each month then each complete year.</summary>
    public BudgetTable Result(string runId, string periodKey)
    {
        var fromMembers = _members >= 2;
        var years = _months.Select((m, i) => (m, i)).GroupBy(p => p.m.First.Year)
            .Where(g => g.Sum(p => p.m.Days) == DatePeriod.Year(g.Key).Days)
            .Select(g => (Key: g.Key.ToString("D4"), Months: g.Select(p => p.i).ToArray())).ToList();
        var steps = _months.Select((m, i) => (Key: m.First.ToString("yyyy-MM"), Months: new[] { i })).Concat(years).ToList();
        var rows = new List<BudgetRow>();
        var order = Enumerable.Range(0, _regions.Count)
            .OrderBy(r => BudgetRegions.Groups.ToList().IndexOf(_regions[r].Group))
            .ThenBy(r => _regions[r].Region, StringComparer.Ordinal);
        foreach (var r in order)
            for (var f = 0; f < FluxVariables.Fluxes.Count; f++)
                foreach (var (key, months) in steps)
                {
                    var total = months.Sum(m => _grams[r][m, f]);
                    var spread = fromMembers ? MemberSpread(r, f, months) : months.Sum(m => _grams[r][m, f + FluxVariables.Fluxes.Count]);
                    rows.Add(new BudgetRow(_regions[r].Group, _regions[r].Region, FluxVariables.Fluxes[f].Name, key, months.Sum(m => _months[m].Days),
                        _landArea[r] / 1e12, total * LandIntegral.PgPerGram, spread * LandIntegral.PgPerGram));
                }
        return new BudgetTable(runId, periodKey, "Pg C",
            "sum over the land pixel-days of daily flux (g m-2 d-1) x cell area (m2, sphere of radius 6371007.2 m) x land fraction",
            "regions of Scoring/BudgetRegions: continents as longitude/latitude boxes (Scoring/Continents, docs/products.md), " +
            "latitude bands, IGBP and Koppen classes of the driver cube's static fields; each group's regions add up to the globe",
            fromMembers ? BudgetTable.FromMembers : BudgetTable.SpreadBound,
            fromMembers
                ? "standard deviation across the ensemble members of each member's own total (members' monthly means integrated alike)"
                : "the per-pixel ensemble spreads integrated like the fluxes: the spread if the members' errors were perfectly correlated, an upper bound",
            _members, rows);
    }

    /// <summary>The standard deviation across members of their totals over <paramref name="months"/> (population, as the per-pixel spread).</summary>
    private double MemberSpread(int region, int flux, int[] months)
    {
        var totals = Enumerable.Range(0, _members).Select(m => months.Sum(mo => _memberGrams[region][m, mo, flux])).ToArray();
        var mean = totals.Average();
        return Math.Sqrt(Math.Max(totals.Sum(t => (t - mean) * (t - mean)) / totals.Length, 0));
    }

    private int RegionIndex((string Group, string Region) key)
    {
        if (_index.TryGetValue(key, out var r))
            return r;
        _index[key] = r = _regions.Count;
        _regions.Add(key);
        _grams.Add(new double[_months.Count, FluxVariables.All.Count]);
        _memberGrams.Add(new double[Math.Max(_members, 0), _months.Count, FluxVariables.Fluxes.Count]);
        _landArea.Add(0);
        return r;
    }
}
