using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Products.Scoring;

/// <summary>Totals of GPP, RECO and NEE over a region, Pg C per year, in that order.</summary>
public sealed record FluxTotals(double Gpp, double Reco, double Nee)
{
    public double this[int flux] => flux switch { 0 => Gpp, 1 => Reco, 2 => Nee, _ => throw new ArgumentOutOfRangeException(nameof(flux)) };
}

/// <summary>
/// One region's carbon budget, product beside truth, integrated alike (cell area x land fraction x daily flux,
/// over the pixel-days where the product and the truth both hold all three fluxes), Pg C/yr.
/// </summary>
/// <param name="LandAreaMkm2">The region's land area (cell area x land fraction), million km2.</param>
/// <param name="SpreadBound">
/// The ensemble spread integrated like the fluxes (the sum of each pixel-day's member standard deviation x area):
/// the spread of the regional total if the members' errors were perfectly correlated in space and time, so an
/// upper bound on it; the products carry per-pixel spreads, not the members' totals. Zero for a single member.
/// </param>
/// <param name="ShareOfGlobalNeeError">This region's NEE error as a fraction of the global one (a group's shares add to 1).</param>
/// <param name="Towers">Training towers whose pixel lies in the region (0 when the scorer was given none).</param>
public sealed record RegionBudget(string Group, string Region, double LandAreaMkm2, FluxTotals Product, FluxTotals Truth, FluxTotals SpreadBound, double ShareOfGlobalNeeError,
    int Towers = 0)
{
    public FluxTotals Error => new(Product.Gpp - Truth.Gpp, Product.Reco - Truth.Reco, Product.Nee - Truth.Nee);

    /// <summary>The part of the NEE error that RECO's error makes (NEE = RECO - GPP: + RECO error).</summary>
    public double NeeErrorFromReco => Error.Reco;

    /// <summary>The part of the NEE error that GPP's error makes (- GPP error: too much GPP is too strong a sink).</summary>
    public double NeeErrorFromGpp => -Error.Gpp;

    /// <summary>Relative error of a flux's total (product / truth - 1); NaN where the truth's total is 0.</summary>
    public double RelativeError(int flux) => Truth[flux] != 0 ? Product[flux] / Truth[flux] - 1 : double.NaN;
}

/// <summary>
/// Accumulates regional carbon budgets of a product and its truth a day at a time (<see cref="AddDay"/>), over the
/// regions of <see cref="BudgetRegions"/>. Holds per cell only its weight and its regions, never a day's maps.
/// </summary>
public sealed class CarbonBudget
{
    private readonly int _cells;
    private readonly double[] _weight;
    private readonly int[][] _regionOfCell; // [cell][group] -> region index
    private readonly List<(string Group, string Region)> _regions = new();
    private readonly double[][] _product;   // [region][flux] grams
    private readonly double[][] _truth;
    private readonly double[][] _spread;
    private readonly double[] _areaDays;    // m2 x days counted
    private readonly int[] _towers;
    private readonly RegularLatLonGrid _grid;
    private int _days;

    /// <param name="landFraction">0..1 per cell, row-major (north row first); cells with 0 are not land.</param>
    /// <param name="igbp">IGBP class per cell.</param>
    /// <param name="koppen">Koppen class per cell.</param>
    /// <param name="domainFlags">The product's domain_flags per cell, for the <see cref="BudgetRegions.Domain"/> group; null: no such group.</param>
    public CarbonBudget(RegularLatLonGrid grid, float[] landFraction, int[] igbp, int[] koppen, short[]? domainFlags = null)
    {
        _grid = grid;
        _cells = grid.Rows * grid.Columns;
        foreach (var (name, length) in new[] { ("land fraction", landFraction.Length), ("IGBP", igbp.Length), ("Koppen", koppen.Length) })
            if (length != _cells)
                throw new ArgumentException($"{name} holds {length} values for a grid of {grid.Rows} x {grid.Columns}");
        var area = grid.RowCellAreas();
        _weight = new double[_cells];
        _regionOfCell = new int[_cells][];
        var index = new Dictionary<(string, string), int>();
        for (var i = 0; i < _cells; i++)
        {
            var row = i / grid.Columns;
            _weight[i] = LandIntegral.Weight(area[row], landFraction[i]);
            if (_weight[i] == 0)
                continue;
            var regions = BudgetRegions.Of(grid.LatitudeOfRow(row), grid.LongitudeOfColumn(i % grid.Columns), igbp[i], koppen[i]);
            if (domainFlags is not null)
                regions = [.. regions, (BudgetRegions.Domain, BudgetRegions.DomainRegion(domainFlags[i]))];
            _regionOfCell[i] = new int[regions.Length];
            for (var g = 0; g < regions.Length; g++)
            {
                if (!index.TryGetValue(regions[g], out var r))
                {
                    r = index[regions[g]] = _regions.Count;
                    _regions.Add(regions[g]);
                }
                _regionOfCell[i][g] = r;
            }
        }
        _product = _regions.Select(_ => new double[3]).ToArray();
        _truth = _regions.Select(_ => new double[3]).ToArray();
        _spread = _regions.Select(_ => new double[3]).ToArray();
        _areaDays = new double[_regions.Count];
        _towers = new int[_regions.Count];
    }

