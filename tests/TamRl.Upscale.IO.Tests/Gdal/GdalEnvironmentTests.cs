using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Gdal;

public sealed class GdalEnvironmentTests
{
    [Fact]
    public void Current_ReportsTheGdalReleaseItLoaded()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", GdalEnvironment.Current.Version);
    }

    [Fact]
    public void SetConfigOption_IsReadBackByGdal_AndClearedWithNull()
    {
        var env = GdalEnvironment.Initialize(new Dictionary<string, string> { ["TAMRL_TEST_OPTION"] = "42" });

        Assert.Equal("42", env.GetConfigOption("TAMRL_TEST_OPTION"));
        env.SetConfigOption("TAMRL_TEST_OPTION", null);
        Assert.Null(env.GetConfigOption("TAMRL_TEST_OPTION"));
    }

    [Fact]
    public void LimitCacheMax_LowersGdalsBlockCacheLimit_ButNeverRaisesIt()
    {
        var env = GdalEnvironment.Current;
        var before = env.CacheMaxBytes;
        try
        {
            env.LimitCacheMax(48L << 20);
            Assert.Equal(Math.Min(before, 48L << 20), env.CacheMaxBytes);
            env.LimitCacheMax(1L << 40);
            Assert.Equal(Math.Min(before, 48L << 20), env.CacheMaxBytes);
        }
        finally
        {
            TamRl.Upscale.IO.Gdal.Native.GdalNative.GDALSetCacheMax64(before);
        }
    }

    [Fact]
    public void Warnings_AreKeptForTheCallingThread_InsteadOfPrinted()
    {
        using var dir = new TempDirectory();
        var raster = new FloatRaster(4, 2, GeoTransform.FromCorner(0, 2, 1, 1), -1f, [new FloatBand(new float[8])]);
        _ = GdalEnvironment.Current.TakeWarnings();

        CogWriter.Write(dir.File("w.tif"), raster, new CogWriteOptions
        {
            ExtraCreationOptions = new Dictionary<string, string> { ["NOT_A_COG_OPTION"] = "1" },
        });

        var warnings = GdalEnvironment.Current.TakeWarnings();
        Assert.Contains(warnings, w => w.ErrorClass == GdalErrorClass.Warning && w.Text.Contains("NOT_A_COG_OPTION"));
        Assert.Empty(GdalEnvironment.Current.TakeWarnings());
    }
}
