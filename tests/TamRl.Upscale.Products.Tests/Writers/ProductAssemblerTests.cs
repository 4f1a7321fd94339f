using System.Globalization;
using TamRl.Upscale.Products.Budgets;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Writers;

/// <summary>
/// Assembly and checks work a block at a time; small blocks (7 x 11 cells of a 10-degree grid, so that the
/// run's 13 x 13 chunk tiles straddle their edges) must give the same products as one block.
/// </summary>
public sealed class ProductAssemblerTests(ProductAssemblerTests.YearRunFixture year) : IDisposable, IClassFixture<ProductAssemblerTests.YearRunFixture>
{
    /// <summary>A year (so that annual COGs are made) inferred once for the class.</summary>
    public sealed class YearRunFixture : IDisposable
    {
        private readonly TempDirectory _dir = new("tamrl-assembler-run");

        public YearRunFixture() => Run = TestRuns.Inferred(RunDir, period: DatePeriod.Year(2021));

        public RunDescription Run { get; }

        public string RunDir => _dir.File("run");

        public void Dispose() => _dir.Dispose();
    }

    private readonly TempDirectory _dir = new("tamrl-assembler");

    public void Dispose() => _dir.Dispose();

    private (RunDescription Run, string RunDir) YearRun() => (year.Run, year.RunDir);

    private static string Dump(string path) => string.Join('\n', ExternalTool.RunOk("ncdump", path).Split('\n')
        .Where(line => !line.Contains(":date_created", StringComparison.Ordinal) && !line.Contains(":history", StringComparison.Ordinal)));

    /// <summary>
    /// The same product file in two folders: NetCDF through ncdump less the clock's attributes; the budget table to the last
    /// digits of its sums (taken in another order of cells); STAC less its clock and the NetCDF files' checksums and sizes
    /// (which carry the clock); every other file byte for byte.
    /// </summary>
    private static void AssertSameProductFile(string first, string second, string file)
    {
        var (a, b) = (Path.Combine(first, file), Path.Combine(second, file));
        if (file.EndsWith(".nc", StringComparison.Ordinal))
            // Values and attributes through ncdump (the chunk sizes differ, which plain ncdump does not show),
            // less the two attributes that carry the clock.
            Assert.Equal(Dump(a), Dump(b));
        else if (file.EndsWith(".csv", StringComparison.Ordinal) && file.StartsWith("budgets", StringComparison.Ordinal))
            Assert.All(BudgetTable.LoadCsv(a).Zip(BudgetTable.LoadCsv(b)), p =>
            {
                Assert.Equal(p.First with { TotalPgc = 0, UncertaintyPgc = 0, LandAreaMkm2 = 0 }, p.Second with { TotalPgc = 0, UncertaintyPgc = 0, LandAreaMkm2 = 0 });
                Assert.Equal(p.First.TotalPgc, p.Second.TotalPgc, 1e-12 * Math.Max(1, Math.Abs(p.First.TotalPgc)));
                Assert.Equal(p.First.UncertaintyPgc, p.Second.UncertaintyPgc, 1e-12 * Math.Max(1, p.First.UncertaintyPgc));
                Assert.Equal(p.First.LandAreaMkm2, p.Second.LandAreaMkm2, 1e-9);
            });
        else if (file.EndsWith(".json", StringComparison.Ordinal) && file.StartsWith("budgets", StringComparison.Ordinal))
            Assert.Equal(BudgetTable.LoadCsv(Path.ChangeExtension(a, ".csv")), BudgetTable.Load(a).Rows);
        else if (file.EndsWith(".svg", StringComparison.Ordinal))
        {
            // The annual-cycle figure plots the budget table, whose last digits differ (above): its text and structure are
            // the same, and its numbers agree to the 3 decimals of a pixel they are written with.
            var (ta, tb) = (File.ReadAllText(a), File.ReadAllText(b));
            var number = new System.Text.RegularExpressions.Regex(@"-?\d+(\.\d+)?(E[-+]?\d+)?");
            Assert.Equal(number.Replace(ta, "#"), number.Replace(tb, "#"));
            Assert.All(number.Matches(ta).Zip(number.Matches(tb)), p =>
            {
                var (x, y) = (double.Parse(p.First.Value, CultureInfo.InvariantCulture), double.Parse(p.Second.Value, CultureInfo.InvariantCulture));
                Assert.True(Math.Abs(x - y) <= 1.01e-3 + 1e-9 * Math.Abs(x), $"{file}: {x} against {y}");
            });
        }
        else if (file.StartsWith("zarr", StringComparison.Ordinal) && Path.GetFileName(file) is ".zattrs" or ".zmetadata")
        {
            // The store's attributes are the NetCDF's: less the two that carry the clock, as ncdump's above.
            string Stable(string path) => string.Join('\n', File.ReadAllLines(path).Where(l => !l.Contains("\"date_created\"") && !l.Contains("\"history\"")));
            Assert.Equal(Stable(a), Stable(b));
        }
        else if (file.StartsWith("stac", StringComparison.Ordinal))
        {
            string Stable(string path) => string.Join('\n', File.ReadAllLines(path).Where(l => !l.Contains("\"created\"") && !l.Contains("\"file:")));
            Assert.Equal(Stable(a), Stable(b));
        }
        else
            Assert.True(File.ReadAllBytes(a).SequenceEqual(File.ReadAllBytes(b)), $"{file} differs");
    }

