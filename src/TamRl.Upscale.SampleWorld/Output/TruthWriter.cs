using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.SampleWorld.Streaming;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>
/// W/truth/truth_YYYY.nc: the process model's daily GPP, RECO and NEE (float32, g C m-2 d-1) on the grid,
/// NaN over the sea; NEE = RECO - GPP exactly in float32. Time "days since 1970-01-01", one step per day of
/// the period that falls in the year. Defined once, then written band by band (one day of one band at a time).
/// </summary>
internal sealed class TruthWriter : IDisposable
{
    private static readonly (string Name, string LongName)[] Variables =
    [
        ("gpp", "gross primary production (carbon)"),
        ("reco", "ecosystem respiration (carbon)"),
        ("nee", "net ecosystem exchange of carbon, RECO - GPP (positive: source to the atmosphere)"),
    ];

    private readonly NetCdfFile _nc;
    private readonly DateOnly _first;
    private readonly int _rowStart, _rows, _columns;

    private TruthWriter(NetCdfFile nc, DateOnly first, int rowStart, int rows, int columns)
    {
        _nc = nc;
        _first = first;
        _rowStart = rowStart;
        _rows = rows;
        _columns = columns;
    }

    public static void Define(string path, GridLayout layout, BandPlan plan, DateOnly first, DateOnly last, SampleWorldOptions options)
    {
        var days = last.DayNumber - first.DayNumber + 1;
        using var nc = NetCdfFile.Create(path);
        NetCdfConventions.Provenance(nc, options, "Sample world truth: daily carbon fluxes of the process model");
        nc.SetAttribute(null, "Conventions", "CF-1.10");
        nc.SetAttribute(null, "process_model", "docs/sample-world.md: LUE GPP; Lloyd-Taylor RECO coupled to recent GPP; acclimation; drought legacy; latent field");
        nc.AddDimension("time", days);
        nc.AddVariable("time", NcType.Double, ["time"]);
        nc.SetAttribute("time", "units", CfTimeEncoder.DaysSinceEpoch);
        nc.SetAttribute("time", "calendar", CfTimeEncoder.Calendar);
        nc.SetAttribute("time", "standard_name", "time");
        nc.SetAttribute("time", "axis", "T");
        NetCdfConventions.DefineLatLon(nc, "lat", "lon", layout.Latitudes, layout.Longitudes, false);
        foreach (var (name, longName) in Variables)
            NetCdfConventions.AddFloatCube(nc, name, ["time", "lat", "lon"], plan.CubeChunks, "g m-2 d-1", longName);
        NetCdfConventions.WriteLatLon(nc, "lat", "lon", layout.Latitudes, layout.Longitudes);
        nc.Write<double>("time", CfTimeEncoder.Days(first, days));
    }

    /// <summary>Opens the year's file (first day <paramref name="first"/>) to write a band of grid rows into it.</summary>
    public static TruthWriter OpenBand(string path, BandPlan plan, DateOnly first, int rowStart, int rows) =>
        new(NetCdfConventions.OpenForBand(path, Variables.Select(v => v.Name), (long)plan.ChunkRows * plan.Grid.Columns * sizeof(float)),
            first, rowStart, rows, plan.Grid.Columns);

    /// <summary>Writes one day of the band; arrays are band-local in native order (NaN over the sea).</summary>
    public void Write(DateOnly date, float[] gpp, float[] reco, float[] nee)
    {
        long[] start = [date.DayNumber - _first.DayNumber, _rowStart, 0];
        long[] count = [1, _rows, _columns];
        _nc.Write<float>("gpp", start, count, gpp);
        _nc.Write<float>("reco", start, count, reco);
        _nc.Write<float>("nee", start, count, nee);
    }

    public void Dispose() => _nc.Dispose();
}
