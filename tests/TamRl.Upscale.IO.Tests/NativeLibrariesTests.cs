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
                Exception? failure = null;
                var first = new Thread(() =>
                {
                    start.SignalAndWait();
                    RuntimeHelpers.RunClassConstructor(netCdf.TypeHandle);
                });
                var second = new Thread(() =>
                {
                    start.SignalAndWait();
                    try { gdalReset.Invoke(null, null); }
                    catch (TargetInvocationException e) { failure = e.InnerException; }
                });
                first.Start();
                second.Start();
                first.Join();
                second.Join();

                Assert.True(failure is null, $"attempt {attempt}: {failure}");
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
