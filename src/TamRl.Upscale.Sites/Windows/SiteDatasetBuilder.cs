using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Fluxnet;

namespace TamRl.Upscale.Sites.Windows;

/// <summary>
/// Joins each tower's daily fluxes to the driver series at its pixel over one period, giving the
/// <see cref="TrainingDataset"/>. A tower outside the driver grid is an error naming the site (the table
/// or the grid is wrong); a tower without a single flux day in the period, or whose pixel has no drivers at
/// all (ocean in the cube's land mask, common for coastal towers at coarse resolution), is left out and
/// reported in <see cref="SiteExtractionResult.Skipped"/>.
/// </summary>
public static class SiteDatasetBuilder
{
    /// <param name="towers">The towers (from <see cref="SiteTable"/>).</param>
    /// <param name="siteTable">The table the towers came from, named in errors.</param>
    /// <param name="drivers">The driver series.</param>
    /// <param name="options">Period and windows.</param>
    public static SiteExtractionResult Build(IReadOnlyList<TowerSite> towers, string siteTable, ISiteDriverSource drivers, SiteExtractionOptions? options = null)
    {
        options ??= new SiteExtractionOptions();
        if (DriverFeatures.Problem(drivers.Features) is { } problem)
            throw new InvalidInputException(drivers.Description, "features", problem);
        var first = options.FirstDay ?? drivers.FirstDay;
        var last = options.LastDay ?? drivers.LastDay;
        if (last < first)
            throw new InvalidInputException(siteTable, null, $"the period {first:yyyy-MM-dd}..{last:yyyy-MM-dd} ends before it starts");
        if (first < drivers.FirstDay || last > drivers.LastDay)
            throw new InvalidInputException(drivers.Description, null,
                $"the period {first:yyyy-MM-dd}..{last:yyyy-MM-dd} is not covered by the drivers ({drivers.FirstDay:yyyy-MM-dd}..{drivers.LastDay:yyyy-MM-dd})");
        var days = last.DayNumber - first.DayNumber + 1;

        // Every tower must lie on the grid before anything is read: a wrong table fails fast.
        var pixels = new (int Row, int Column)[towers.Count];
        for (var i = 0; i < towers.Count; i++)
        {
            var t = towers[i];
            if (!drivers.TryLocate(t, out var row, out var column))
                throw new InvalidInputException(siteTable, null,
                    $"site '{t.Id}' at latitude {t.Latitude}, longitude {t.Longitude} lies outside the driver grid ({drivers.DescribeGrid()})");
            pixels[i] = (row, column);
        }

        var skipped = new List<SkippedSite>();
        var kept = new List<(TowerSite Site, TowerRecord Record, (int, int) Pixel)>();
        for (var i = 0; i < towers.Count; i++)
        {
            var record = ReadTower(towers[i], siteTable, options.Columns);
            var overlap = Math.Min(record.LastDay.DayNumber, last.DayNumber) - Math.Max(record.FirstDay.DayNumber, first.DayNumber) + 1;
            var hasData = overlap > 0 && Enumerable.Range(Math.Max(record.FirstDay.DayNumber, first.DayNumber) - record.FirstDay.DayNumber, overlap)
                .Any(d => float.IsFinite(record.Nee[d]) || float.IsFinite(record.Gpp[d]) || float.IsFinite(record.Reco[d]));
            if (!hasData)
                skipped.Add(new SkippedSite(towers[i].Id, $"no flux data in {first:yyyy-MM-dd}..{last:yyyy-MM-dd} (record {record.FirstDay:yyyy-MM-dd}..{record.LastDay:yyyy-MM-dd})"));
            else
                kept.Add((towers[i], record, pixels[i]));
        }

        var nf = drivers.Features.Count;
        var series = kept.Count == 0 ? [] : drivers.ReadSeries(kept.Select(k => k.Pixel).ToArray(), first, last);
        var perSite = days * nf;
        var withDrivers = new List<int>();
        for (var k = 0; k < kept.Count; k++)
        {
            if (HasFinite(series.AsSpan(k * perSite, perSite)))
                withDrivers.Add(k);
            else
                skipped.Add(new SkippedSite(kept[k].Site.Id, $"its pixel (row {kept[k].Pixel.Item1}, column {kept[k].Pixel.Item2}) has no drivers (ocean in the driver cube)"));
        }

        var n = withDrivers.Count;
        if (n == 0)
            throw new InvalidInputException(siteTable, null,
                $"none of the {towers.Count} towers has both flux data and drivers in {first:yyyy-MM-dd}..{last:yyyy-MM-dd}" +
                (skipped.Count > 0 ? $" (first: {skipped[0].SiteId}: {skipped[0].Reason})" : ""));
        var driverValues = new float[(long)n * perSite];
        var gpp = new float[n * days];
        var reco = new float[n * days];
        var nee = new float[n * days];
        var qc = new float[n * days];
        var sites = new SiteInfo[n];
        for (var j = 0; j < n; j++)
        {
            var (tower, record, _) = kept[withDrivers[j]];
            series.AsSpan(withDrivers[j] * perSite, perSite).CopyTo(driverValues.AsSpan(j * perSite));
            var network = string.IsNullOrWhiteSpace(tower.Network) ? FluxnetReleases.NetworkName(record.Release) : tower.Network;
            sites[j] = new SiteInfo(tower.Id, tower.Latitude, NormaliseLongitude(tower.Longitude), tower.Igbp, tower.Koppen, network);
            for (var d = 0; d < days; d++)
            {
                var r = first.DayNumber + d - record.FirstDay.DayNumber;
                var inRecord = r >= 0 && r < record.DayCount;
                gpp[j * days + d] = inRecord ? record.Gpp[r] : float.NaN;
                reco[j * days + d] = inRecord ? record.Reco[r] : float.NaN;
                nee[j * days + d] = inRecord ? record.Nee[r] : float.NaN;
                qc[j * days + d] = inRecord ? record.Qc[r] : float.NaN;
            }
        }
        var dataset = new TrainingDataset(sites, first, days, drivers.Features, driverValues, gpp, reco, nee, qc,
            options.WindowLength, options.WindowStride);
        return new SiteExtractionResult(dataset, skipped, kept.Select(k => k.Record.Path).ToArray());
    }

