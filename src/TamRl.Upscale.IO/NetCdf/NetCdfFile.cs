using System.Runtime.InteropServices;
using System.Text;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf.Native;
using static TamRl.Upscale.IO.NetCdf.Native.NetCdfNative;

namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// One open NetCDF file (NetCDF-3 or NetCDF-4, root group), read or written through netCDF-C.
/// <para>
/// Thread safety: Debian's netCDF-C is built without its optional thread safety and keeps global state
/// (the open-file list, HDF5's caches), so two threads calling it at once can corrupt memory even on
/// different files, and GDAL's netCDF and HDF5 drivers use the same libraries. Every call into netCDF-C made
/// by this type takes one process-wide lock, <see cref="NativeLocks.HdfFamily"/>, which the GDAL wrappers
/// take too. The lock is held per call, not per file: several threads may each hold files
/// open and interleave whole calls; throughput is that of one thread, which is what netCDF-C allows.
/// </para>
/// <para>
/// Define mode is handled for the caller: defining dimensions, variables or attributes enters it,
/// reading or writing data leaves it. Values come back raw (no CF mask, no scale/offset): decode with
/// <c>TamRl.Upscale.IO.Cf</c>.
/// </para>
/// </summary>
public sealed unsafe class NetCdfFile : IArrayDataset
{
    /// <summary>The process-wide lock around every netCDF-C call, shared with GDAL (see <see cref="NativeLocks"/>).</summary>
    internal static readonly object Gate = NativeLocks.HdfFamily;

    // Chunk-cache sizing: large enough to hold one row of chunks across all but the first dimension,
    // so that writing or reading a step at a time into chunks spanning many steps does not evict and
    // recompress the same chunk once per step (a hundredfold slowdown otherwise).
    private const long MinChunkCacheBytes = 16L << 20;
    private const long MaxChunkCacheBytes = 1L << 30;

    private readonly HashSet<int> _cacheSized = new();
    private readonly Dictionary<int, int> _ranks = new();
    private int _ncid;
    private bool _open;
    private bool _defineMode;

    private NetCdfFile(string path, int ncid, bool defineMode, bool writable)
    {
        Path = path;
        _ncid = ncid;
        _open = true;
        _defineMode = defineMode;
        Writable = writable;
    }

    ~NetCdfFile()
    {
        if (_open)
            lock (Gate)
                nc_close(_ncid);
    }

    public string Path { get; }

    public bool Writable { get; }

    /// <summary>The on-disk format.</summary>
    public NetCdfFormat Format
    {
        get
        {
            lock (Gate)
            {
                Check(nc_inq_format(Id, out var format), "inquire format");
                return (NetCdfFormat)format;
            }
        }
    }

    /// <summary>netCDF-C's version string, e.g. "4.9.0 of ...".</summary>
    public static string LibraryVersion
    {
        get
        {
            lock (Gate)
                return Marshal.PtrToStringUTF8(nc_inq_libvers()) ?? "";
        }
    }

    /// <summary>Opens an existing file; a missing, truncated or foreign file throws <see cref="NetCdfException"/>.</summary>
    public static NetCdfFile Open(string path, bool writable = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        lock (Gate)
        {
            Hdf5Native.SilenceAutomaticErrorPrinting(); // GDAL's HDF drivers may have turned it back on
            var status = nc_open(full, writable ? NC_WRITE : NC_NOWRITE, out var ncid);
            if (status != NC_NOERR)
                throw new NetCdfException(full, null, "open", status, ErrorMessage(status));
            return new NetCdfFile(full, ncid, defineMode: false, writable);
        }
    }

