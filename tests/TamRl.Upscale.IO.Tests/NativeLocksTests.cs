using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests;

public class NativeLocksTests
{
    [Fact]
    public void NetCdfWritesAndGdalNetCdfReads_RunConcurrently_WithoutCorruptingEitherFile()
    {
        // GDAL's netCDF driver and NetCdfFile share libnetcdf and libhdf5, neither thread-safe in Debian's build.
        var era5 = RepoPaths.RealData("era5", "new-cds-era5", "era5_surface_pressure_2020-1.nc");
        using var dir = new TempDirectory();
        double[] expectedFirstStep;
        using (var nc = NetCdfFile.Open(era5))
            expectedFirstStep = nc.ReadDoubles("sp", [0, 0, 0], [1, 4, 4]);

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            try
            {
                if (i % 2 == 0)
                {
                    var path = dir.File($"w{i}.nc");
                    using (var nc = NetCdfFile.Create(path))
                    {
                        nc.AddDimension("x", 500);
                        nc.AddVariable("v", NcType.Int, ["x"], new NcVariableOptions { DeflateLevel = 1, ChunkSizes = [100] });
                        nc.Write<int>("v", Enumerable.Range(i, 500).ToArray());
                    }
                    using var back = NetCdfFile.Open(path);
                    if (back.Read<int>("v")[499] != i + 499)
                        failures.Add($"netCDF file {i} read back wrong");
                }
                else
                {
                    using var raster = GdalRaster.Open($"NETCDF:\"{era5}\":sp");
                    var band = raster.ReadBand(1); // band 1 = first valid_time step
                    if (!band.SequenceEqual(expectedFirstStep))
                        failures.Add($"GDAL read {i} differs");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{i}: {e.Message}");
            }
        });

        Assert.Empty(failures);
    }
}