    private static bool HasFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
            if (float.IsFinite(v))
                return true;
        return false;
    }

    private static double NormaliseLongitude(double lon) => lon >= 180 ? lon - 360 : lon;

    internal static TowerRecord ReadTower(TowerSite tower, string siteTable, TowerColumns? columns = null, IEnumerable<string>? extraColumns = null)
    {
        if (!File.Exists(tower.File))
            throw new InvalidInputException(siteTable, "file", $"site '{tower.Id}': flux file {tower.File} does not exist");
        var release = FluxnetReleases.FromFileName(tower.File) ?? ReleaseOfNetwork(tower.Network)
            ?? throw new InvalidInputException(tower.File, null,
                $"site '{tower.Id}': cannot tell the release from the file name (FLX_, AMF_, ICOSETC_, JPX_) or the network '{tower.Network}'");
        var record = FluxnetDailyReader.Read(tower.File, release, extraColumns, columns);
        if (!string.Equals(record.SiteId, tower.Id, StringComparison.Ordinal))
            throw new InvalidInputException(siteTable, "file", $"site '{tower.Id}' points to {tower.File}, a file of site '{record.SiteId}'");
        return record;
    }

    private static FluxnetRelease? ReleaseOfNetwork(string network) => network.Trim().ToUpperInvariant() switch
    {
        "FLUXNET2015" or "FLUXNET" or "FLX" => FluxnetRelease.Fluxnet2015,
        "AMERIFLUX" or "AMF" => FluxnetRelease.AmeriFlux,
        "ICOS" or "ICOSETC" => FluxnetRelease.Icos,
        "JAPANFLUX" or "JPX" => FluxnetRelease.JapanFlux,
        _ => null,
    };
}
