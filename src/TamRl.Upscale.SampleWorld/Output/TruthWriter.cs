using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>
/// W/truth/truth_YYYY.nc: the process model's daily GPP, RECO and NEE (float32, g C m-2 d-1) on the grid,
/// NaN over the sea; NEE = RECO - GPP exactly in float32. Time "days since 1970-01-01", one step per day of
/// the period that falls in the year.
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
    private readonly NetCdfStepWriter<float>[] _writers;
    private readonly DateOnly _first;

    public TruthWriter(string path, GridLayout layout, DateOnly first, DateOnly last, SampleWorldOptions options)
    {
        _first = first;
        var days = last.DayNumber - first.DayNumber + 1;
        _nc = NetCdfFile.Create(path);
        NetCdfConventions.Provenance(_nc, options, "Sample world truth: daily carbon fluxes of the process model");
        _nc.SetAttribute(null, "Conventions", "CF-1.10");
        _nc.SetAttribute(null, "process_model", "docs/sample-world.md: LUE GPP; Lloyd-Taylor RECO coupled to recent GPP; acclimation; drought legacy; latent field");
        _nc.AddDimension("time", days);
        _nc.AddVariable("time", NcType.Double, ["time"]);
        _nc.SetAttribute("time", "units", "days since 1970-01-01");
        _nc.SetAttribute("time", "calendar", "standard");
        _nc.SetAttribute("time", "standard_name", "time");
        _nc.SetAttribute("time", "axis", "T");
        NetCdfConventions.DefineLatLon(_nc, "lat", "lon", layout.Latitudes, layout.Longitudes, false);
        foreach (var (name, longName) in Variables)
            NetCdfConventions.AddFloatCube(_nc, name, ["time", "lat", "lon"], layout.Rows, layout.Columns, "g m-2 d-1", longName);
        NetCdfConventions.WriteLatLon(_nc, "lat", "lon", layout.Latitudes, layout.Longitudes);
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        _nc.Write<double>("time", Enumerable.Range(0, days).Select(d => (double)(first.DayNumber + d - epoch)).ToArray());
        _writers = Variables.Select(v => _nc.StepWriter<float>(v.Name)).ToArray();
    }

    /// <summary>Writes one day; arrays are grid-wide in native order (NaN over the sea).</summary>
    public void Write(DateOnly date, float[] gpp, float[] reco, float[] nee)
    {
        var step = date.DayNumber - _first.DayNumber;
        _writers[0].Write(step, gpp);
        _writers[1].Write(step, reco);
        _writers[2].Write(step, nee);
    }

    public void Dispose()
    {
        foreach (var w in _writers)
            w.Dispose();
        _nc.Dispose();
    }
}
