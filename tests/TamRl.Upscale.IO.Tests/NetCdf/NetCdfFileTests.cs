using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.NetCdf;

public class NetCdfFileTests
{
    private static readonly string Era5Pressure = RepoPaths.RealData("era5", "new-cds-era5", "era5_surface_pressure_2020-1.nc");

    [Fact]
    public void SetChunkCache_OnACdf5File_SetsNothing_AndReadsStillGiveTheValues()
    {
        // A NetCDF-3 file has no chunks: callers that read NetCDF-4 and CDF-5 files alike set a cache on either.
        using var dir = new TempDirectory();
        var path = dir.File("classic.nc");
        using (var nc = NetCdfFile.Create(path, NetCdfFormat.Data64))
        {
            nc.AddDimension("x", 4);
            nc.AddVariable("v", NcType.Float, ["x"], new NcVariableOptions { FillValue = AttributeValue.Of(float.NaN), NoFill = true });
            nc.Write<float>("v", [1f, 2f, 3f, 4f]);
        }
        Assert.Equal("cdf5", Ncdump.Kind(path));
        Assert.Contains("v:_FillValue = NaNf", Ncdump.Header(path));

        using var file = NetCdfFile.Open(path);
        file.SetChunkCache("v", 0, 1, 1f);
        Assert.Equal([2f, 3f], file.Read<float>("v", [1], [2]));
        Assert.Throws<InvalidInputException>(() => file.SetChunkCache("missing", 0, 1, 1f));
    }

    [Fact]
    public void Create_WritesDeflateShuffleAndChunks_AsNcdumpReportsThem()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cube.nc");
        using (var nc = NetCdfFile.Create(path))
        {
            nc.AddDimension("time", 0);
            nc.AddDimension("lat", 6);
            nc.AddDimension("lon", 8);
            nc.AddVariable("t2m", NcType.Float, ["time", "lat", "lon"], new NcVariableOptions
            {
                DeflateLevel = 4,
                Shuffle = true,
                ChunkSizes = [2, 3, 8],
                FillValue = AttributeValue.Of(-9999f),
            });
            nc.SetAttribute("t2m", "units", "K");
            var data = Enumerable.Range(0, 3 * 6 * 8).Select(i => (float)(250 + i * 0.5)).ToArray();
            nc.Write<float>("t2m", [0, 0, 0], [3, 6, 8], data);
        }

        var header = Ncdump.Header(path, special: true);
        Assert.Equal("netCDF-4", Ncdump.Kind(path));
        Assert.Contains("time = UNLIMITED ; // (3 currently)", header);
        Assert.Contains("t2m:_DeflateLevel = 4 ;", header);
        Assert.Contains("t2m:_Shuffle = \"true\" ;", header);
        Assert.Contains("t2m:_ChunkSizes = 2, 3, 8 ;", header);
        Assert.Contains("t2m:_FillValue = -9999.f ;", header);
        Assert.Contains("t2m:units = \"K\" ;", header);
        var values = Ncdump.Values(path, "t2m");
        Assert.Equal(144, values.Length);
        Assert.Equal(250.0, values[0]);
        Assert.Equal(250 + 143 * 0.5, values[^1]);

