using static TamRl.Upscale.IO.NetCdf.Native.Hdf5Native;

namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// One NetCDF-4 variable's chunks as HDF5 stores them (compressed bytes and filter mask), for decoding outside HDF5
/// (<see cref="StoredChunkDecoder"/>). Only the layouts netCDF-C writes are taken: a little-endian integer or float
/// type of the caller's size, and a filter pipeline of shuffle and/or deflate (shuffle first), filtering every chunk.
/// Anything else (other filters such as szip, zstd or fletcher32, byte-swapped types, unfiltered edge chunks, a name
/// HDF5 does not find, shapes that disagree) returns null with the reason, and the caller reads through netCDF-C.
/// <para>
/// Reads go through HDF5 (<c>H5Dread_chunk</c>: a lookup in the chunk index and one read), under the HDF lock, one
/// chunk per call, so that the decompression, the expensive part, runs outside it. HDF5 finds each chunk itself
/// (user blocks included) and sees chunks still in its cache. Holds the file and dataset open in HDF5 until disposed.
/// </para>
/// </summary>
internal sealed class StoredChunks : IDisposable
{
    private readonly long[] _grid;
    private long _fileId;
    private long _datasetId;

    private StoredChunks(string path, string variable, long fileId, long datasetId, long[] shape, long[] chunkShape, int elementSize,
        int shuffleAt, int deflateAt)
    {
        Path = path;
        Variable = variable;
        _fileId = fileId;
        _datasetId = datasetId;
        Shape = shape;
        ChunkShape = chunkShape;
        ElementSize = elementSize;
        ShuffleAt = shuffleAt;
        DeflateAt = deflateAt;
        _grid = shape.Select((n, d) => (n + chunkShape[d] - 1) / chunkShape[d]).ToArray();
        ChunkElements = chunkShape.Aggregate(1L, (a, b) => a * b);
    }

    ~StoredChunks() => Close();

    /// <summary>The file and variable, for messages.</summary>
    public string Path { get; }

    public string Variable { get; }

    public long[] Shape { get; }

    public long[] ChunkShape { get; }

    public int ElementSize { get; }

    /// <summary>The shuffle filter's position in the pipeline, -1 without one.</summary>
    public int ShuffleAt { get; }

    /// <summary>The deflate filter's position in the pipeline, -1 without one.</summary>
    public int DeflateAt { get; }

    /// <summary>Elements in one stored chunk (edge chunks are stored whole, too).</summary>
    public long ChunkElements { get; }

    /// <summary>Chunks along each dimension.</summary>
    public IReadOnlyList<long> Grid => _grid;

    /// <summary>
    /// Reads the stored bytes of the chunk at <paramref name="gridIndex"/> (row-major in the chunk grid) into
    /// <paramref name="buffer"/> (grown when too small). False for a chunk HDF5 holds no bytes for (never written: it reads
    /// as the fill value through netCDF-C).
    /// </summary>
    /// <param name="filterMask">Bit i set: filter i of the pipeline was not applied to this chunk (HDF5 skips an optional
    ///   filter, e.g. deflate, where it would not shrink the chunk).</param>
    public unsafe bool TryRead(long gridIndex, ref byte[] buffer, out int bytes, out uint filterMask)
    {
        var offset = stackalloc ulong[Shape.Length];
        var rest = gridIndex;
        for (var d = Shape.Length - 1; d >= 0; d--)
        {
            offset[d] = (ulong)(rest % _grid[d] * ChunkShape[d]);
            rest /= _grid[d];
        }
        lock (NativeLocks.HdfFamily)
        {
            ObjectDisposedException.ThrowIf(_datasetId == 0, this);
            filterMask = 0;
            bytes = 0;
            // HDF5 1.10 fails this call for a chunk never written (later versions give 0 bytes): either way the caller
            // reads that chunk through netCDF-C, which knows its fill value.
            if (H5Dget_chunk_storage_size(_datasetId, offset, out var size) < 0 || size == 0)
                return false;
            bytes = checked((int)size);
            if (buffer.Length < bytes)
                buffer = GC.AllocateUninitializedArray<byte>(bytes);
            fixed (byte* p = buffer)
                if (H5Dread_chunk(_datasetId, H5P_DEFAULT, offset, out filterMask, p) < 0)
                    throw new IOException($"{Path}: variable '{Variable}': HDF5 could not read stored chunk {gridIndex} ({bytes} bytes).");
            return true;
        }
    }

    /// <summary>Opens <paramref name="variable"/>'s chunks in HDF5, or returns null and says why they cannot be read directly.</summary>
    /// <remarks>
    /// The file must be open read-only. HDF5 opens it again by path: a file replaced at that path since netCDF-C opened it,
    /// or written through another handle in this process, would not be noticed. The pipeline does neither (it reads
    /// finished files, and replaces files by moving new ones into place between runs).
    /// </remarks>
    public static StoredChunks? TryOpen(NetCdfFile file, string variable, NcType expectedType, int elementSize, out string whyNot)
    {
        whyNot = "";
        if (file.Writable)
            return Refuse("the file is open for writing", out whyNot);
        if (file.Format is not (NetCdfFormat.NetCdf4 or NetCdfFormat.NetCdf4Classic))
            return Refuse("not an HDF5-based NetCDF-4 file", out whyNot);
        var storedType = file.GetVariableType(variable);
        if (storedType != expectedType)
            return Refuse($"stored as {storedType}, read as {expectedType}", out whyNot);
        if (!BitConverter.IsLittleEndian)
            return Refuse("a big-endian machine", out whyNot);
        var storage = file.GetStorage(variable);
        if (!storage.Chunked)
            return Refuse("not chunked", out whyNot);
        var shape = file.GetVariable(variable).Shape.ToArray();
        if (shape.Any(n => n == 0))
            return Refuse("an empty dimension", out whyNot);

        lock (NativeLocks.HdfFamily)
        {
            try
            {
                return OpenInHdf5(file.Path, variable, shape, storage.ChunkSizes.ToArray(), elementSize, out whyNot);
            }
            catch (EntryPointNotFoundException)
            {
                return Refuse("the HDF5 library predates 1.10.3 (no H5Dread_chunk)", out whyNot);
            }
        }
    }

