using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.Inspection;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Inspection;

public class DatasetInspectorTests
{
    private static readonly string Era5Pressure = RepoPaths.RealData("era5", "new-cds-era5", "era5_surface_pressure_2020-1.nc");
    private static readonly string ModisTile = RepoPaths.RealData("modis", "MCD15A2_h00v08_2002185_sample.hdf");

    [Fact]
    public void Inspect_DecodesRealEra5TimeAndGrid()
    {
        var s = DatasetInspector.Inspect(Era5Pressure);

        Assert.StartsWith("NetCDF (NetCdf4", s.Format);
        var time = Assert.Single(s.TimeAxes);
        Assert.Equal("valid_time", time.Variable);
        Assert.Equal("2020-01-01 00:00:00", time.First);
        Assert.Equal("2020-01-01 03:00:00", time.Last);
        Assert.Equal("1 hour", time.Step);
        Assert.Equal("proleptic_gregorian", time.Calendar);
        var grid = Assert.IsType<GridSummary>(s.Grid);
        Assert.Equal(("latitude", "longitude"), (grid.LatitudeVariable, grid.LongitudeVariable));
        Assert.Equal(0.25, grid.LatitudeResolution, 9);
        Assert.Equal("descending (north first)", grid.LatitudeOrder);
        Assert.Equal(60.125, grid.North, 9);
        Assert.Empty(s.Problems);
    }

    [Fact]
    public void Inspect_Statistics_EqualThoseOfNcdumpValues()
    {
        var sp = Assert.Single(DatasetInspector.Inspect(Era5Pressure, "sp").Variables);
        var reference = Ncdump.Values(Era5Pressure, "sp").Select(v => (double)(float)v).ToArray();

        Assert.Equal("Pa", sp.Units);
        Assert.Equal(64, sp.Count);
        Assert.Equal(0, sp.Missing);
        Assert.Equal(reference.Min(), sp.Min);
        Assert.Equal(reference.Max(), sp.Max);
        Assert.Equal(reference.Average(), sp.Mean!.Value, 6);
    }

    [Fact]
    public void Inspect_UnpacksLegacyPackedEra5Layout_AndMasksFill()
    {
        using var dir = new TempDirectory();
        var path = dir.File("legacy.nc");
        // Legacy ERA5: int16 packed per file, hours since 1900, longitude 0..360, latitude descending.
        const double scale = 0.002, offset = 270;
        double[] kelvin = [250, 260, 270, 280, 290, 300];
        using (var nc = NetCdfFile.Create(path, NetCdfFormat.Classic))
        {
            nc.AddDimension("time", 2);
            nc.AddDimension("latitude", 3);
            nc.AddDimension("longitude", 4);
            nc.AddVariable("time", NcType.Int, ["time"]);
            nc.SetAttribute("time", "units", "hours since 1900-01-01 00:00:00.0");
            nc.SetAttribute("time", "calendar", "gregorian");
            nc.AddVariable("latitude", NcType.Float, ["latitude"]);
            nc.SetAttribute("latitude", "units", "degrees_north");
            nc.AddVariable("longitude", NcType.Float, ["longitude"]);
            nc.SetAttribute("longitude", "units", "degrees_east");
            nc.AddVariable("t2m", NcType.Short, ["time", "latitude", "longitude"]);
            nc.SetAttribute("t2m", "scale_factor", AttributeValue.Of(scale));
            nc.SetAttribute("t2m", "add_offset", AttributeValue.Of(offset));
            nc.SetAttribute("t2m", "_FillValue", AttributeValue.Of((short)-32767));
            nc.SetAttribute("t2m", "units", "K");
            nc.Write<int>("time", [1051896, 1051920]); // 2020-01-01 00:00 and 2020-01-02 00:00
            nc.Write<float>("latitude", [90f, 0f, -90f]);
            nc.Write<float>("longitude", [0f, 90f, 180f, 270f]);
            var packed = new short[24];
            for (var i = 0; i < 24; i++)
                packed[i] = i == 5 ? (short)-32767 : (short)Math.Round((kelvin[i % 6] - offset) / scale);
            nc.Write<short>("t2m", packed);
        }

        var s = DatasetInspector.Inspect(path);

        var t2m = s.Variables.Single(v => v.Name == "t2m");
        Assert.True(t2m.Packed);
        Assert.Equal(1, t2m.Missing);
        Assert.Equal(250, t2m.Min!.Value, 9);
        Assert.Equal(300, t2m.Max!.Value, 9);
        var time = Assert.Single(s.TimeAxes);
        Assert.Equal("2020-01-01 00:00:00", time.First);
        Assert.Equal("1 day", time.Step);
        Assert.Equal("0..360", s.Grid!.LongitudeConvention);
        // Centres 0, 90, 180, 270 become -180, -90, 0, 90: the first cell straddles the antimeridian, corner at -225.
        Assert.Equal(-225, s.Grid.West, 9);
    }

