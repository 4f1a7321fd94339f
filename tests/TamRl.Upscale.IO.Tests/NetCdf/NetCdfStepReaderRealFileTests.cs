using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.NetCdf;

/// <summary>
/// Stored chunks decoded outside HDF5 on files other tools wrote (data/real, MANIFEST.csv): the new CDS's ERA5 and
/// ERA5-Land downloads (chunks of 4 x 4 x 4 that overhang nothing, shuffle, deflate 1) and an AppEEARS MOD13A2 request
/// (shorts and ints, shuffle, deflate 4, one chunk of 406 steps). Every step must equal netCDF-C's own decoding of the same hyperslab.
/// </summary>
public class NetCdfStepReaderRealFileTests
{
    [Theory]
    [InlineData("era5/new-cds-era5/era5_surface_pressure_2020-1.nc", "sp")]
    [InlineData("era5/new-cds-era5-land/era5-land_air_temperature_2020-1.nc", "t2m")]
    public void Floats_FromTheCds_DecodeAsNetCdfDecodesThem(string file, string variable) =>
        AssertStepsAsNetCdf<float>(file, variable);

    [Fact]
    public void Shorts_FromAppEears_DecodeAsNetCdfDecodesThem() =>
        AssertStepsAsNetCdf<short>("modis/appeears/MOD13A2.006_aid0001.nc", "_1_km_16_days_EVI");

    [Fact]
    public void Ints_FromAppEears_DecodeAsNetCdfDecodesThem() =>
        AssertStepsAsNetCdf<int>("modis/appeears/MOD13A2.006_aid0001.nc", "_1_km_16_days_VI_Quality");

    private static void AssertStepsAsNetCdf<T>(string relative, string variable) where T : unmanaged
    {
        var path = RepoPaths.RealData(relative.Split('/'));
        using var nc = NetCdfFile.Open(path);
        var shape = nc.GetVariable(variable).Shape;
        using var reader = nc.StepReader<T>(variable);
        Assert.True(reader.ReadsStoredChunks, reader.WhyNotDirect);
        for (var t = 0; t < shape[0]; t++)
        {
            var expected = nc.Read<T>(variable, [t, .. new long[shape.Count - 1]], [1, .. shape.Skip(1)]);
            Assert.Equal(expected, reader.Read(t).ToArray());
        }
    }
}
