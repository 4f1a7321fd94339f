using System.Globalization;

namespace TamRl.Upscale.SampleWorld.Tests.Towers;

[Collection(TinyWorldCollection.Name)]
public class TowerTruthTests(TinyWorld world)
{
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void TowerTruth_CoversEveryTowerDay_WithNeeEqualToRecoMinusGpp()
    {
        var lines = File.ReadAllLines(world.File("truth", "towers.csv"));
        Assert.Equal("site_id,date,gpp,reco,nee,gpp_without_latent,reco_without_latent,nee_without_latent", lines[0]);
        var sites = File.ReadAllLines(world.File("towers", "sites.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(sites, rows.Select(r => r[0]).ToHashSet());
        foreach (var group in rows.GroupBy(r => r[0]))
        {
            var towerFile = File.ReadAllLines(Directory.GetFiles(world.File("towers"), $"*_{group.Key}_*.csv").Single());
            Assert.Equal(towerFile.Length - 1, group.Count());
        }
        foreach (var r in rows)
        {
            Assert.True(D(r[2]) >= 0 && D(r[3]) >= 0 && D(r[5]) >= 0 && D(r[6]) >= 0, string.Join(",", r));
            Assert.Equal(D(r[3]) - D(r[2]), D(r[4]), 4);
            Assert.Equal(D(r[6]) - D(r[5]), D(r[7]), 4);
        }
    }

    [Fact]
    public void TowerFiles_AreTheTruthPlusNoise_AndTheLatentFactorVariesBetweenSites()
    {
        var truth = File.ReadAllLines(world.File("truth", "towers.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(r => (r[0], r[1].Replace("-", "")), r => (Gpp: D(r[2]), Nee: D(r[4]), GppWithoutLatent: D(r[5])));
        var residuals = new List<double>();
        foreach (var file in Directory.GetFiles(world.File("towers"), "*_DD_*.csv"))
        {
            var site = File.ReadAllLines(world.File("towers", "sites.csv")).Skip(1).Select(l => l.Split(',')).Single(f => f[6] == Path.GetFileName(file))[0];
            var lines = File.ReadAllLines(file);
            var header = lines[0].Split(',');
            var nee = Array.IndexOf(header, "NEE_VUT_USTAR50");
            foreach (var f in lines.Skip(1).Select(l => l.Split(',')))
                if (f[nee] != "-9999")
                    residuals.Add(D(f[nee]) - truth[(site, f[0])].Nee);
        }
        // Measurement noise: unbiased, sd about 0.35-0.6 g C m-2 d-1 (TowerWriter), never zero.
        var mean = residuals.Average();
        var sd = Math.Sqrt(residuals.Average(r => (r - mean) * (r - mean)));
        Assert.InRange(Math.Abs(mean), 0, 0.05);
        Assert.InRange(sd, 0.25, 0.9);
        // The twin differs only by the latent efficiency exp(0.2 z1) on GPP: a ratio constant per site that differs between sites.
        var factors = truth.Where(t => t.Value.GppWithoutLatent > 0.5).GroupBy(t => t.Key.Item1)
            .Select(g => g.Select(t => t.Value.Gpp / t.Value.GppWithoutLatent).ToList()).ToList();
        Assert.All(factors, f => Assert.InRange(f.Max() - f.Min(), 0, 0.01 * f.Average()));
        Assert.True(factors.Select(f => f.Average()).Max() - factors.Select(f => f.Average()).Min() > 0.02, "latent factors should differ between sites");
    }
}
