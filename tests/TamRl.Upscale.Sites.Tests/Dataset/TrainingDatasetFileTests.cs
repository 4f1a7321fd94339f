using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Dataset;

public class TrainingDatasetFileTests
{
    [Fact]
    public void Write_ThenRead_GivesBackEverySiteValueAndNaN()
    {
        using var dir = new TempDirectory();
        var path = dir.File("training.nc");
        var ds = TinyDatasets.Make(sites: 3, days: 40, windowLength: 20, windowStride: 10);

        TrainingDatasetFile.Write(ds, path);
        var back = TrainingDatasetFile.Read(path);

        Assert.Equal(ds.Sites, back.Sites);
        Assert.Equal(ds.FirstDay, back.FirstDay);
        Assert.Equal(ds.DayCount, back.DayCount);
        Assert.Equal(ds.Features, back.Features);
        Assert.Equal(ds.Drivers, back.Drivers);
        Assert.Equal(ds.Gpp, back.Gpp);
        Assert.Equal(ds.Reco, back.Reco);
        Assert.Equal(ds.Nee, back.Nee);
        Assert.Equal(ds.Qc, back.Qc);
        Assert.Equal(20, back.WindowLength);
        Assert.Equal(10, back.WindowStride);
        Assert.True(float.IsNaN(back.Nee[4]));
    }

    [Fact]
    public void Write_ProducesTheContractLayout_AsNcdumpReadsIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("training.nc");
        var ds = TinyDatasets.Make(sites: 2, days: 35);

        TrainingDatasetFile.Write(ds, path);

        var header = Ncdump.Header(path);
        Assert.Equal("netCDF-4", Ncdump.Kind(path));
        Assert.Contains("site = 2 ;", header);
        Assert.Contains("time = 35 ;", header);
        Assert.Contains($"feature = {DriverFeatures.Names.Count} ;", header);
        Assert.Contains("string site_id(site) ;", header);
        Assert.Contains("string network(site) ;", header);
        Assert.Contains("double lat(site) ;", header);
        Assert.Contains("int igbp(site) ;", header);
        Assert.Contains("int koppen(site) ;", header);
        Assert.Contains("float drivers(site, time, feature) ;", header);
        foreach (var v in new[] { "gpp", "reco", "nee", "qc" })
            Assert.Contains($"float {v}(site, time) ;", header);
        Assert.Contains("gpp:units = \"g m-2 d-1\" ;", header);
        Assert.Contains("drivers:feature_units = \"degC;degC;degC;hPa;W m-2;mm d-1;m3 m-3;1;1;degC\" ;", header);
        Assert.DoesNotContain("drivers:units", header);
        Assert.Contains("time:units = \"days since 1970-01-01\" ;", header);
        Assert.Contains(":Conventions = \"CF-1.10\" ;", header);
        Assert.Contains(":featureType = \"timeSeries\" ;", header);
        Assert.Contains(":window_length = 30 ;", header);
        Assert.Contains(":window_stride = 15 ;", header);

        // 2005-01-01 is day 12784 since 1970-01-01
        Assert.Equal(12784.0, Ncdump.Values(path, "time")[0]);
        var drivers = Ncdump.Values(path, "drivers");
        var f = DriverFeatures.Names.Count;
        Assert.Equal(TinyDatasets.DriverValue(1, 3, 2), drivers[(1 * 35 + 3) * f + 2], 3);
        var nee = Ncdump.Values(path, "nee");
        Assert.True(double.IsNaN(nee[4]));
        Assert.Equal(ds.Nee[35 + 2], nee[35 + 2], 5);
        var dump = ExternalTool.RunOk("ncdump", "-v", "site_id,feature", path);
        Assert.Contains("site_id = \"XX-S00\", \"XX-S01\" ;", dump);
        Assert.Contains("\"ta\", \"ta_min\"", dump);
    }

    [Fact]
    public void Write_LeavesNoTemporaryFileBehind_AndReplacesAnOldFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("training.nc");
        TrainingDatasetFile.Write(TinyDatasets.Make(sites: 1, days: 5), path);

        TrainingDatasetFile.Write(TinyDatasets.Make(sites: 2, days: 5), path);

        Assert.Equal(["training.nc"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Equal(2, TrainingDatasetFile.Read(path).SiteCount);
    }

    [Fact]
    public void Read_RefusesAFileWithoutQc_NamingFileAndVariable()
    {
        using var dir = new TempDirectory();
        var path = dir.File("broken.nc");
        using (var nc = NetCdfFile.Create(path))
        {
            nc.AddDimension("site", 1);
            nc.AddDimension("time", 2);
            nc.AddDimension("feature", 1);
            nc.AddVariable("time", NcType.Int, ["time"]);
            nc.SetAttribute("time", "units", "days since 1970-01-01");
            nc.Write<int>("time", [0, 1]);
        }

        var e = Assert.Throws<InvalidInputException>(() => TrainingDatasetFile.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("feature", e.Variable);
    }

    [Fact]
    public void Read_RefusesDaysThatAreNotConsecutive()
    {
        using var dir = new TempDirectory();
        var path = dir.File("gappy.nc");
        using (var nc = NetCdfFile.Create(path))
        {
            nc.AddDimension("site", 1);
            nc.AddDimension("time", 3);
            nc.AddDimension("feature", 1);
            nc.AddVariable("time", NcType.Int, ["time"]);
            nc.SetAttribute("time", "units", "days since 1970-01-01");
            nc.Write<int>("time", [0, 1, 3]);
        }

        var e = Assert.Throws<InvalidInputException>(() => TrainingDatasetFile.Read(path));
        Assert.Equal("time", e.Variable);
        Assert.Contains("consecutive", e.Message);
    }
}
