using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.IO.Tests;

/// <summary>
/// The bindings' first native calls racing on two threads. Each attempt loads a fresh copy of the IO
/// assembly in its own load context, so its resolver is not yet registered, then starts netCDF's
/// binding on one thread while the other makes GDAL's first call. Before the resolver was registered
/// under a lock, the GDAL call could run before registration and fail with DllNotFoundException
/// (14 of 100 fresh processes; one CI run was lost to it).
/// </summary>
public sealed class NativeLibrariesTests
{
    private const int Attempts = 100;

    [Fact]
    public void FirstCalls_OfTwoBindingsOnTwoThreads_BothFindTheirLibraries()
    {
        var ioPath = typeof(GdalRaster).Assembly.Location;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var context = new AssemblyLoadContext($"io-race-{attempt}", isCollectible: true);
            try
            {
                var io = context.LoadFromAssemblyPath(ioPath);
                var netCdf = io.GetType("TamRl.Upscale.IO.NetCdf.Native.NetCdfNative", throwOnError: true)!;
                var gdalReset = io.GetType("TamRl.Upscale.IO.Gdal.Native.GdalNative", throwOnError: true)!
                    .GetMethod("CPLErrorReset", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;

                using var start = new Barrier(2);
                // Every exception is caught on its thread: one escaping a raw thread would end the whole test host.
                Exception? netCdfFailure = null, gdalFailure = null;
                var first = new Thread(() =>
                {
                    try { start.SignalAndWait(); RuntimeHelpers.RunClassConstructor(netCdf.TypeHandle); }
                    catch (Exception e) { netCdfFailure = e; }
                });
                var second = new Thread(() =>
                {
                    try { start.SignalAndWait(); gdalReset.Invoke(null, null); }
                    catch (TargetInvocationException e) { gdalFailure = e.InnerException; }
                    catch (Exception e) { gdalFailure = e; }
                });
                first.Start();
                second.Start();
                first.Join();
                second.Join();

                Assert.True(netCdfFailure is null, $"attempt {attempt}, netCDF: {netCdfFailure}");
                Assert.True(gdalFailure is null, $"attempt {attempt}, GDAL: {gdalFailure}");
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
