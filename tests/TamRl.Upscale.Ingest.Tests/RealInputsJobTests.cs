using System.Globalization;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests;

/// <summary>
/// jobs/real-inputs.json, the shipped example of a configuration with real inputs only: an AppEEARS MOD13A2 request
/// (EVI) and MCD12Q1 (land cover) near Buffalo NY onto a 0.05 degree grid, static geography from real sources. Every
/// field is checked against an independent tool or the source file read here directly.
/// </summary>
public class RealInputsJobTests : IClassFixture<RealInputsJobTests.Cube>
{
    public sealed class Cube : IDisposable
    {
        public Cube()
        {
            Result = new IngestService(PipelineConfig.Load(Path.Combine(RepoPaths.Root, "jobs", "real-inputs.json")), Dir.File("out")).Run();
            Reader = DriverCubeReader.Open(Result.DriversDirectory);
            Static = Reader.ReadStatic();
        }

        public TempDirectory Dir { get; } = new();
        public IngestResult Result { get; }
        public DriverCubeReader Reader { get; }
        public StaticFields Static { get; }

        public void Dispose()
        {
            Reader.Dispose();
            Dir.Dispose();
        }
    }

    private const int Rows = 7, Columns = 10;
    private const double West = -79.0, North = 43.1, Step = 0.05;
    private readonly Cube _cube;

    public RealInputsJobTests(Cube cube) => _cube = cube;

    [Fact]
    public void TheCube_HoldsEviAlone_ForTheThreeMonths()
    {
        Assert.Equal(["evi"], _cube.Reader.Features);
        Assert.Equal(3, _cube.Result.Written.Count);
        var header = Ncdump.Header(Path.Combine(_cube.Result.DriversDirectory, "drivers_2012-07.nc"));
        Assert.Contains("float evi(time, lat, lon)", header);
        Assert.DoesNotContain("float ta(", header);
        Assert.Contains("Kottek", Ncdump.Header(Path.Combine(_cube.Result.DriversDirectory, "static.nc")));
    }

    [Fact]
    public void Evi_OnTheCompositesCentre_EqualsGdalwarpAverageOfTheQaKeptPixels()
    {
        // The 2012-07-11 composite (GDAL band 286) is centred on 2012-07-19; the next one (07-27) differs from it by
        // 0.01 on average, and the day's value lies 1/32 of the way towards it.
        using var dir = new TempDirectory();
        var expected = Modis.ModisRealFiles.Mod13EviKeptAverage(dir, band: 286);

        var ours = _cube.Reader.ReadDayMap("evi", new DateOnly(2012, 7, 19));
        var compared = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            // The request covers only part of the grid's first and last columns, less than the job's minValidFraction
            // (0.5): those cells are gaps that ingest fills from the nearest land cell, not averages.
            if (expected[i] == -9 || i % Columns == 0 || i % Columns == Columns - 1)
                continue;
            compared++;
            Assert.True(Math.Abs(expected[i] - ours[i]) < 0.03, $"cell {i}: ours {ours[i]}, gdalwarp {expected[i]}");
        }
        Assert.True(compared >= 50, $"only {compared} cells compared");
    }

    [Fact]
    public void Elevation_EqualsCdoBilinearRemapOfTheEtopoFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("grid.txt"), $"gridtype = lonlat\nxsize = {Columns}\nysize = {Rows}\nxfirst = {West + Step / 2}\nxinc = {Step}\nyfirst = {North - Rows * Step + Step / 2}\nyinc = {Step}\n");
        var text = ExternalTool.RunOk("cdo", "-s", "outputf,%.6g,1", $"-remapbil,{dir.File("grid.txt")}", RepoPaths.RealData("elevation", "elevation_0.5deg.nc"));
        var southFirst = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Rows * Columns, southFirst.Length);
        for (var r = 0; r < Rows; r++)
            for (var c = 0; c < Columns; c++)
                Assert.Equal(southFirst[(Rows - 1 - r) * Columns + c], _cube.Static.Elevation[r * Columns + c], 0.5);
    }

    [Fact]
    public void Koppen_IsTheKottekClassOfTheHalfDegreeCellHoldingEachCentre_AndEveryCellIsLand()
    {
        // Read here from the ASCII map and the key, not through the project's KoppenMap.
        var ids = File.ReadLines(RepoPaths.RealData("sites", "koeppen_geiger_key.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(p => p[1].Trim(), p => int.Parse(p[0], CultureInfo.InvariantCulture));
        var classes = new Dictionary<(double, double), string>();
        foreach (var line in File.ReadLines(RepoPaths.RealData("koppen", "Koeppen-Geiger-ASCII.txt")))
        {
            var p = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length == 3 && double.TryParse(p[0], CultureInfo.InvariantCulture, out var lat) && double.TryParse(p[1], CultureInfo.InvariantCulture, out var lon))
                classes[(lat, lon)] = p[2];
        }
        for (var r = 0; r < Rows; r++)
            for (var c = 0; c < Columns; c++)
            {
                double lat = North - (r + 0.5) * Step, lon = West + (c + 0.5) * Step;
                var key = (Math.Floor(lat * 2) / 2 + 0.25, Math.Floor(lon * 2) / 2 + 0.25);
                Assert.Equal(ids[classes[key]], _cube.Static.Koppen[r * Columns + c]);
                Assert.Equal(1f, _cube.Static.LandFraction[r * Columns + c]);
            }
    }

    [Fact]
    public void Igbp_AgreesWithGdalwarpModeOfThe2012LandCover()
    {
        // MCD12Q1 C5.1 (water 0, IGBP 1-16, 254 unclassified, 255 fill); the 2012 step is GDAL band 12.
        using var dir = new TempDirectory();
        var file = RepoPaths.RealData("modis", "appeears", "MCD12Q1.051_aid0001.nc");
        ExternalTool.RunOk("gdal_translate", "-q", "-b", "12", $"NETCDF:\"{file}\":Land_Cover_Type_1", dir.File("lc.tif"));
        ExternalTool.RunOk("gdalwarp", "-q", "-of", "GTiff", "-t_srs", "EPSG:4326", "-te", "-79.0", "42.75", "-78.5", "43.1", "-ts", "10", "7",
            "-r", "mode", "-srcnodata", "255", "-dstnodata", "255", dir.File("lc.tif"), dir.File("mode.tif"));
        using var reference = GdalRaster.Open(dir.File("mode.tif"));
        var expected = reference.ReadBand(1);
        int compared = 0, same = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] >= 254 || _cube.Static.Igbp[i] < 0)
                continue;
            compared++;
            if (expected[i] == _cube.Static.Igbp[i])
                same++;
        }
        Assert.True(compared >= 40, $"only {compared} cells compared");
        Assert.True(same >= 0.9 * compared, $"{same} of {compared} cells agree with gdalwarp -r mode"); // ties and partly covered edge cells may differ
        Assert.Contains(13, _cube.Static.Igbp); // urban Buffalo
    }
}