    [Fact]
    public void Assemble_InManyBlocks_WritesTheSameValuesCogsAndQuicklooks_AsInOneBlock()
    {
        var (_, runDir) = YearRun();
        var whole = _dir.File("whole");
        ProductAssembler.Assemble(runDir, whole);
        var blocked = _dir.File("blocked");
        using (ProductBlocks.UseSmallBlocksForTests(7, 11))
        {
            Assert.True(ProductBlocks.Of(RegularLatLonGrid.Global(10)).Count > 10);
            ProductAssembler.Assemble(runDir, blocked);
        }

        var files = Directory.GetFiles(whole, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(whole, f)).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(blocked, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(blocked, f)).Order());
        Assert.Contains(Path.Combine("cog", "gpp_2021.tif"), files);
        foreach (var file in files)
        {
            AssertSameProductFile(whole, blocked, file);
        }
        var header = ExternalTool.RunOk("ncdump", "-hs", Path.Combine(blocked, "netcdf", "tamrl_daily_2021-03.nc"));
        Assert.Contains("_ChunkSizes = 1, 7, 11", header);
        // land_fraction too is chunked by block, so each block written fills a chunk whole (no partial chunk cached).
        Assert.Contains("land_fraction:_ChunkSizes = 7, 11", header);
    }

    [Fact]
    public void Assemble_FromNetcdf4ChunkFilesOfAnEarlierVersion_WritesTheSameProducts()
    {
        // Runs inferred before chunk files became CDF-5 hold NetCDF-4 (deflated, a day per chunk) chunk files:
        // converted by nccopy, they must publish to the same NetCDF values and COG bytes.
        var (_, runDir) = YearRun();
        var legacyRun = _dir.File("legacy-run");
        foreach (var file in Directory.GetFiles(runDir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(legacyRun, Path.GetRelativePath(runDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Path.GetFileName(file).StartsWith("chunk_", StringComparison.Ordinal))
                ExternalTool.RunOk("nccopy", "-k", "nc4", "-d", "1", "-s", "-c", "time/1", file, target);
            else
                File.Copy(file, target);
        }
        var chunkFile = Directory.GetFiles(Path.Combine(legacyRun, "chunks"), "chunk_*.nc")[0];
        Assert.Equal("netCDF-4", Ncdump.Kind(chunkFile));

        var current = _dir.File("current");
        ProductAssembler.Assemble(runDir, current, quicklooks: false);
        var legacy = _dir.File("legacy");
        ProductAssembler.Assemble(legacyRun, legacy, quicklooks: false);

        foreach (var file in Directory.GetFiles(current, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(current, f)))
        {
            AssertSameProductFile(current, legacy, file);
        }
    }

    [Fact]
    public void Check_InManyBlocks_Passes_AndNamesTheCellOfAFailureInALaterBlock()
    {
        var (run, runDir) = YearRun();
        var folder = _dir.File("blocked");
        var land = RunDescription.LoadLandFraction(runDir);
        var grid = RegularLatLonGrid.Global(10);
        using var small = ProductBlocks.UseSmallBlocksForTests(7, 11);
        ProductAssembler.Assemble(runDir, folder, quicklooks: false);

        Assert.True(ProductChecker.Check(folder, run, land, TestChecks.Lenient).Passed);

        // A negative GPP at a land cell in the last row of blocks, on 2021-07-04.
        var cell = Array.FindLastIndex(land, f => f > 0);
        using (var file = IO.NetCdf.NetCdfFile.Open(Path.Combine(folder, "netcdf", "tamrl_daily_2021-07.nc"), writable: true))
            file.Write<float>("gpp", [3, cell / grid.Columns, cell % grid.Columns], [1, 1, 1], [-1f]);
        var report = ProductChecker.Check(folder, run, land, TestChecks.Lenient);

        var failure = Assert.Single(report.Checks.Single(c => c.Name == "non_negative").Failures);
        Assert.Equal((cell / grid.Columns, cell % grid.Columns, "2021-07-04"), (failure.Row, failure.Column, failure.Step));
        Assert.False(report.Checks.Single(c => c.Name == "monthly_mean").Passed);
        Assert.False(report.Checks.Single(c => c.Name == "geotiff_equals_netcdf").Passed); // the annual COG no longer equals the days' mean
    }
}
