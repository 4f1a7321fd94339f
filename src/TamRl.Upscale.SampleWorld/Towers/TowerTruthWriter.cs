using System.Globalization;
using System.Text;

namespace TamRl.Upscale.SampleWorld.Towers;

/// <summary>
/// W/truth/towers.csv: every tower's noise-free daily fluxes over its record, the answer key the tower files were
/// drawn from. `tamrl evaluate` scores it like a model (the floor no model can beat: the tower files' measurement
/// and partitioning noise), and scores the `*_without_latent` columns (the tower's twin run without the latent
/// field, z1 = z2 = 0) as what knowing everything the drivers and history reveal could reach. No pipeline stage reads it.
/// </summary>
internal static class TowerTruthWriter
{
    public const string FileName = "towers.csv";
    public const string Header = "site_id,date,gpp,reco,nee,gpp_without_latent,reco_without_latent,nee_without_latent";

    public static void Write(string path, IReadOnlyList<Tower> towers, TowerRecorder rec)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(Header).Append('\n');
        for (var k = 0; k < towers.Count; k++)
        {
            var t = towers[k];
            for (var date = t.RecordStart; date <= t.RecordEnd; date = date.AddDays(1))
            {
                var d = date.DayNumber - rec.First.DayNumber;
                text.Append(c, $"{t.SiteId},{date:yyyy-MM-dd},");
                Fluxes(text, rec.Gpp[k][d], rec.Reco[k][d]);
                text.Append(',');
                Fluxes(text, rec.GppWithoutLatent[k][d], rec.RecoWithoutLatent[k][d]);
                text.Append('\n');
            }
        }
        IO.Files.AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>GPP, RECO, NEE with NEE from the rounded values, so that NEE = RECO - GPP holds in the file as written.</summary>
    private static void Fluxes(StringBuilder text, float gpp, float reco)
    {
        var c = CultureInfo.InvariantCulture;
        var gppText = gpp.ToString("0.####", c);
        var recoText = reco.ToString("0.####", c);
        var nee = double.Parse(recoText, c) - double.Parse(gppText, c);
        text.Append(c, $"{gppText},{recoText},{nee:0.####}");
    }
}
