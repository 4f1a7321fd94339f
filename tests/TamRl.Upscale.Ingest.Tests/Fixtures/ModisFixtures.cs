using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Ingest.Tests.Fixtures;

/// <summary>The good value of a composite and its QA word, as functions of the composite's start day and the cell.</summary>
internal delegate (double Ndvi, double Evi, double LstKelvin, ushort Qa) CompositeField(DateOnly start, double latitude, double longitude);

/// <summary>
/// Tiny MODIS-CMG-like files (docs/data-contracts.md §1): 8-day composites on a geographic grid, ndvi and evi
/// int16 (scale 0.0001, _FillValue -3000, valid_range -2000..10000), lst_day uint16 (scale 0.02 K, _FillValue 0),
/// qa uint16. Latitudes are stored south to north here, so readers must flip them.
/// </summary>
internal static class ModisFixtures
{
    public static DateOnly[] CompositeStarts(int year) =>
        Enumerable.Range(0, 46).Select(k => new DateOnly(year, 1, 1).AddDays(8 * k)).ToArray();

    public static void Write(string path, double[] latitudesAscending, double[] longitudes, IReadOnlyList<DateOnly> starts, CompositeField field,
        string lstUnits = "K", bool withQa = true)
    {
        using var nc = NetCdfFile.Create(path);
        nc.SetAttribute(null, "Conventions", "CF-1.10");
        nc.AddDimension("time", starts.Count);
        nc.AddDimension("lat", latitudesAscending.Length);
        nc.AddDimension("lon", longitudes.Length);
        nc.AddVariable("time", NcType.Double, ["time"]);
        nc.SetAttribute("time", "units", "days since 1970-01-01");
        nc.SetAttribute("time", "calendar", "standard");
        nc.SetAttribute("time", "axis", "T");
        nc.AddVariable("lat", NcType.Double, ["lat"]);
        nc.SetAttribute("lat", "units", "degrees_north");
        nc.AddVariable("lon", NcType.Double, ["lon"]);
        nc.SetAttribute("lon", "units", "degrees_east");
        string[] dims = ["time", "lat", "lon"];
        foreach (var name in new[] { "ndvi", "evi" })
        {
            nc.AddVariable(name, NcType.Short, dims, new NcVariableOptions { DeflateLevel = 1, FillValue = AttributeValue.Of((short)-3000) });
            nc.SetAttribute(name, "scale_factor", AttributeValue.Of(0.0001));
            nc.SetAttribute(name, "valid_range", AttributeValue.Of((short)-2000, (short)10000));
            nc.SetAttribute(name, "units", "1");
        }
        nc.AddVariable("lst_day", NcType.UShort, dims, new NcVariableOptions { DeflateLevel = 1, FillValue = AttributeValue.FromNumbers(new ushort[] { 0 }) });
        nc.SetAttribute("lst_day", "scale_factor", AttributeValue.Of(0.02));
        nc.SetAttribute("lst_day", "units", lstUnits);
        if (withQa)
            nc.AddVariable("qa", NcType.UShort, dims);

        nc.Write<double>("time", starts.Select(s => (double)(s.DayNumber - new DateOnly(1970, 1, 1).DayNumber)).ToArray());
        nc.Write<double>("lat", latitudesAscending);
        nc.Write<double>("lon", longitudes);
        var n = starts.Count * latitudesAscending.Length * longitudes.Length;
        var ndvi = new short[n];
        var evi = new short[n];
        var lst = new ushort[n];
        var qa = new ushort[n];
        var i = 0;
        foreach (var s in starts)
            foreach (var lat in latitudesAscending)
                foreach (var lon in longitudes)
                {
                    var v = field(s, lat, lon);
                    ndvi[i] = double.IsNaN(v.Ndvi) ? (short)-3000 : (short)Math.Round(v.Ndvi / 0.0001);
                    evi[i] = double.IsNaN(v.Evi) ? (short)-3000 : (short)Math.Round(v.Evi / 0.0001);
                    lst[i] = double.IsNaN(v.LstKelvin) ? (ushort)0 : (ushort)Math.Round(v.LstKelvin / 0.02);
                    qa[i] = v.Qa;
                    i++;
                }
        nc.Write<short>("ndvi", ndvi);
        nc.Write<short>("evi", evi);
        nc.Write<ushort>("lst_day", lst);
        if (withQa)
            nc.Write<ushort>("qa", qa);
    }
}