    /// <summary>Creates a file in define mode. With <paramref name="overwrite"/> false an existing file is refused.</summary>
    public static NetCdfFile Create(string path, NetCdfFormat format = NetCdfFormat.NetCdf4, bool overwrite = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        var mode = (overwrite ? NC_CLOBBER : NC_NOCLOBBER) | format switch
        {
            NetCdfFormat.Classic => 0,
            NetCdfFormat.Offset64 => NC_64BIT_OFFSET,
            NetCdfFormat.Data64 => NC_64BIT_DATA,
            NetCdfFormat.NetCdf4 => NC_NETCDF4,
            NetCdfFormat.NetCdf4Classic => NC_NETCDF4 | NC_CLASSIC_MODEL,
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        lock (Gate)
        {
            Hdf5Native.SilenceAutomaticErrorPrinting();
            var status = nc_create(full, mode, out var ncid);
            if (status != NC_NOERR)
                throw Failed(full, null, "create", status, writing: true);
            return new NetCdfFile(full, ncid, defineMode: true, writable: true);
        }
    }

    private int Id => _open ? _ncid : throw new ObjectDisposedException(nameof(NetCdfFile), $"{Path} is closed.");

    // ---- Structure -------------------------------------------------------------------------------

    public IReadOnlyDictionary<string, long> Dimensions
    {
        get
        {
            lock (Gate)
            {
                var result = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var dimid in DimensionIds())
                {
                    var (name, length) = InquireDimension(dimid);
                    result[name] = length;
                }
                return result;
            }
        }
    }

    /// <summary>Names of the unlimited (record) dimensions.</summary>
    public IReadOnlyList<string> UnlimitedDimensions
    {
        get
        {
            lock (Gate)
            {
                Check(nc_inq_unlimdims(Id, out var n, null), "inquire unlimited dimensions");
                var ids = new int[n];
                fixed (int* p = ids)
                    Check(nc_inq_unlimdims(Id, out n, p), "inquire unlimited dimensions");
                return ids.Select(id => InquireDimension(id).Name).ToArray();
            }
        }
    }

    public IReadOnlyList<ArrayVariableInfo> Variables
    {
        get
        {
            lock (Gate)
            {
                Check(nc_inq_varids(Id, out var n, null), "list variables");
                var ids = new int[n];
                fixed (int* p = ids)
                    Check(nc_inq_varids(Id, out n, p), "list variables");
                return ids.Select(DescribeVariable).ToArray();
            }
        }
    }

    public AttributeSet GlobalAttributes
    {
        get
        {
            lock (Gate)
            {
                Check(nc_inq(Id, out _, out _, out var natts, out _), "inquire file");
                return ReadAttributes(NC_GLOBAL, natts, null);
            }
        }
    }

    public bool HasVariable(string name)
    {
        lock (Gate)
            return nc_inq_varid(Id, name, out _) == NC_NOERR;
    }

    public ArrayVariableInfo GetVariable(string name)
    {
        lock (Gate)
            return DescribeVariable(VariableId(name));
    }

    /// <summary>The stored netCDF type of a variable.</summary>
    public NcType GetVariableType(string name)
    {
        lock (Gate)
        {
            var varid = VariableId(name);
            Check(nc_inq_var(Id, varid, null, out var xtype, out _, null, out _), "inquire variable", name);
            return (NcType)xtype;
        }
    }

    /// <summary>Chunking and compression of a variable (NetCDF-3 variables are contiguous and uncompressed).</summary>
    public NcVariableStorage GetStorage(string name)
    {
        lock (Gate)
        {
            var varid = VariableId(name);
            var rank = DescribeVariable(varid).Rank;
            if (Format is not (NetCdfFormat.NetCdf4 or NetCdfFormat.NetCdf4Classic))
                return new NcVariableStorage(false, Array.Empty<long>(), false, 0);
            Check(nc_inq_var_deflate(Id, varid, out var shuffle, out var deflate, out var level), "inquire compression", name);
            var sizes = new nuint[Math.Max(rank, 1)];
            int storage;
            fixed (nuint* p = sizes)
                Check(nc_inq_var_chunking(Id, varid, out storage, p), "inquire chunking", name);
            var chunked = storage == NC_CHUNKED;
            return new NcVariableStorage(
                chunked,
                chunked ? sizes.Take(rank).Select(s => (long)s).ToArray() : Array.Empty<long>(),
                shuffle != 0,
                deflate != 0 ? level : 0);
        }
    }

    // ---- Definitions -----------------------------------------------------------------------------

    /// <summary>Adds a dimension; length 0 makes it unlimited.</summary>
    public void AddDimension(string name, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (Gate)
        {
            EnsureDefineMode();
            Check(nc_def_dim(Id, name, (nuint)length, out _), $"define dimension '{name}'");
        }
    }

