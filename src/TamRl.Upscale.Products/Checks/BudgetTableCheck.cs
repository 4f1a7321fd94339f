using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Products.Budgets;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Checks;

/// <summary>
/// The <c>budget_table</c> check: the staged table (JSON and CSV) against the table integrated anew from the daily NetCDF
/// files read back (<see cref="ProductChecker"/> feeds a <see cref="RegionalBudget"/> the days it reads). Same rows, same
/// totals and land areas to 1e-9 relative, same uncertainty where it can be recomputed from the files (the spread bound;
/// the members' spread comes from the chunk files, which publication does not read back, and is checked for presence).
/// </summary>
internal static class BudgetTableCheck
{
    private const double RelativeTolerance = 1e-9;

    public static void Compare(string folder, DatePeriod period, BudgetTable expected, CheckResult result, int max)
    {
        // The spread bound is recomputed from the files; the members' spread is not (the members are not published). The
        // method is the JSON table's, read in the same load as its rows (the JSON comes first; the CSV has no method).
        string? method = null;
        foreach (var (relative, load) in new (string, Func<string, IReadOnlyList<BudgetRow>>)[]
                 {
                     (ProductLayout.BudgetJson(period), p =>
                     {
                         var table = BudgetTable.Load(p);
                         method = table.UncertaintyMethod;
                         return table.Rows;
                     }),
                     (ProductLayout.BudgetCsv(period), BudgetTable.LoadCsv),
                 })
        {
            var path = Path.Combine(folder, relative);
            IReadOnlyList<BudgetRow> rows;
            try
            {
                rows = File.Exists(path) ? load(path) : throw new InvalidInputException(path, null, "missing: the regional budget table was not written");
            }
            catch (DataFileException e)
            {
                result.Fail(Failure(relative, "", period.Key, double.NaN, e.Message), max);
                continue;
            }
            var written = rows.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
            foreach (var row in expected.Rows)
            {
                if (!written.Remove(Key(row), out var w))
                {
                    result.Fail(Failure(relative, row.Flux, row.Period, double.NaN, $"no row for {row.Group} {row.Region}; the NetCDF gives {row.TotalPgc:G9} Pg C"), max);
                    continue;
                }
                if (!Close(w.TotalPgc, row.TotalPgc) || !Close(w.LandAreaMkm2, row.LandAreaMkm2) || w.Days != row.Days)
                    result.Fail(Failure(relative, row.Flux, row.Period, w.TotalPgc,
                        $"{row.Group} {row.Region}: the daily NetCDF files give {row.TotalPgc:G9} Pg C over {row.LandAreaMkm2:G9} Mkm2 and {row.Days} days"), max);
                else if (!(w.UncertaintyPgc >= 0) || method != BudgetTable.FromMembers && !Close(w.UncertaintyPgc, row.UncertaintyPgc))
                    result.Fail(Failure(relative, row.Flux, row.Period, w.UncertaintyPgc, $"{row.Group} {row.Region}: uncertainty expected {row.UncertaintyPgc:G9}"), max);
            }
            foreach (var extra in written.Values)
                result.Fail(Failure(relative, extra.Flux, extra.Period, extra.TotalPgc, $"{extra.Group} {extra.Region}: a row the NetCDF files do not give"), max);
        }
    }

    private static (string, string, string, string) Key(BudgetRow r) => (r.Group, r.Region, r.Flux, r.Period);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b)) + 1e-15;

    private static CheckFailure Failure(string file, string variable, string step, double value, string detail) =>
        new(file, variable, -1, -1, double.NaN, double.NaN, step, value, detail);
}