    [Fact]
    public void Inspect_ListsANonMonotonicLatitudeAsAProblem_NamingFileAndCoordinate()
    {
        using var dir = new TempDirectory();
        var path = dir.File("zigzag.nc");
        using (var nc = NetCdfFile.Create(path))
        {
            nc.AddDimension("lat", 3);
            nc.AddDimension("lon", 2);
            nc.AddVariable("lat", NcType.Double, ["lat"]);
            nc.SetAttribute("lat", "units", "degrees_north");
            nc.AddVariable("lon", NcType.Double, ["lon"]);
            nc.SetAttribute("lon", "units", "degrees_east");
            nc.AddVariable("v", NcType.Float, ["lat", "lon"]);
            nc.Write<double>("lat", [10, 30, 20]);
            nc.Write<double>("lon", [0, 1]);
            nc.Write<float>("v", new float[6]);
        }

        var s = DatasetInspector.Inspect(path);

        Assert.Null(s.Grid);
        var problem = Assert.Single(s.Problems);
        Assert.Contains(path, problem);
        Assert.Contains("'lat'", problem);
    }

    [Fact]
    public void Inspect_Throws_NamingFileAndVariable_WhenTheVariableIsAbsent()
    {
        var e = Assert.Throws<InvalidInputException>(() => DatasetInspector.Inspect(Era5Pressure, "t2m"));
        Assert.Equal(Era5Pressure, e.FilePath);
        Assert.Equal("t2m", e.Variable);
    }

    [Fact]
    public void Inspect_ReadsAZarrStoreMadeByGdal_WithTheStatisticsOfTheNetCdfSource()
    {
        using var dir = new TempDirectory();
        var store = dir.File("sp.zarr");
        ExternalTool.RunOk("gdalmdimtranslate", "-q", "-of", "ZARR", Era5Pressure, store);

        var fromZarr = DatasetInspector.Inspect(store, "sp").Variables.Single();
        var fromNetCdf = DatasetInspector.Inspect(Era5Pressure, "sp").Variables.Single();

        Assert.StartsWith("Zarr", DatasetInspector.Inspect(store).Format);
        Assert.Equal(fromNetCdf with { StorageType = "", }, fromZarr with { StorageType = "", Dimensions = fromNetCdf.Dimensions, Shape = fromNetCdf.Shape });
        Assert.Equal(fromNetCdf.Shape, fromZarr.Shape);
    }

    [Fact]
    public void Inspect_DescribesAGlobalCog_AsAGeographicGridFromTheCorner()
    {
        using var dir = new TempDirectory();
        var path = dir.File("gpp.tif");
        var values = Enumerable.Range(0, 90 * 180).Select(i => i % 7 == 0 ? -9999f : i % 13).ToArray();
        CogWriter.Write(path, new FloatRaster(180, 90, GeoTransform.ForGlobalGrid(2.0), -9999f,
            [new FloatBand(values) { Description = "GPP", Unit = "g m-2 d-1" }]));

        var s = DatasetInspector.Inspect(path);

        var grid = s.Grid!;
        Assert.True(grid.Geographic);
        Assert.Equal((-180.0, 180.0, -90.0, 90.0), (grid.West, grid.East, grid.South, grid.North));
        Assert.Equal("descending (north first)", grid.LatitudeOrder);
        var band = Assert.Single(s.Variables);
        Assert.Equal("g m-2 d-1", band.Units);
        Assert.Equal(values.Count(v => v == -9999f), band.Missing);
        Assert.Equal(values.Where(v => v != -9999f).Average(v => (double)v), band.Mean!.Value, 9);
    }

    [Fact]
    public void Inspect_AppliesModisValidRange_SoWaterFlagsCountAsMissing()
    {
        // Every pixel of this real tile is 254 ("water"), inside the byte range but outside valid_range 0..100.
        var lai = $"HDF4_EOS:EOS_GRID:\"{ModisTile}\":MOD_Grid_MOD15A2:Lai_1km";

        var band = DatasetInspector.Inspect(lai).Variables.Single();

        Assert.Equal(1200 * 1200, band.Count);
        Assert.Equal(1200 * 1200, band.Missing);
        Assert.Null(band.Mean);
    }

    [Fact]
    public void Inspect_ListsTheSubdatasetsOfAModisContainer()
    {
        var s = DatasetInspector.Inspect(ModisTile);
        Assert.Equal(6, s.Subdatasets.Count);
        Assert.Contains(s.Subdatasets, d => d.Contains(":MOD_Grid_MOD15A2:Lai_1km"));
    }

    [Fact]
    public void Inspect_ReadsAFinalLayoutZarrV3Store_WrittenByZarrita()
    {
        var s = DatasetInspector.Inspect(RepoPaths.Fixture("zarr", "v3-zarrita"));

        Assert.Equal("Zarr (ZarrV3Dataset)", s.Format);
        var time = Assert.Single(s.TimeAxes);
        Assert.Equal("2020-01-01 00:00:00", time.First); // value 0 with fill_value 0 is a date, not a gap
        Assert.Equal(4, time.Steps);
        Assert.Equal(3, s.Grid!.Rows);
        var sp = s.Variables.Single(v => v.Name == "sp");
        Assert.True(sp.Packed);
        Assert.Empty(s.Problems);
    }
}
