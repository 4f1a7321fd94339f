using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Fluxnet;

/// <summary>The real FLUXNET2015 tower folder (data/real/towers-fluxnet2015): SITE_ID, LAT, LON, ELEV, IGBP and files named by site.</summary>
public class RealTowerTableTests
{
    private static readonly string Folder = RepoPaths.RealData("towers-fluxnet2015");

    [Fact]
    public void Read_AFolderWithoutKoppenOrFileColumns_FindsEachFileAndTakesKoppenFromTheKottekMap()
    {
        var sites = SiteTable.Read(Folder);

        Assert.Equal(12, sites.Count);
        var dk = sites.Single(s => s.Id == "DK-Fou");
        Assert.Equal(Path.Combine(Folder, "FLX_DK-Fou_FLUXNET2015_DERIVED_DD_2005-2005.csv"), dk.File);
        Assert.Equal("FLUXNET2015", dk.Network);
        Assert.Equal(StaticClasses.ParseIgbp("CRO"), dk.Igbp);
        // Independent check: the Kottek ASCII file's own line for the 0.5-degree cell holding each tower.
        foreach (var site in sites)
            Assert.Equal(KottekClassOf(site.Latitude, site.Longitude) ?? "None", StaticClasses.KoppenCodes[site.Koppen]);
    }

    /// <summary>The class Kottek's file lists for the cell centre nearest the point, or null (sea).</summary>
    private static string? KottekClassOf(double lat, double lon)
    {
        var cellLat = Math.Floor(lat * 2) / 2 + 0.25;
        var cellLon = Math.Floor(lon * 2) / 2 + 0.25;
        foreach (var line in File.ReadLines(RepoPaths.RealData("koppen", "Koeppen-Geiger-ASCII.txt")).Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (Math.Abs(double.Parse(f[0], CultureInfo.InvariantCulture) - cellLat) < 1e-6 && Math.Abs(double.Parse(f[1], CultureInfo.InvariantCulture) - cellLon) < 1e-6)
                return f[2] == "As" ? "Aw" : f[2];
        }
        return null;
    }

    [Fact]
    public void ReadAll_JoinsTablesInOrder_AndRefusesASiteListedTwice()
    {
        using var dir = new TempDirectory();
        var other = Path.Combine(dir.Path, "more");
        Directory.CreateDirectory(other);
        var file = Directory.GetFiles(Folder, "FLX_AU-Rob_*.csv").Single();
        File.Copy(file, Path.Combine(other, Path.GetFileName(file).Replace("AU-Rob", "XX-Rob")));
        File.WriteAllLines(Path.Combine(other, "sites.csv"), ["SITE_ID,LAT,LON,IGBP,KOPPEN", "XX-Rob,-17.1,145.6,EBF,Af"]);

        var joined = SiteTable.ReadAll([Folder, other]);

        Assert.Equal(13, joined.Count);
        Assert.Equal("XX-Rob", joined[^1].Id);
        Assert.Equal(StaticClasses.ParseKoppen("Af"), joined[^1].Koppen);

        var e = Assert.Throws<InvalidInputException>(() => SiteTable.ReadAll([Folder, Folder]));
        Assert.Contains("is also listed in", e.Message);
        Assert.Equal("site_id", e.Variable);
    }

    [Fact]
    public void Read_RefusesASiteWithoutAFile_OrWithTwo_NamingTheSite()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(Path.Combine(dir.Path, "sites.csv"), ["SITE_ID,LAT,LON,IGBP,KOPPEN", "XX-One,10,10,GRA,BSh"]);

        var none = Assert.Throws<InvalidInputException>(() => SiteTable.Read(dir.Path));
        Assert.Equal("file", none.Variable);
        Assert.Contains("no daily file of site 'XX-One'", none.Message);

        File.WriteAllText(Path.Combine(dir.Path, "FLX_XX-One_FLUXNET2015_DERIVED_DD_2001-2001.csv"), "TIMESTAMP\n");
        File.WriteAllText(Path.Combine(dir.Path, "AMF_XX-One_FLUXNET_FULLSET_DD_2002-2002_1-4.csv"), "TIMESTAMP\n");
        var two = Assert.Throws<InvalidInputException>(() => SiteTable.Read(dir.Path));
        Assert.Contains("2 files of site 'XX-One'", two.Message);
    }

    [Fact]
    public void DailyReader_ReadsTheReferenceColumns_WhenTheConfigurationNamesThem()
    {
        var path = Directory.GetFiles(Folder, "FLX_DK-Fou_*.csv").Single();
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var firstRow = lines[1].Split(',');
        double Raw(string column) => double.Parse(firstRow[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);

        var record = FluxnetDailyReader.Read(path, columns: TowerColumns.Reference);

        Assert.Equal((float)Raw("GPP_NT_VUT_REF"), record.Gpp[0]);
        Assert.Equal((float)Raw("RECO_NT_VUT_REF"), record.Reco[0]);
        Assert.Equal((float)Raw("NEE_VUT_REF"), record.Nee[0]);
        Assert.Equal((float)Raw("NEE_VUT_REF_QC"), record.Qc[0]);
        Assert.Equal(365, record.DayCount);

        // The default (USTAR50) columns are not in these derived files: refused, naming the file and the column.
        var e = Assert.Throws<InvalidInputException>(() => FluxnetDailyReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("GPP_NT_VUT_USTAR50", e.Variable);
    }
}
