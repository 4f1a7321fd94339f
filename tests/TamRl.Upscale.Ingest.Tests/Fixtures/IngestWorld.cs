using TamRl.Upscale.Core.Config;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using static TamRl.Upscale.Ingest.Tests.Fixtures.Era5Fixtures;

namespace TamRl.Upscale.Ingest.Tests.Fixtures;

/// <summary>
/// A tiny complete ingest input: a 5° global geography (ocean west of 10° W), ERA5 daily new-CDS files per month
/// on ERA5's 5° grid (0..360 longitudes, poles as centres), a year of MODIS composites on a 5° grid, and a
/// configuration whose target grid (10°, 20° W..20° E, 30..60° N) coarsens all of them.
/// </summary>
internal sealed class IngestWorld
{
    public const double Resolution = 5;

    public IngestWorld(string root)
    {
        Root = root;
        Directory.CreateDirectory(Path.Combine(root, "era5"));
        Directory.CreateDirectory(Path.Combine(root, "modis"));
        WriteGeography(Path.Combine(root, "geography.nc"));
        ModisFixtures.Write(Path.Combine(root, "modis", "modis_2020.nc"),
            Enumerable.Range(0, 36).Select(i => -87.5 + i * 5).ToArray(), Enumerable.Range(0, 72).Select(j => -177.5 + j * 5).ToArray(),
            ModisFixtures.CompositeStarts(2020), (s, lat, lon) => (0.5, 0.25, 290, 0));
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "ingest.json");

    public static bool IsLand(double lon) => lon > -10;

    /// <summary>Air temperature in K of the ERA5 fixtures: depends on the day and the latitude.</summary>
    public static double Temperature(DateTime t, double lat, double lon) => 280 + t.Day * 0.1 - (lat - 45) * 0.2;

    public static FixtureVariable[] Era5Variables(string temperatureUnits = "K", double offset = 0) =>
    [
        new("t2m", temperatureUnits, (t, lat, lon) => Temperature(t, lat, lon) + offset),
        new("d2m", "K", (t, lat, lon) => Temperature(t, lat, lon) - 5),
        new("ssrd", "J m**-2", (_, _, _) => 86400 * 150.0),
        new("tp", "m", (_, _, _) => 0.002),
        new("swvl1", "m**3 m**-3", (_, _, _) => 0.25),
    ];

    public string WriteEra5Month(int year, int month, string temperatureUnits = "K", double offset = 0)
    {
        var first = Utc(year, month, 1);
        var path = Path.Combine(Root, "era5", $"era5_daily_{year:D4}-{month:D2}.nc");
        WriteNewCds(path, StoredGrid.Global(Resolution), Days(first, DateTime.DaysInMonth(year, month)), Era5Variables(temperatureUnits, offset));
        return path;
    }

    /// <summary>The month's daily ERA5 as GRIB1 (cdo from the new-CDS fixture), what the CDS sends by default.</summary>
    public string WriteEra5GribMonth(int year, int month)
    {
        var path = Path.Combine(Root, "era5", $"era5_daily_{year:D4}-{month:D2}.grib");
        GribFixtures.WriteGrib(path, StoredGrid.Global(Resolution), Days(Utc(year, month, 1), DateTime.DaysInMonth(year, month)), Era5Variables());
        return path;
    }

    /// <param name="features">The ingest.features array as JSON (e.g. <c>["ta", "ndvi"]</c>), or null for none.</param>
    /// <param name="modis">Whether the configuration names the MODIS set (false: an ERA5-only configuration).</param>
    public void WriteConfig(string start = "2020-01-01", string end = "2020-02-29", string era5Layout = "new-cds", string era5Paths = "era5/era5_daily_*.nc",
        string? features = null, bool modis = true) =>
        File.WriteAllText(ConfigPath, $$"""
        {
          "name": "ingest-test",
          "seed": 1,
          "ingest": {
            "grid": { "resolution": 10, "bbox": [-20, 30, 20, 60] },
            "period": { "start": "{{start}}", "end": "{{end}}" },
            {{(features is null ? "" : $"\"features\": {features},")}}
            "static": "geography.nc",
            "era5": [ { "layout": "{{era5Layout}}", "paths": ["{{era5Paths}}"] } ],
            "modis": [ {{(modis ? "{ \"paths\": [\"modis/modis_*.nc\"] }" : "")}} ]
          }
        }
        """);

    public PipelineConfig Config() => PipelineConfig.Load(ConfigPath);

    private static void WriteGeography(string path)
    {
        var lats = Enumerable.Range(0, 36).Select(i => 87.5 - i * 5).ToArray();
        var lons = Enumerable.Range(0, 72).Select(j => -177.5 + j * 5).ToArray();
        using var nc = NetCdfFile.Create(path);
        nc.AddDimension("lat", lats.Length);
        nc.AddDimension("lon", lons.Length);
        nc.AddVariable("lat", NcType.Double, ["lat"]);
        nc.SetAttribute("lat", "units", "degrees_north");
        nc.AddVariable("lon", NcType.Double, ["lon"]);
        nc.SetAttribute("lon", "units", "degrees_east");
        nc.AddVariable("land_fraction", NcType.Float, ["lat", "lon"]);
        nc.SetAttribute("land_fraction", "units", "1");
        nc.AddVariable("elevation", NcType.Float, ["lat", "lon"], new NcVariableOptions { FillValue = AttributeValue.Of(-9999f) });
        nc.SetAttribute("elevation", "units", "m");
        nc.AddVariable("igbp", NcType.Int, ["lat", "lon"], new NcVariableOptions { FillValue = AttributeValue.Of(-1) });
        nc.AddVariable("koppen", NcType.Int, ["lat", "lon"], new NcVariableOptions { FillValue = AttributeValue.Of(-1) });
        var n = lats.Length * lons.Length;
        var land = new float[n];
        var elevation = new float[n];
        var igbp = new int[n];
        var koppen = new int[n];
        for (var i = 0; i < n; i++)
        {
            var isLand = IsLand(lons[i % lons.Length]);
            land[i] = isLand ? 1 : 0;
            elevation[i] = isLand ? 100 + (i % 7) : -9999;
            igbp[i] = isLand ? 4 : -1;
            koppen[i] = isLand ? 14 : -1;
        }
        nc.Write<double>("lat", lats);
        nc.Write<double>("lon", lons);
        nc.Write<float>("land_fraction", land);
        nc.Write<float>("elevation", elevation);
        nc.Write<int>("igbp", igbp);
        nc.Write<int>("koppen", koppen);
    }
}
