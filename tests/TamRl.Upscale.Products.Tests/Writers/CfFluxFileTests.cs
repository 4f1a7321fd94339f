using System.Text.RegularExpressions;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Writers;

/// <summary>The CF NetCDF products, read with netCDF's own ncdump and UDUNITS' own udunits2.</summary>
public class CfFluxFileTests(PublishedProductFixture product) : IClassFixture<PublishedProductFixture>
{
    private string Daily => product.File("netcdf/tamrl_daily_2021-01.nc");
    private string Monthly => product.File("netcdf/tamrl_monthly_2021-01-01_2021-02-28.nc");

    [Fact]
    public void DailyFile_CarriesTheCfAttributes_DesignSection4Asks()
    {
        var h = Ncdump.Header(Daily);

        Assert.Contains(":Conventions = \"CF-1.10\"", h);
        foreach (var attribute in new[] { ":title", ":institution", ":source", ":history", ":references" })
            Assert.Contains(attribute + " = ", h);
        Assert.Contains("gpp:standard_name = \"gross_primary_productivity_of_biomass_expressed_as_carbon\"", h);
        Assert.DoesNotContain("reco:standard_name", h);
        Assert.DoesNotContain("nee:standard_name", h);
        foreach (var v in new[] { "gpp", "reco", "nee", "gpp_uncertainty", "reco_uncertainty", "nee_uncertainty" })
        {
            Assert.Contains($"{v}:units = \"g m-2 d-1\"", h);
            Assert.Contains($"{v}:cell_methods = \"area: mean where land time: mean\"", h);
            Assert.Contains($"{v}:grid_mapping = \"crs\"", h);
            Assert.Contains($"{v}:_FillValue = -9999.f", h);
            Assert.Matches($"{v}:long_name = \"[^\"]*carbon", h);
        }
        Assert.Contains("crs:grid_mapping_name = \"latitude_longitude\"", h);
        Assert.Contains("crs:crs_wkt = \"GEOGCS[\\\"WGS 84\\\"", h);
        Assert.Contains("lat:units = \"degrees_north\"", h);
        Assert.Contains("lon:units = \"degrees_east\"", h);
        Assert.Contains("lat:bounds = \"lat_bnds\"", h);
        Assert.Contains("lon:bounds = \"lon_bnds\"", h);
        Assert.Contains("time:bounds = \"time_bnds\"", h);
        Assert.Contains("time:calendar = \"standard\"", h);
        Assert.Contains("land_fraction:standard_name = \"land_area_fraction\"", h);
        Assert.Contains("land_fraction:units = \"1\"", h);
    }

    [Fact]
    public void DailyFile_RecordsProvenance()
    {
        var h = Ncdump.Header(Daily);

        Assert.Contains(":run_id = \"test-run\"", h);
        Assert.Contains(":model_identity = \"test-double:light-use-efficiency/1\"", h);
        Assert.Matches(":input_manifest_sha256 = \"synthetic/drivers 0{64}\"", h);
        Assert.Matches(":code_version = \"0\\.1\\.0", h);
        Assert.Contains(":model_training_sites = \"US-Wi7 DE-Tha\"", h);
        Assert.Contains(":model_training_site_count = \"2\"", h);
        Assert.Contains(":model_member_sha256 = \"aa11 bb22\"", h);
        Assert.Contains($":model_bundle_sha256 = \"{Core.Files.FileHash.Sha256(product.BundlePath)}\"", h);
        Assert.Matches(":history = \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: tamrl publish", h);
    }

    [Fact]
    public void Bounds_SpanEachCellAndEachDayOrMonth()
    {
        Assert.Equal([90.0, 80.0], Ncdump.Values(Daily, "lat_bnds").Take(2));
        Assert.Equal([-180.0, -170.0], Ncdump.Values(Daily, "lon_bnds").Take(2));
        var jan1 = new DateOnly(2021, 1, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber;
        Assert.Equal([jan1, jan1 + 1.0], Ncdump.Values(Daily, "time_bnds").Take(2));
        Assert.Equal(jan1 + 0.5, Ncdump.Values(Daily, "time")[0]);
        Assert.Equal(31, Ncdump.Values(Daily, "time").Length);
        // Monthly: January then February, bounds at the first days of the months.
        Assert.Equal([jan1, jan1 + 31.0, jan1 + 31.0, jan1 + 59.0], Ncdump.Values(Monthly, "time_bnds"));
    }

    [Fact]
    public void Units_ParseWithUdunits()
    {
        var header = Ncdump.Header(Daily);
        var units = Regex.Matches(header, ":units = \"([^\"]*)\"").Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Contains("g m-2 d-1", units);
        foreach (var u in units.Where(u => !u.Contains("since")))
        {
            var r = ExternalTool.Run("udunits2", "-H", u, "-W", u); // converting a unit to itself parses it
            Assert.True(r.ExitCode == 0, $"udunits2 refuses '{u}': {r.StdErr}");
        }
        // The form some products use is refused, which is why "carbon" goes into long_name instead.
        Assert.NotEqual(0, ExternalTool.Run("udunits2", "-H", "gC m-2 d-1", "-W", "g m-2 d-1").ExitCode);
        Assert.Contains("1.15741e-08", ExternalTool.RunOk("udunits2", "-H", "g m-2 d-1", "-W", "kg m-2 s-1"));
    }

    [Fact]
    public void OceanCells_HoldTheFillValue_AndLandCellsAValue()
    {
        var land = Ncdump.Values(Daily, "land_fraction");
        var gpp = Ncdump.Values(Daily, "gpp"); // fill reads back as NaN
        for (var i = 0; i < land.Length; i++)
            Assert.Equal(double.IsNaN(land[i]) || land[i] == 0, double.IsNaN(gpp[i]));
    }
}
