using System.Globalization;
using System.Text;
using System.Text.Json;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.SampleWorld.Ecosystem;

namespace TamRl.Upscale.Bench;

/// <summary>
/// What the towers can tell a model about the global net flux of a sample world (issue 19): the world's annual
/// NEE is about (k - 1) GPP with k = 0.955 exp(0.04 z2), where z2 is a latent field no driver reveals
/// (<see cref="LatentFields"/>). A model exact in everything else still has to guess z2 away from the towers.
/// Integrates, over the land of one truth year (daily GPP x cell area x land fraction, Pg C):
/// <list type="bullet">
/// <item>the truth's NEE, and the same approximation with each cell's own z2 (how good the approximation is);</item>
/// <item>a latent-blind model: every cell gets the towers' GPP-weighted mean of exp(0.04 z2);</item>
/// <item>models that carry z2 from the towers by location: each cell takes the mean z2 of its nearest 1, 5 or 20
///   towers (great-circle), as a model with lat/lon inputs could at best.</item>
/// </list>
/// Reads the world folder only (truth/truth_YEAR.nc, static/geography.nc, towers/sites.csv, truth/towers.csv,
/// manifest.json for the seed); trains nothing. Usage: <c>bench/run.sh budget-floor --world DIR [--year 2020]</c>.
/// </summary>
public static class LatentFloorBenchmark
{
    public static string Run(string world, int? year)
    {
        var seed = JsonDocument.Parse(File.ReadAllText(Path.Combine(world, "manifest.json"))).RootElement.GetProperty("seed").GetUInt64();
        var truthPath = year is { } y
            ? Path.Combine(world, "truth", $"truth_{y}.nc")
            : Directory.GetFiles(Path.Combine(world, "truth"), "truth_*.nc").Order(StringComparer.Ordinal).Last();
        var (lats, lons, weightPg, gpp, nee) = AnnualTruth(truthPath, Path.Combine(world, "static", "geography.nc"));

        var z2 = new float[lats.Length];
        LatentFields.Respiration(seed, lats, lons, z2);
        var towers = Towers(world);
        var towerZ2 = new float[towers.Count];
        LatentFields.Respiration(seed, towers.Select(t => t.Lat).ToArray(), towers.Select(t => t.Lon).ToArray(), towerZ2);

        double gppTotal = 0, neeTotal = 0, ownZ2 = 0;
        for (var i = 0; i < lats.Length; i++)
        {
            gppTotal += gpp[i] * weightPg[i];
            neeTotal += nee[i] * weightPg[i];
            ownZ2 += gpp[i] * weightPg[i] * (LatentFields.AnnualRespirationRatio(z2[i]) - 1);
        }
        var towerGpp = towers.Sum(t => t.Gpp);
        var towersMeanK = towers.Select((t, k) => t.Gpp * LatentFields.AnnualRespirationRatio(towerZ2[k])).Sum() / towerGpp;
        var blind = gppTotal * (towersMeanK - 1);

        var sb = new StringBuilder();
        sb.AppendLine($"world {world} (seed {seed}), {Path.GetFileName(truthPath)}: land GPP {gppTotal:F2}, NEE {neeTotal:F2} Pg C; " +
                      $"towers {towers.Count}, mean z2 at the towers {towerZ2.Average():F3}, land-area mean z2 {AreaMean(z2, weightPg):F3}");
        sb.AppendLine();
        sb.AppendLine("| model of z2 (everything else exact) | NEE (Pg C) | against the approximation | against the truth |");
        sb.AppendLine("|---|---:|---:|---:|");
        void Row(string name, double value) =>
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {value:F2} | {(value / ownZ2 - 1) * 100:+0;-0} % | {(value / neeTotal - 1) * 100:+0;-0} % |"));
        Row("each cell's own z2 (the approximation itself)", ownZ2);
        Row("latent-blind: the towers' GPP-weighted mean k", blind);
        foreach (var near in new[] { 1, 5, 20 })
            Row($"z2 from the nearest {near} tower(s)", Nearest(near, lats, lons, gpp, weightPg, towers, towerZ2));
        return sb.ToString();
    }

