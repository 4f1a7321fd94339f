using TamRl.Upscale.SampleWorld.Output;

namespace TamRl.Upscale.SampleWorld.Streaming;

/// <summary>
/// The world's gridded files: where each lives, and their definition (dimensions, coordinates, time axes,
/// attributes, chunking) before any band is written into them.
/// </summary>
internal sealed class WorldFiles
{
    private readonly string _root;
    private readonly SampleWorldOptions _options;

    public WorldFiles(string root, BandPlan plan, SampleWorldOptions options)
    {
        _root = root;
        _options = options;
        Plan = plan;
        Era5Layout = GridLayout.Era5(plan.Grid);
        NativeLayout = GridLayout.Native(plan.Grid);
    }

    public BandPlan Plan { get; }
    public GridLayout Era5Layout { get; }
    public GridLayout NativeLayout { get; }

    public string Geography => Path.Combine(_root, "static", "geography.nc");
    public string Era5Daily(int year, int month) => Path.Combine(_root, "era5", "new-cds", $"era5_daily_{year:D4}-{month:D2}.nc");
    public string Era5Legacy(int year, int month) => Path.Combine(_root, "era5", "legacy", $"era5_legacy_{year:D4}-{month:D2}.nc");
    public string Truth(int year) => Path.Combine(_root, "truth", $"truth_{year:D4}.nc");
    public string Modis(int year) => Path.Combine(_root, "modis", $"modis_{year:D4}.nc");

    /// <summary>The days of the period that fall in <paramref name="year"/>.</summary>
    public (DateOnly First, DateOnly Last) YearSpan(int year)
    {
        var first = new DateOnly(year, 1, 1) > _options.FirstDay ? new DateOnly(year, 1, 1) : _options.FirstDay;
        var last = new DateOnly(year, 12, 31) < _options.LastDay ? new DateOnly(year, 12, 31) : _options.LastDay;
        return (first, last);
    }

    /// <summary>Creates every gridded file of the period, empty (fill) but for coordinates and time axes.</summary>
    public void DefineAll()
    {
        foreach (var dir in new[] { "static", "era5/new-cds", "era5/legacy", "truth", "modis" })
            Directory.CreateDirectory(Path.Combine(_root, dir));
        GeographyWriter.Define(Geography, Plan, _options);
        for (var m = new DateOnly(_options.StartYear, _options.StartMonth, 1); m <= _options.LastDay; m = m.AddMonths(1))
            Era5DailyWriter.Define(Era5Daily(m.Year, m.Month), Era5Layout, Plan, m.Year, m.Month, _options);
        for (var year = _options.StartYear; year <= _options.EndYear; year++)
        {
            var (first, last) = YearSpan(year);
            TruthWriter.Define(Truth(year), NativeLayout, Plan, first, last, _options);
            ModisCompositor.Define(Modis(year), NativeLayout, Plan, first, last, _options);
        }
    }
}