    /// <summary>
    /// Counts training towers by the regions of their pixel (where the towers sit against where the land is). Returns
    /// how many were counted: a tower whose pixel is not land in the grid's mask is not.
    /// </summary>
    public int AddTowers(IEnumerable<(double Latitude, double Longitude)> towers)
    {
        var counted = 0;
        foreach (var (lat, lon) in towers)
        {
            if (!_grid.TryCellOf(lat, lon, out var row, out var column, wrap: true))
                continue;
            var regions = _regionOfCell[row * _grid.Columns + column];
            if (regions is null)
                continue;
            foreach (var r in regions)
                _towers[r]++;
            counted++;
        }
        return counted;
    }

    /// <summary>Days added so far.</summary>
    public int Days => _days;

    /// <summary>
    /// One day's maps (row-major, the grid's cells): product and truth of gpp, reco, nee in that order, g m-2 d-1,
    /// and the product's spreads in the same order (null when the product has none). A land pixel counts when the
    /// product and the truth hold a finite value for all three fluxes (the product's fill value is not one).
    /// </summary>
    public void AddDay(IReadOnlyList<float[]> product, IReadOnlyList<float[]> truth, IReadOnlyList<float[]>? spread = null)
    {
        _days++;
        for (var i = 0; i < _cells; i++)
        {
            var w = _weight[i];
            if (w == 0)
                continue;
            var valid = true;
            for (var f = 0; f < 3 && valid; f++)
                valid = Valid(product[f][i]) && Valid(truth[f][i]);
            if (!valid)
                continue;
            foreach (var r in _regionOfCell[i])
            {
                _areaDays[r] += w;
                for (var f = 0; f < 3; f++)
                {
                    _product[r][f] += w * product[f][i];
                    _truth[r][f] += w * truth[f][i];
                    if (spread is not null && Valid(spread[f][i]))
                        _spread[r][f] += w * spread[f][i];
                }
            }
        }
    }

    private static bool Valid(float v) => LandIntegral.Valid(v);

    /// <summary>The budgets, Pg C/yr (the days' mean flux x 365.25 days): global first, then each group's regions by |NEE error|.</summary>
    public IReadOnlyList<RegionBudget> Result()
    {
        if (_days == 0)
            return [];
        var toPgPerYear = 365.25 / _days * LandIntegral.PgPerGram;
        FluxTotals Totals(double[] grams) => new(grams[0] * toPgPerYear, grams[1] * toPgPerYear, grams[2] * toPgPerYear);
        var globalIndex = _regions.IndexOf((BudgetRegions.Global, BudgetRegions.Global));
        var globalNeeError = globalIndex < 0 ? double.NaN : (_product[globalIndex][2] - _truth[globalIndex][2]) * toPgPerYear;
        var budgets = _regions.Select((key, r) =>
        {
            var neeError = (_product[r][2] - _truth[r][2]) * toPgPerYear;
            return new RegionBudget(key.Group, key.Region, _areaDays[r] / _days / 1e12, Totals(_product[r]), Totals(_truth[r]), Totals(_spread[r]),
                globalNeeError != 0 ? neeError / globalNeeError : double.NaN, _towers[r]);
        });
        return budgets
            .OrderBy(b => BudgetRegions.Groups.ToList().IndexOf(b.Group))
            .ThenByDescending(b => Math.Abs(b.Error.Nee))
            .ThenBy(b => b.Region, StringComparer.Ordinal)
            .ToList();
    }
}