    /// <summary>Callers hold the HDF lock. The file and dataset stay open in the returned object, closed on every other path.</summary>
    private static StoredChunks? OpenInHdf5(string path, string variable, long[] shape, long[] chunkShape, int elementSize, out string whyNot)
    {
        SilenceAutomaticErrorPrinting();
        var fileId = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
        if (fileId < 0)
            return Refuse("HDF5 could not open the file", out whyNot);
        // netCDF-C stores a variable that shares a dimension's name without being its coordinate under this prefix.
        foreach (var name in new[] { variable, "_nc4_non_coord_" + variable })
        {
            var datasetId = H5Dopen2(fileId, name, H5P_DEFAULT);
            if (datasetId < 0)
                continue;
            if (!SameShape(datasetId, shape))
            {
                H5Dclose(datasetId);
                continue;
            }
            var chunks = Describe(path, variable, fileId, datasetId, shape, chunkShape, elementSize, out whyNot);
            if (chunks != null)
                return chunks;
            H5Dclose(datasetId);
            H5Fclose(fileId);
            return null;
        }
        H5Fclose(fileId);
        return Refuse("HDF5 finds no dataset of this name with netCDF-C's shape", out whyNot);
    }

    private static unsafe StoredChunks? Describe(string path, string variable, long fileId, long datasetId, long[] shape, long[] chunkShape,
        int elementSize, out string whyNot)
    {
        if (!LittleEndianOfSize(datasetId, elementSize))
            return Refuse($"not a little-endian {elementSize}-byte number", out whyNot);
        var plist = H5Dget_create_plist(datasetId);
        if (plist < 0)
            return Refuse("HDF5 gave no creation properties", out whyNot);
        int shuffleAt = -1, deflateAt = -1;
        try
        {
            var rank = shape.Length;
            var dims = stackalloc ulong[rank];
            if (H5Pget_chunk(plist, rank, dims) != rank || Enumerable.Range(0, rank).Any(d => (long)dims[d] != chunkShape[d]))
                return Refuse("HDF5's chunk shape differs from netCDF-C's", out whyNot);
            // Partial edge chunks stored unfiltered would carry a filter mask of 0 all the same.
            if (H5Pget_chunk_opts(plist, out var options) < 0 || (options & H5D_CHUNK_DONT_FILTER_PARTIAL_CHUNKS) != 0)
                return Refuse("edge chunks are stored unfiltered", out whyNot);
            var filters = H5Pget_nfilters(plist);
            for (var i = 0; i < filters; i++)
            {
                nuint count = 0;
                var id = H5Pget_filter2(plist, (uint)i, out _, ref count, null, 0, null, out _);
                if (id == H5Z_FILTER_SHUFFLE && shuffleAt < 0 && deflateAt < 0)
                    shuffleAt = i;
                else if (id == H5Z_FILTER_DEFLATE && deflateAt < 0)
                    deflateAt = i;
                else
                    return Refuse($"filter {id} at position {i} (only shuffle, then deflate, are read directly)", out whyNot);
            }
        }
        finally
        {
            H5Pclose(plist);
        }
        whyNot = "";
        return new StoredChunks(path, variable, fileId, datasetId, shape, chunkShape, elementSize, shuffleAt, deflateAt);
    }

    private static unsafe bool SameShape(long datasetId, long[] shape)
    {
        var space = H5Dget_space(datasetId);
        if (space < 0)
            return false;
        try
        {
            if (H5Sget_simple_extent_ndims(space) != shape.Length)
                return false;
            var dims = stackalloc ulong[shape.Length];
            H5Sget_simple_extent_dims(space, dims, null);
            return Enumerable.Range(0, shape.Length).All(d => (long)dims[d] == shape[d]);
        }
        finally
        {
            H5Sclose(space);
        }
    }

    private static bool LittleEndianOfSize(long datasetId, int elementSize)
    {
        var type = H5Dget_type(datasetId);
        if (type < 0)
            return false;
        try
        {
            return H5Tget_class(type) is H5T_INTEGER or H5T_FLOAT && (int)H5Tget_size(type) == elementSize
                && (elementSize == 1 || H5Tget_order(type) == H5T_ORDER_LE);
        }
        finally
        {
            H5Tclose(type);
        }
    }

    private static StoredChunks? Refuse(string reason, out string whyNot)
    {
        whyNot = reason;
        return null;
    }

    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    private void Close()
    {
        lock (NativeLocks.HdfFamily)
        {
            if (_datasetId != 0)
                H5Dclose(_datasetId);
            if (_fileId != 0)
                H5Fclose(_fileId);
            _datasetId = _fileId = 0;
        }
    }
}