    /// <summary>Adds a variable over named dimensions, with optional compression, chunking and fill value.</summary>
    public void AddVariable(string name, NcType type, IReadOnlyList<string> dimensions, NcVariableOptions? options = null)
    {
        options ??= new NcVariableOptions();
        lock (Gate)
        {
            EnsureDefineMode();
            var dimids = new int[dimensions.Count];
            for (var i = 0; i < dimids.Length; i++)
                if (nc_inq_dimid(Id, dimensions[i], out dimids[i]) != NC_NOERR)
                    throw new InvalidInputException(Path, name, $"dimension '{dimensions[i]}' is not defined");
            int varid;
            fixed (int* p = dimids)
                Check(nc_def_var(Id, name, (int)type, dimids.Length, p, out varid), "define variable", name);

            if (options.ChunkSizes is { } chunks)
            {
                if (chunks.Length != dimids.Length)
                    throw new ArgumentException($"Variable '{name}' has {dimids.Length} dimensions but {chunks.Length} chunk sizes were given.");
                var native = chunks.Select(c => (nuint)c).ToArray();
                fixed (nuint* p = native)
                    Check(nc_def_var_chunking(Id, varid, NC_CHUNKED, p), "define chunking", name);
            }
            if (options.DeflateLevel > 0 || options.Shuffle)
                Check(nc_def_var_deflate(Id, varid, options.Shuffle ? 1 : 0, options.DeflateLevel > 0 ? 1 : 0, options.DeflateLevel),
                    "define compression", name);
            if (options.FillValue is { } fill)
                DefineFill(varid, name, type, fill);
            if (options.NoFill)
                Check(nc_def_var_fill(Id, varid, 1, null), "switch off fill", name);
        }
    }

