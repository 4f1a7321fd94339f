using TamRl.Upscale.IO.Cf;
using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Sites.Dataset;

/// <summary>
/// Writes and reads <c>training.nc</c> (docs/data-contracts.md §3): a NetCDF-4 file with dimensions site,
/// time and feature; a CF "timeSeries" feature type with <c>site_id</c> as the series id. Series are
/// chunked one site at a time, so a site's whole record is one read.
/// </summary>
public static class TrainingDatasetFile
{
    public const string TimeUnits = CfTimeEncoder.DaysSinceEpoch;
    public const string FluxUnits = "g m-2 d-1";

    private static readonly DateOnly Epoch = CfTimeEncoder.Epoch;

    private static readonly (string Name, string LongName, string Source)[] Fluxes =
    [
        ("gpp", "gross primary productivity of carbon, night-time partitioning", "GPP_NT_VUT_USTAR50"),
        ("reco", "ecosystem respiration of carbon, night-time partitioning", "RECO_NT_VUT_USTAR50"),
        ("nee", "net ecosystem exchange of carbon, positive upward", "NEE_VUT_USTAR50"),
    ];

    /// <summary>
    /// Writes the dataset to <paramref name="path"/>: first to a hidden file beside it, renamed over the
    /// target when complete, so a failure never leaves half a file under the final name.
    /// </summary>
    public static void Write(TrainingDataset dataset, string path, string? history = null)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        IO.Files.AtomicFile.Write(full, temp =>
        {
            using var nc = NetCdfFile.Create(temp);
            WriteContent(nc, dataset, history);
        });
    }

    private static void WriteContent(NetCdfFile nc, TrainingDataset ds, string? history)
    {
        nc.SetAttribute(null, "Conventions", "CF-1.10");
        nc.SetAttribute(null, "title", "TamRl.Upscale training dataset: flux-tower daily fluxes with the driver series at each tower's pixel");
        nc.SetAttribute(null, "featureType", "timeSeries");
        nc.SetAttribute(null, "source", "FLUXNET-format FULLSET DD tower files and the TamRl.Upscale driver cube");
        nc.SetAttribute(null, "history", history ?? $"{Core.Time.ReproducibleClock.Now().UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} tamrl extract-sites");
        nc.SetAttribute(null, "window_length", AttributeValue.Of(ds.WindowLength));
        nc.SetAttribute(null, "window_stride", AttributeValue.Of(ds.WindowStride));

        nc.AddDimension("site", ds.SiteCount);
        nc.AddDimension("time", ds.DayCount);
        nc.AddDimension("feature", ds.FeatureCount);

        nc.AddVariable("time", NcType.Int, ["time"]);
        nc.SetAttribute("time", "units", TimeUnits);
        nc.SetAttribute("time", "calendar", "standard");
        nc.SetAttribute("time", "standard_name", "time");
        nc.SetAttribute("time", "axis", "T");

        nc.AddVariable("feature", NcType.String, ["feature"]);
        nc.SetAttribute("feature", "long_name", "driver feature name (Core DriverFeatures order)");

        nc.AddVariable("site_id", NcType.String, ["site"]);
        nc.SetAttribute("site_id", "cf_role", "timeseries_id");
        nc.SetAttribute("site_id", "long_name", "flux tower site id");
        nc.AddVariable("lat", NcType.Double, ["site"]);
        nc.SetAttribute("lat", "units", "degrees_north");
        nc.SetAttribute("lat", "standard_name", "latitude");
        nc.SetAttribute("lat", "axis", "Y");
        nc.AddVariable("lon", NcType.Double, ["site"]);
        nc.SetAttribute("lon", "units", "degrees_east");
        nc.SetAttribute("lon", "standard_name", "longitude");
        nc.SetAttribute("lon", "axis", "X");
        nc.AddVariable("igbp", NcType.Int, ["site"]);
        nc.SetAttribute("igbp", "long_name", "IGBP land cover class index");
        nc.SetAttribute("igbp", "flag_values", AttributeValue.Of(Enumerable.Range(0, StaticClasses.IgbpClassCount).ToArray()));
        nc.SetAttribute("igbp", "flag_meanings", string.Join(' ', StaticClasses.IgbpCodes));
        nc.AddVariable("koppen", NcType.Int, ["site"]);
        nc.SetAttribute("koppen", "long_name", "Koppen-Geiger climate class index (Kottek et al. 2006)");
        nc.SetAttribute("koppen", "flag_values", AttributeValue.Of(Enumerable.Range(0, StaticClasses.KoppenClassCount).ToArray()));
        nc.SetAttribute("koppen", "flag_meanings", string.Join(' ', StaticClasses.KoppenCodes));
        nc.AddVariable("network", NcType.String, ["site"]);
        nc.SetAttribute("network", "long_name", "data release the tower record came from");

        var floatOptions = (long[] chunks) => new NcVariableOptions
        {
            DeflateLevel = 4,
            Shuffle = true,
            ChunkSizes = chunks,
            FillValue = AttributeValue.Of(float.NaN),
        };
        var days = Math.Max(1, ds.DayCount);
        nc.AddVariable("drivers", NcType.Float, ["site", "time", "feature"], floatOptions([1, days, Math.Max(1, ds.FeatureCount)]));
        nc.SetAttribute("drivers", "long_name", "daily drivers at the tower's pixel of the driver cube");
        // No "units": the features have different units (a single CF units string cannot say that).
        nc.SetAttribute("drivers", "feature_units", string.Join(';', ds.Features.Select(UnitsOf)));
        nc.SetAttribute("drivers", "comment", "units per feature in feature_units (';'-separated, feature order), as Core DriverFeatures and the driver cube");
        nc.SetAttribute("drivers", "coordinates", "site_id lat lon");
        foreach (var (name, longName, source) in Fluxes)
        {
            nc.AddVariable(name, NcType.Float, ["site", "time"], floatOptions([1, days]));
            nc.SetAttribute(name, "units", FluxUnits);
            nc.SetAttribute(name, "long_name", longName);
            nc.SetAttribute(name, "source_variable", source);
            nc.SetAttribute(name, "coordinates", "site_id lat lon");
        }
        nc.AddVariable("qc", NcType.Float, ["site", "time"], floatOptions([1, days]));
        nc.SetAttribute("qc", "units", "1");
        nc.SetAttribute("qc", "long_name", "fraction of measured (not gap-filled) data behind the daily NEE");
        nc.SetAttribute("qc", "source_variable", "NEE_VUT_USTAR50_QC");
        nc.SetAttribute("qc", "comment", "training weights days by qc; testing uses days with qc == 1 only");
        nc.SetAttribute("qc", "valid_range", AttributeValue.Of(0f, 1f));
        nc.SetAttribute("qc", "coordinates", "site_id lat lon");

        nc.Write<int>("time", Enumerable.Range(0, ds.DayCount).Select(d => ds.FirstDay.DayNumber - Epoch.DayNumber + d).ToArray());
        nc.WriteStrings("feature", ds.Features);
        nc.WriteStrings("site_id", ds.Sites.Select(s => s.Id).ToArray());
        nc.Write<double>("lat", ds.Sites.Select(s => s.Latitude).ToArray());
        nc.Write<double>("lon", ds.Sites.Select(s => s.Longitude).ToArray());
        nc.Write<int>("igbp", ds.Sites.Select(s => s.Igbp).ToArray());
        nc.Write<int>("koppen", ds.Sites.Select(s => s.Koppen).ToArray());
        nc.WriteStrings("network", ds.Sites.Select(s => s.Network).ToArray());
        if (ds.SiteCount == 0 || ds.DayCount == 0)
            return;
        nc.Write<float>("drivers", ds.Drivers);
        nc.Write<float>("gpp", ds.Gpp);
        nc.Write<float>("reco", ds.Reco);
        nc.Write<float>("nee", ds.Nee);
        nc.Write<float>("qc", ds.Qc);
    }

    private static string UnitsOf(string feature) =>
        Core.Variables.DriverFeatures.Find(feature)?.Units ?? "unknown";

    /// <summary>Reads a training.nc; anything missing or inconsistent throws naming the file and variable.</summary>
    public static TrainingDataset Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InvalidInputException(full, null, "training dataset not found");
        using var nc = NetCdfFile.Open(full);
        foreach (var dim in new[] { "site", "time", "feature" })
            if (!nc.Dimensions.ContainsKey(dim))
                throw new InvalidInputException(full, dim, "missing dimension");
        var sites = (int)nc.Dimensions["site"];
        var days = (int)nc.Dimensions["time"];
        var features = (int)nc.Dimensions["feature"];

        var timeVar = RequireVariable(nc, "time", "time");
        var units = timeVar.Attributes.GetText("units");
        if (units != TimeUnits)
            throw new InvalidInputException(full, "time", $"expected units '{TimeUnits}', found '{units}'");
        var time = nc.Read<int>("time");
        var firstDay = days > 0 ? Epoch.AddDays(time[0]) : Epoch;
        for (var d = 1; d < days; d++)
            if (time[d] != time[d - 1] + 1)
                throw new InvalidInputException(full, "time", $"days must be consecutive; step {d} goes from {time[d - 1]} to {time[d]}");

        RequireVariable(nc, "feature", "feature");
        RequireVariable(nc, "site_id", "site");
        var featureNames = nc.ReadStrings("feature");
        var ids = nc.ReadStrings("site_id");
        var lat = ReadSiteValues<double>(nc, "lat");
        var lon = ReadSiteValues<double>(nc, "lon");
        var igbp = ReadSiteValues<int>(nc, "igbp");
        var koppen = ReadSiteValues<int>(nc, "koppen");
        RequireVariable(nc, "network", "site");
        var network = nc.ReadStrings("network");
        var siteList = Enumerable.Range(0, sites).Select(i => new SiteInfo(ids[i], lat[i], lon[i], igbp[i], koppen[i], network[i])).ToArray();

        float[] ReadFloats(string name, params string[] dims)
        {
            RequireVariable(nc, name, dims);
            return sites == 0 || days == 0 ? [] : nc.Read<float>(name);
        }
        var drivers = ReadFloats("drivers", "site", "time", "feature");
        var gpp = ReadFloats("gpp", "site", "time");
        var reco = ReadFloats("reco", "site", "time");
        var nee = ReadFloats("nee", "site", "time");
        var qc = ReadFloats("qc", "site", "time");

        var globals = nc.GlobalAttributes;
        var length = ReadIntAttribute(full, globals, "window_length");
        var stride = ReadIntAttribute(full, globals, "window_stride");
        try
        {
            return new TrainingDataset(siteList, firstDay, days, featureNames, drivers, gpp, reco, nee, qc, length, stride);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(full, e.ParamName, e.Message, e);
        }
    }

    private static ArrayVariableInfo RequireVariable(NetCdfFile nc, string name, params string[] dims)
    {
        if (!nc.HasVariable(name))
            throw new InvalidInputException(nc.Path, name, "missing variable");
        var info = nc.GetVariable(name);
        if (!info.DimensionNames.SequenceEqual(dims))
            throw new InvalidInputException(nc.Path, name, $"expected dimensions ({string.Join(", ", dims)}), found ({string.Join(", ", info.DimensionNames)})");
        return info;
    }

    private static T[] ReadSiteValues<T>(NetCdfFile nc, string name) where T : unmanaged
    {
        RequireVariable(nc, name, "site");
        return nc.Read<T>(name);
    }

    private static int ReadIntAttribute(string path, AttributeSet attributes, string name)
    {
        var values = attributes.GetDoubles(name);
        if (values is not { Length: 1 } || values[0] < 1 || values[0] != Math.Floor(values[0]))
            throw new InvalidInputException(path, name, "expected a positive integer global attribute");
        return (int)values[0];
    }
}