    private static double AreaMean(float[] values, double[] weight)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i] * weight[i];
            total += weight[i];
        }
        return sum / total;
    }

    private static double Nearest(int near, double[] lats, double[] lons, double[] gpp, double[] weightPg,
        IReadOnlyList<(double Lat, double Lon, double Gpp)> towers, float[] towerZ2)
    {
        double total = 0;
        var distance = new (double D, int K)[towers.Count];
        for (var i = 0; i < lats.Length; i++)
        {
            for (var k = 0; k < towers.Count; k++)
                distance[k] = (GreatCircle(lats[i], lons[i], towers[k].Lat, towers[k].Lon), k);
            var z2 = distance.OrderBy(d => d.D).ThenBy(d => d.K).Take(near).Average(d => (double)towerZ2[d.K]);
            total += gpp[i] * weightPg[i] * (LatentFields.AnnualRespirationRatio(z2) - 1);
        }
        return total;
    }

    private static double GreatCircle(double lat1, double lon1, double lat2, double lon2)
    {
        var (p1, p2, dl) = (lat1 * Math.PI / 180, lat2 * Math.PI / 180, (lon1 - lon2) * Math.PI / 180);
        return Math.Acos(Math.Clamp(Math.Sin(p1) * Math.Sin(p2) + Math.Cos(p1) * Math.Cos(p2) * Math.Cos(dl), -1, 1));
    }

    /// <summary>Land cells of the truth year: their centres, Pg per (g m-2) of flux, and annual GPP and NEE (g m-2).</summary>
    private static (double[] Lats, double[] Lons, double[] WeightPg, double[] Gpp, double[] Nee) AnnualTruth(string truthPath, string geographyPath)
    {
        using var truth = NetCdfFile.Open(truthPath);
        var lat = truth.Read<double>("lat");
        var lon = truth.Read<double>("lon");
        if (lat.Length < 2 || lat[0] < lat[^1])
            throw new InvalidDataException($"{truthPath}: 'lat' must run north to south, as the sample world writes it.");
        var (rows, columns) = (lat.Length, lon.Length);
        var resolution = Math.Abs(lat[0] - lat[1]);
        var grid = new RegularLatLonGrid(rows, columns, lon[0] - resolution / 2, lat[0] + resolution / 2, resolution, resolution);
        var rowArea = grid.RowCellAreas();
        using var geography = NetCdfFile.Open(geographyPath);
        var land = geography.Read<float>("land_fraction");

        var gpp = new double[rows * columns];
        var nee = new double[rows * columns];
        var day = new float[rows * columns];
        var days = truth.GetVariable("gpp").Shape[0];
        for (var t = 0; t < days; t++)
        {
            truth.Read<float>("gpp", [t, 0, 0], [1, rows, columns], day);
            for (var i = 0; i < day.Length; i++)
                if (!float.IsNaN(day[i]))
                    gpp[i] += day[i];
            truth.Read<float>("nee", [t, 0, 0], [1, rows, columns], day);
            for (var i = 0; i < day.Length; i++)
                if (!float.IsNaN(day[i]))
                    nee[i] += day[i];
        }
        var cells = Enumerable.Range(0, rows * columns).Where(i => land[i] > 0).ToArray();
        return (cells.Select(i => lat[i / columns]).ToArray(),
            cells.Select(i => lon[i % columns] > 180 ? lon[i % columns] - 360 : lon[i % columns]).ToArray(),
            cells.Select(i => rowArea[i / columns] * land[i] / 1e15).ToArray(),
            cells.Select(i => gpp[i]).ToArray(),
            cells.Select(i => nee[i]).ToArray());
    }

    /// <summary>Each tower's place and its records' total GPP in the truth (the weight of its z2 in what a model learns).</summary>
    private static IReadOnlyList<(double Lat, double Lon, double Gpp)> Towers(string world)
    {
        var gpp = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(world, "truth", "towers.csv")).Skip(1))
        {
            var p = line.Split(',');
            gpp[p[0]] = gpp.GetValueOrDefault(p[0]) + double.Parse(p[2], CultureInfo.InvariantCulture);
        }
        return File.ReadLines(Path.Combine(world, "towers", "sites.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(p => (double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture), gpp.GetValueOrDefault(p[0])))
            .ToArray();
    }
}