    /// <summary>Sets (or replaces) an attribute; <paramref name="variable"/> null means a global attribute.</summary>
    public void SetAttribute(string? variable, string name, AttributeValue value)
    {
        lock (Gate)
        {
            EnsureDefineMode();
            var varid = variable is null ? NC_GLOBAL : VariableId(variable);
            if (value.Text is { } text)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                fixed (byte* p = bytes)
                    Check(nc_put_att_text(Id, varid, name, (nuint)bytes.Length, p), $"write attribute '{name}'", variable);
                return;
            }
            var numbers = value.Numbers!;
            var type = NcTypes.FromClrType(numbers.GetType().GetElementType()!);
            var handle = GCHandle.Alloc(numbers, GCHandleType.Pinned);
            try
            {
                Check(nc_put_att(Id, varid, name, (int)type, (nuint)numbers.Length, (void*)handle.AddrOfPinnedObject()),
                    $"write attribute '{name}'", variable);
            }
            finally
            {
                handle.Free();
            }
        }
    }

    public void SetAttribute(string? variable, string name, string text) => SetAttribute(variable, name, AttributeValue.FromText(text));

    /// <summary>
    /// Sets the chunk cache of one variable explicitly (bytes, hash slots, preemption 0..1). A NetCDF-3 file
    /// (classic, 64-bit offset, CDF-5) has no chunks and so no cache: nothing to set, and nothing is refused,
    /// so callers that read either kind need not ask which one they opened.
    /// </summary>
    public void SetChunkCache(string variable, long bytes, long slots, float preemption = 0.75f)
    {
        lock (Gate)
        {
            var varid = VariableId(variable);
            if (Format is not (NetCdfFormat.NetCdf4 or NetCdfFormat.NetCdf4Classic))
                return;
            Check(nc_set_var_chunk_cache(Id, varid, (nuint)bytes, (nuint)slots, preemption), "set chunk cache", variable);
            _cacheSized.Add(varid);
        }
    }

    /// <summary>
    /// Whether one variable's chunk cache, as it is when data is accessed (sized on first access, see
    /// SizeChunkCache), holds a whole row of its chunks along the first dimension, so that reading the row
    /// one index at a time decompresses each chunk once. False for a variable without chunks.
    /// </summary>
    internal bool ChunkCacheHoldsRow(string variable)
    {
        lock (Gate)
        {
            var varid = VariableId(variable);
            if (Format is not (NetCdfFormat.NetCdf4 or NetCdfFormat.NetCdf4Classic))
                return false;
            EnsureDataMode();
            RankOnFirstAccess(varid);
            var rowBytes = ChunkRowBytes(varid, DescribeVariable(varid), out _);
            if (rowBytes == 0)
                return false;
            Check(nc_get_var_chunk_cache(Id, varid, out var size, out _, out _), "inquire chunk cache", variable);
            return (long)size >= rowBytes;
        }
    }

    // ---- Data ------------------------------------------------------------------------------------

    /// <summary>
    /// Reads a hyperslab converted by netCDF-C to <typeparamref name="T"/> (sbyte, byte, short, ushort,
    /// int, uint, long, ulong, float or double), row-major. A value outside T's range is an NC_ERANGE error.
    /// </summary>
    public T[] Read<T>(string variable, long[] start, long[] count) where T : unmanaged
    {
        var result = new T[checked((int)count.Aggregate(1L, (a, b) => a * b))];
        Read<T>(variable, start, count, result);
        return result;
    }

    /// <summary>Reads a hyperslab into a caller's buffer (no allocation), which must hold exactly the hyperslab.</summary>
    public void Read<T>(string variable, long[] start, long[] count, Span<T> destination) where T : unmanaged
    {
        var expected = Product(count);
        if (destination.Length != expected)
            throw new ArgumentException($"{Path}: variable '{variable}': a buffer of {destination.Length} values for a hyperslab of {expected}.");
        lock (Gate)
        {
            var varid = PrepareDataAccess(variable, start, count);
            // On the stack: assembly and the checks make tens of thousands of these calls per block.
            Span<nuint> s = stackalloc nuint[start.Length], c = stackalloc nuint[count.Length];
            ToNative(start, s);
            ToNative(count, c);
            fixed (nuint* ps = s, pc = c)
            fixed (T* pd = destination)
                Check(NetCdfTypedAccess.Get(Id, varid, ps, pc, pd), "read", variable);
        }
    }

    /// <summary>Reads a whole variable converted to <typeparamref name="T"/>.</summary>
    public T[] Read<T>(string variable) where T : unmanaged
    {
        var shape = GetVariable(variable).Shape;
        return Read<T>(variable, new long[shape.Count], shape.ToArray());
    }

    /// <summary>Writes a hyperslab, converted by netCDF-C from <typeparamref name="T"/> to the variable's type.</summary>
    public void Write<T>(string variable, long[] start, long[] count, ReadOnlySpan<T> data) where T : unmanaged
    {
        var expected = Product(count);
        if (data.Length != expected)
            throw new ArgumentException($"{Path}: variable '{variable}': {data.Length} values given for a hyperslab of {expected}.");
        lock (Gate)
        {
            var varid = PrepareDataAccess(variable, start, count);
            Span<nuint> s = stackalloc nuint[start.Length], c = stackalloc nuint[count.Length];
            ToNative(start, s);
            ToNative(count, c);
            fixed (nuint* ps = s, pc = c)
            fixed (T* pd = data)
                Check(NetCdfTypedAccess.Put(Id, varid, ps, pc, pd), "write", variable);
        }
    }

    /// <summary>Writes a whole variable (its current shape; for an unlimited dimension, pass the hyperslab overload).</summary>
    public void Write<T>(string variable, ReadOnlySpan<T> data) where T : unmanaged
    {
        var shape = GetVariable(variable).Shape;
        Write(variable, new long[shape.Count], shape.ToArray(), data);
    }

    /// <summary>
    /// Writes a whole one-dimensional NC_STRING variable (NetCDF-4 only), one UTF-8 string per element;
    /// CF readers (xarray, ncdump) show it as text, e.g. station identifiers.
    /// </summary>
    public void WriteStrings(string variable, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var pointers = new IntPtr[values.Count];
        try
        {
            for (var i = 0; i < pointers.Length; i++)
                pointers[i] = Marshal.StringToCoTaskMemUTF8(values[i] ?? throw new ArgumentException($"{Path}: variable '{variable}': element {i} is null."));
            lock (Gate)
            {
                var varid = PrepareDataAccess(variable, [0], [values.Count]);
                RequireStringVariable(varid, variable);
                var s = new nuint[] { 0 };
                var c = new nuint[] { (nuint)values.Count };
                fixed (nuint* ps = s, pc = c)
                fixed (IntPtr* pd = pointers)
                    Check(nc_put_vara_string(Id, varid, ps, pc, pd), "write strings", variable);
            }
        }
        finally
        {
            foreach (var p in pointers)
                if (p != IntPtr.Zero)
                    Marshal.FreeCoTaskMem(p);
        }
    }

    /// <summary>Reads a whole one-dimensional NC_STRING variable.</summary>
    public string[] ReadStrings(string variable)
    {
        lock (Gate)
        {
            var length = DescribeVariable(VariableId(variable)).Shape.FirstOrDefault();
            var varid = PrepareDataAccess(variable, [0], [length]);
            RequireStringVariable(varid, variable);
            var pointers = new IntPtr[length];
            var s = new nuint[] { 0 };
            var c = new nuint[] { (nuint)length };
            fixed (nuint* ps = s, pc = c)
            fixed (IntPtr* pd = pointers)
            {
                Check(nc_get_vara_string(Id, varid, ps, pc, pd), "read strings", variable);
                var result = pointers.Select(p => Marshal.PtrToStringUTF8(p) ?? "").ToArray();
                nc_free_string((nuint)length, pd);
                return result;
            }
        }
    }

    private void RequireStringVariable(int varid, string variable)
    {
        Check(nc_inq_var(Id, varid, null, out var xtype, out _, null, out _), "inquire variable", variable);
        if ((NcType)xtype != NcType.String)
            throw new InvalidInputException(Path, variable, $"expected a string variable, found {(NcType)xtype}");
    }

    /// <summary>A writer that takes one step (first-dimension index) at a time and writes whole chunk rows.</summary>
    public NetCdfStepWriter<T> StepWriter<T>(string variable) where T : unmanaged => new(this, variable);

    /// <summary>A reader that serves one step at a time from whole chunk rows.</summary>
    public NetCdfStepReader<T> StepReader<T>(string variable) where T : unmanaged => new(this, variable);

    public double[] ReadDoubles(string variable, long[] start, long[] count) => Read<double>(variable, start, count);

    public double[] ReadDoubles(string variable) => Read<double>(variable);

    /// <summary>Flushes buffers to disk.</summary>
    public void Sync()
    {
        lock (Gate)
        {
            EnsureDataMode();
            Check(nc_sync(Id), "sync");
        }
    }

    /// <summary>Closes the file; a failure to flush (a full disk) throws rather than losing data silently.</summary>
    public void Dispose()
    {
        if (!_open)
            return;
        lock (Gate)
        {
            _open = false;
            GC.SuppressFinalize(this);
            var status = nc_close(_ncid);
            if (status != NC_NOERR)
                throw Failed(Path, null, "close", status, Writable);
        }
    }

    // ---- Internals (callers hold Gate) -------------------------------------------------------------

    /// <summary>netCDF-C's NC_EHDFERR: "NetCDF: HDF error", how netCDF-4 reports a write HDF5 could not make.</summary>
    private const int HdfError = -101;

    private void Check(int status, string operation, string? variable = null)
    {
        if (status != NC_NOERR)
            throw Failed(Path, variable, operation, status, Writable);
    }

    /// <summary>
    /// The exception for a failed call. A write that failed on a full disk becomes <see cref="DiskFullException"/>
    /// naming the file: netCDF-3 returns ENOSPC itself, but netCDF-4 reports it as "NetCDF: HDF error", so the free space
    /// is asked.
    /// </summary>
    private static Core.Errors.DataFileException Failed(string path, string? variable, string operation, int status, bool writing)
    {
        var error = new NetCdfException(path, variable, operation, status, ErrorMessage(status));
        // Only an HDF error is asked about the free space: any other status (a missing variable, a bad hyperslab, a
        // folder that does not exist) says what went wrong itself, even on a nearly full disk.
        return writing && (status == Core.Errors.DiskFullException.Enospc || (status == HdfError && Core.Errors.DiskFullException.IsNearlyFull(path)))
            ? new Core.Errors.DiskFullException(path, operation, error)
            : error;
    }

    private void EnsureDefineMode()
    {
        if (!Writable)
            throw new InvalidOperationException($"{Path} is open read-only.");
        if (_defineMode)
            return;
        Check(nc_redef(Id), "enter define mode");
        _defineMode = true;
    }

    private void EnsureDataMode()
    {
        if (!_defineMode)
            return;
        Check(nc_enddef(Id), "leave define mode");
        _defineMode = false;
    }

    private int VariableId(string name)
    {
        if (nc_inq_varid(Id, name, out var varid) != NC_NOERR)
            throw new InvalidInputException(Path, name, "no such variable in the file");
        return varid;
    }

    private static long Product(long[] count)
    {
        var product = 1L;
        foreach (var c in count)
            product *= c;
        return product;
    }

    private static void ToNative(long[] values, Span<nuint> native)
    {
        for (var i = 0; i < values.Length; i++)
            native[i] = (nuint)values[i];
    }

    private int PrepareDataAccess(string variable, long[] start, long[] count)
    {
        EnsureDataMode();
        var varid = VariableId(variable);
        var rank = RankOnFirstAccess(varid);
        if (start.Length != rank || count.Length != rank)
            throw new ArgumentException(
                $"{Path}: variable '{variable}' has {rank} dimensions; start has {start.Length} and count {count.Length}.");
        return varid;
    }

    /// <summary>
    /// A variable's rank, described (all attributes) and its chunk cache sized only on first access: the rank never
    /// changes once defined.
    /// </summary>
    private int RankOnFirstAccess(int varid)
    {
        if (_ranks.TryGetValue(varid, out var rank))
            return rank;
        var info = DescribeVariable(varid);
        SizeChunkCache(varid, info);
        return _ranks[varid] = info.Rank;
    }

    private void SizeChunkCache(int varid, ArrayVariableInfo info)
    {
        if (_cacheSized.Contains(varid) || info.Rank < 2 || Format is not (NetCdfFormat.NetCdf4 or NetCdfFormat.NetCdf4Classic))
            return;
        var rowBytes = ChunkRowBytes(varid, info, out var chunksPerRow);
        if (rowBytes <= MinChunkCacheBytes)
            return;
        var bytes = Math.Min(MaxChunkCacheBytes, rowBytes + rowBytes / 8);
        var slots = Math.Max(1009, chunksPerRow * 4 + 1);
        Check(nc_set_var_chunk_cache(Id, varid, (nuint)bytes, (nuint)slots, 0.75f), "set chunk cache", info.Name);
    }

    /// <summary>
    /// The bytes of one row of chunks along the first dimension (every chunk that one index of it touches,
    /// in the file's type), or 0 for a variable without chunks.
    /// </summary>
    private long ChunkRowBytes(int varid, ArrayVariableInfo info, out long chunksPerRow)
    {
        chunksPerRow = 0;
        var sizes = new nuint[Math.Max(1, info.Rank)];
        int storage;
        fixed (nuint* p = sizes)
            if (nc_inq_var_chunking(Id, varid, out storage, p) != NC_NOERR || storage != NC_CHUNKED)
                return 0;
        long chunkElements = 1;
        chunksPerRow = 1;
        for (var i = 0; i < info.Rank; i++)
        {
            var c = Math.Max(1L, (long)sizes[i]);
            chunkElements *= c;
            if (i > 0)
                chunksPerRow *= (info.Shape[i] + c - 1) / c;
        }
        Check(nc_inq_var(Id, varid, null, out var xtype, out _, null, out _), "inquire variable", info.Name);
        return chunksPerRow * chunkElements * NcTypes.SizeOf((NcType)xtype);
    }

    private int[] DimensionIds()
    {
        Check(nc_inq_dimids(Id, out var n, null, 0), "list dimensions");
        var ids = new int[n];
        fixed (int* p = ids)
            Check(nc_inq_dimids(Id, out n, p, 0), "list dimensions");
        return ids;
    }

    private (string Name, long Length) InquireDimension(int dimid)
    {
        var buffer = stackalloc byte[NC_MAX_NAME + 1];
        Check(nc_inq_dim(Id, dimid, buffer, out var length), "inquire dimension");
        return (NameFromBuffer(buffer), (long)length);
    }

    private ArrayVariableInfo DescribeVariable(int varid)
    {
        var name = stackalloc byte[NC_MAX_NAME + 1];
        Check(nc_inq_var(Id, varid, name, out var xtype, out var ndims, null, out var natts), "inquire variable");
        var varName = NameFromBuffer(name);
        var dimids = new int[ndims];
        fixed (int* p = dimids)
            Check(nc_inq_var(Id, varid, null, out _, out _, p, out _), "inquire variable", varName);
        var dims = dimids.Select(InquireDimension).ToArray();
        var clr = Enum.IsDefined((NcType)xtype) ? NcTypes.ToClrType((NcType)xtype) : typeof(object);
        return new ArrayVariableInfo(varName, dims.Select(d => d.Name).ToArray(), dims.Select(d => d.Length).ToArray(), clr,
            ReadAttributes(varid, natts, varName));
    }

    private AttributeSet ReadAttributes(int varid, int count, string? variable)
    {
        var items = new List<KeyValuePair<string, AttributeValue>>(count);
        var nameBuffer = stackalloc byte[NC_MAX_NAME + 1];
        for (var i = 0; i < count; i++)
        {
            Check(nc_inq_attname(Id, varid, i, nameBuffer), "inquire attribute", variable);
            var name = NameFromBuffer(nameBuffer);
            if (ReadAttribute(varid, name, variable) is { } value)
                items.Add(new(name, value));
        }
        return new AttributeSet(items);
    }

    /// <summary>Reads one attribute; user-defined (compound, enum, vlen) types are skipped (null).</summary>
    private AttributeValue? ReadAttribute(int varid, string name, string? variable)
    {
        Check(nc_inq_att(Id, varid, name, out var xtype, out var len), $"inquire attribute '{name}'", variable);
        var length = checked((int)len);
        switch ((NcType)xtype)
        {
            case NcType.Char:
            {
                var bytes = new byte[length];
                fixed (byte* p = bytes)
                    Check(nc_get_att(Id, varid, name, p), $"read attribute '{name}'", variable);
                return AttributeValue.FromText(Encoding.UTF8.GetString(bytes).TrimEnd('\0'));
            }
            case NcType.String:
            {
                var pointers = new IntPtr[length];
                fixed (IntPtr* p = pointers)
                {
                    Check(nc_get_att_string(Id, varid, name, p), $"read attribute '{name}'", variable);
                    var texts = pointers.Select(ptr => Marshal.PtrToStringUTF8(ptr) ?? "").ToArray();
                    nc_free_string(len, p);
                    return AttributeValue.FromText(string.Join("\n", texts));
                }
            }
            case var t when (int)t is >= 1 and <= 11:
            {
                var numbers = Array.CreateInstance(NcTypes.ToClrType(t), length);
                var handle = GCHandle.Alloc(numbers, GCHandleType.Pinned);
                try
                {
                    Check(nc_get_att(Id, varid, name, (void*)handle.AddrOfPinnedObject()), $"read attribute '{name}'", variable);
                }
                finally
                {
                    handle.Free();
                }
                return AttributeValue.FromNumbers(numbers);
            }
            default:
                return null;
        }
    }

    private void DefineFill(int varid, string name, NcType type, AttributeValue fill)
    {
        if (fill.IsText || fill.Numbers!.Length != 1)
            throw new ArgumentException($"Variable '{name}': a fill value must be one number.");
        // netCDF requires the fill value in the variable's own type.
        var typed = Array.CreateInstance(NcTypes.ToClrType(type), 1);
        typed.SetValue(Convert.ChangeType(fill.Numbers.GetValue(0), NcTypes.ToClrType(type), System.Globalization.CultureInfo.InvariantCulture), 0);
        var handle = GCHandle.Alloc(typed, GCHandleType.Pinned);
        try
        {
            Check(nc_def_var_fill(Id, varid, 0, (void*)handle.AddrOfPinnedObject()), "define fill value", name);
        }
        finally
        {
            handle.Free();
        }
    }
}
