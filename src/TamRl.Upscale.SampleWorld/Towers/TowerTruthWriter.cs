using System.Globalization;
using System.Text;

namespace TamRl.Upscale.SampleWorld.Towers;

/// <summary>
/// W/truth/towers.csv: every tower's noise-free daily fluxes over its record, the answer key the tower files were
/// drawn from. `tamrl evaluate` scores it like a model (the floor no model can beat: the tower files' measurement
/// and partitioning noise), and scores `gpp_without_latent` (GPP with the tower's latent efficiency factor divided
/// out) as what knowing everything the drivers reveal could reach. No pipeline stage reads it.
/// </summary>
internal static class TowerTruthWriter
{
    public const string FileName = "towers.csv";
    public const string Header = "site_id,date,gpp,reco,nee,gpp_without_latent";

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
                var gpp = rec.Gpp[k][d];
                var reco = rec.Reco[k][d];
                // NEE from the rounded values, so that NEE = RECO - GPP holds in the file as written.
                var gppText = gpp.ToString("0.####", c);
                var recoText = reco.ToString("0.####", c);
                var nee = double.Parse(recoText, c) - double.Parse(gppText, c);
                text.Append(c, $"{t.SiteId},{date:yyyy-MM-dd},{gppText},{recoText},{nee:0.####},{rec.GppWithoutLatent[k][d]:0.####}\n");
            }
        }
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }
}