        using var back = NetCdfFile.Open(path);
        var storage = back.GetStorage("t2m");
        Assert.Equal(new NcVariableStorage(true, [2, 3, 8], true, 4), storage with { ChunkSizes = storage.ChunkSizes.ToArray() }, new StorageComparer());
    }

    [Fact]
    public void SetAttribute_StoresEveryNumericTypeAndText_WithTheirNetCdfTypes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("attrs.nc");
        using (var nc = NetCdfFile.Create(path))
        {
            nc.SetAttribute(null, "a_byte", AttributeValue.FromNumbers(new sbyte[] { -3 }));
            nc.SetAttribute(null, "a_ubyte", AttributeValue.FromNumbers(new byte[] { 200 }));
            nc.SetAttribute(null, "a_short", AttributeValue.Of((short)-32767));
            nc.SetAttribute(null, "a_ushort", AttributeValue.FromNumbers(new ushort[] { 65000 }));
            nc.SetAttribute(null, "a_int", AttributeValue.Of(-7, 8));
            nc.SetAttribute(null, "a_uint", AttributeValue.FromNumbers(new uint[] { 4000000000 }));
            nc.SetAttribute(null, "a_int64", AttributeValue.FromNumbers(new long[] { -5000000000 }));
            nc.SetAttribute(null, "a_uint64", AttributeValue.FromNumbers(new ulong[] { 9000000000 }));
            nc.SetAttribute(null, "a_float", AttributeValue.Of(0.5f));
            nc.SetAttribute(null, "a_double", AttributeValue.Of(1e-300));
            nc.SetAttribute(null, "title", "Gross primary productivity: ünïcode ok");
        }

        var header = Ncdump.Header(path);
        Assert.Contains(":a_byte = -3b ;", header);
        Assert.Contains(":a_ubyte = 200UB ;", header);
        Assert.Contains(":a_short = -32767s ;", header);
        Assert.Contains(":a_ushort = 65000US ;", header);
        Assert.Contains(":a_int = -7, 8 ;", header);
        Assert.Contains(":a_uint = 4000000000U ;", header);
        Assert.Contains(":a_int64 = -5000000000LL ;", header);
        Assert.Contains(":a_uint64 = 9000000000ULL ;", header);
        Assert.Contains(":a_float = 0.5f ;", header);
        Assert.Contains(":a_double = 1.e-300 ;", header);
        Assert.Contains(":title = \"Gross primary productivity: ünïcode ok\" ;", header);

        using var back = NetCdfFile.Open(path);
        var attrs = back.GlobalAttributes;
        Assert.Equal(typeof(sbyte), attrs.TryGet("a_byte", out var b) ? b.ElementType : null);
        Assert.Equal(new[] { -7.0, 8.0 }, attrs.GetDoubles("a_int"));
        Assert.Equal(-5000000000.0, attrs.GetDoubles("a_int64")![0]);
        Assert.Equal("Gross primary productivity: ünïcode ok", attrs.GetText("title"));
    }

    [Fact]
    public void Read_ReturnsTheHyperslab_InRowMajorOrder()
    {
        using var dir = new TempDirectory();
        var path = dir.File("slab.nc");
        using (var nc = NetCdfFile.Create(path, NetCdfFormat.Classic))
        {
            nc.AddDimension("t", 4);
            nc.AddDimension("y", 5);
            nc.AddDimension("x", 6);
            nc.AddVariable("v", NcType.Double, ["t", "y", "x"]);
            nc.Write<double>("v", Enumerable.Range(0, 120).Select(i => (double)i).ToArray());
        }
        Assert.Equal("classic", Ncdump.Kind(path));

        using var back = NetCdfFile.Open(path);
        var slab = back.Read<double>("v", [1, 2, 3], [2, 2, 3]);
        // element (t, y, x) holds t*30 + y*6 + x
        double[] expected = [45, 46, 47, 51, 52, 53, 75, 76, 77, 81, 82, 83];
        Assert.Equal(expected, slab);
        Assert.Equal(NetCdfFormat.Classic, back.Format);
    }

    [Fact]
    public void Read_ThrowsNetCdfRangeError_WhenValuesDoNotFitTheRequestedType()
    {
        using var dir = new TempDirectory();
        var path = dir.File("range.nc");
        using (var nc = NetCdfFile.Create(path))
        {
            nc.AddDimension("x", 2);
            nc.AddVariable("big", NcType.Double, ["x"]);
            nc.Write<double>("big", [1e6, 2]);
        }
        using var back = NetCdfFile.Open(path);
        var e = Assert.Throws<NetCdfException>(() => back.Read<short>("big"));
        Assert.Equal(-60, e.Status); // NC_ERANGE
        Assert.Equal("big", e.Variable);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Open_ReadsRealNewCdsEra5File_WithValuesNcdumpReports()
    {
        using var nc = NetCdfFile.Open(Era5Pressure);

        Assert.Equal(NetCdfFormat.NetCdf4, nc.Format);
        Assert.Equal(4, nc.Dimensions["valid_time"]);
        var sp = nc.GetVariable("sp");
        Assert.Equal(["valid_time", "latitude", "longitude"], sp.DimensionNames);
        Assert.Equal(typeof(float), sp.StorageType);
        Assert.Equal("Pa", sp.Attributes.GetText("units"));
        Assert.True(double.IsNaN(sp.Attributes.GetDoubles("_FillValue")![0]));
        Assert.Equal(typeof(long), nc.GetVariable("valid_time").StorageType);
        Assert.Equal(typeof(string), nc.GetVariable("expver").StorageType);
        Assert.Equal("CF-1.7", nc.GlobalAttributes.GetText("Conventions"));

        Assert.Equal(Ncdump.Values(Era5Pressure, "sp").Select(v => (float)v), nc.Read<float>("sp"));
        Assert.Equal(Ncdump.Values(Era5Pressure, "valid_time"), nc.ReadDoubles("valid_time"));
    }

    [Fact]
    public void Open_ThrowsNetCdfException_NamingTheFile_WhenItDoesNotExist()
    {
        var e = Assert.Throws<NetCdfException>(() => NetCdfFile.Open("/nonexistent/dir/missing.nc"));
        Assert.Equal("/nonexistent/dir/missing.nc", e.FilePath);
        Assert.StartsWith("/nonexistent/dir/missing.nc: open failed:", e.Message);
    }

    [Fact]
    public void Open_ThrowsNetCdfException_WhenTheFileIsTruncated()
    {
        using var dir = new TempDirectory();
        var path = dir.File("truncated.nc");
        var bytes = File.ReadAllBytes(Era5Pressure);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var e = Assert.ThrowsAny<DataFileException>(() =>
        {
            using var nc = NetCdfFile.Open(path);
            nc.Read<float>("sp");
        });
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Open_ThrowsNetCdfException_WhenTheFileIsNotNetCdf()
    {
        using var dir = new TempDirectory();
        var path = dir.File("notes.nc");
        File.WriteAllText(path, "this is not a netCDF file\n");
        var e = Assert.Throws<NetCdfException>(() => NetCdfFile.Open(path));
        Assert.Contains("Unknown file format", e.NativeMessage);
    }

    [Fact]
    public void GetVariable_ThrowsInvalidInput_NamingFileAndVariable_WhenAbsent()
    {
        using var nc = NetCdfFile.Open(Era5Pressure);
        var e = Assert.Throws<InvalidInputException>(() => nc.GetVariable("t2m"));
        Assert.Equal("t2m", e.Variable);
        Assert.Equal(Era5Pressure, e.FilePath);
    }

    [Fact]
    public void AddVariable_ThrowsNetCdfException_WhenCompressionIsAskedOfANetCdf3File()
    {
        using var dir = new TempDirectory();
        using var nc = NetCdfFile.Create(dir.File("classic.nc"), NetCdfFormat.Classic);
        nc.AddDimension("x", 3);
        var e = Assert.Throws<NetCdfException>(() => nc.AddVariable("v", NcType.Float, ["x"], new NcVariableOptions { DeflateLevel = 4 }));
        Assert.Equal("v", e.Variable);
    }

    [Fact]
    public void Create_RefusesToOverwrite_WhenAskedNotTo()
    {
        using var dir = new TempDirectory();
        var path = dir.File("keep.nc");
        NetCdfFile.Create(path).Dispose();
        Assert.Throws<NetCdfException>(() => NetCdfFile.Create(path, overwrite: false));
    }

    [Fact]
    public void Calls_AreSerialised_WhenManyThreadsReadDifferentFilesAtOnce()
    {
        using var dir = new TempDirectory();
        var paths = Enumerable.Range(0, 4).Select(i => dir.File($"f{i}.nc")).ToArray();
        for (var f = 0; f < paths.Length; f++)
        {
            using var nc = NetCdfFile.Create(paths[f]);
            nc.AddDimension("x", 1000);
            nc.AddVariable("v", NcType.Int, ["x"], new NcVariableOptions { DeflateLevel = 1 });
            nc.Write<int>("v", Enumerable.Range(f * 1000, 1000).ToArray());
        }

        var failures = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var f = i % paths.Length;
            using var nc = NetCdfFile.Open(paths[f]);
            var v = nc.Read<int>("v");
            if (v[0] != f * 1000 || v[999] != f * 1000 + 999)
                Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Dispose_MakesFurtherUseThrowObjectDisposed()
    {
        var nc = NetCdfFile.Open(Era5Pressure);
        nc.Dispose();
        nc.Dispose();
        Assert.Throws<ObjectDisposedException>(() => nc.Dimensions);
    }

    private sealed class StorageComparer : IEqualityComparer<NcVariableStorage>
    {
        public bool Equals(NcVariableStorage? a, NcVariableStorage? b) =>
            a is not null && b is not null && a.Chunked == b.Chunked && a.Shuffle == b.Shuffle &&
            a.DeflateLevel == b.DeflateLevel && a.ChunkSizes.SequenceEqual(b.ChunkSizes);

        public int GetHashCode(NcVariableStorage s) => s.DeflateLevel;
    }
}
