namespace TamRl.Upscale.Products.Writers;

/// <summary>File names inside one published period folder (<c>OUT/products/PERIOD/</c>).</summary>
public static class ProductLayout
{
    public static string Daily(DatePeriod month) => Path.Combine("netcdf", $"tamrl_daily_{month.First:yyyy-MM}.nc");

    public static string Monthly(DatePeriod period) => Path.Combine("netcdf", $"tamrl_monthly_{period.Key}.nc");

    public static string MonthlyCog(FluxVariable v, DatePeriod month) => Path.Combine("cog", $"{v.Name}_{month.First:yyyy-MM}.tif");

    public static string AnnualCog(FluxVariable v, int year) => Path.Combine("cog", $"{v.Name}_{year:D4}.tif");

    /// <summary>The QGIS style beside a COG: same name, extension .qml (QGIS loads it with the layer).</summary>
    public static string StyleOf(string cog) => Path.ChangeExtension(cog, ".qml");

    public static string MonthlyQuicklook(FluxVariable v, DatePeriod month) => Path.Combine("quicklook", $"{v.Name}_{month.First:yyyy-MM}.png");

    /// <summary>The regional budget table (Budgets/BudgetTable), JSON with its definitions.</summary>
    public static string BudgetJson(DatePeriod period) => Path.Combine("budgets", $"regional_budgets_{period.Key}.json");

    /// <summary>The same table's rows as CSV.</summary>
    public static string BudgetCsv(DatePeriod period) => Path.Combine("budgets", $"regional_budgets_{period.Key}.csv");

    /// <summary>The daily product of the whole period as one consolidated Zarr v2 store (a folder; Writers/DailyZarr).</summary>
    public static string DailyZarr(DatePeriod period) => Path.Combine("zarr", $"tamrl_daily_{period.Key}.zarr");

    /// <summary>The annual-cycle figure (monthly totals of the regional budget table), beside the quicklooks (Writers/AnnualCycleFigure).</summary>
    public static string AnnualCycle(DatePeriod period) => Path.Combine("quicklook", $"annual_cycle_{period.Key}.svg");

    public const string Manifest = "manifest.json";

    public const string Checks = "checks.json";
}
