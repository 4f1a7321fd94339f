using static TamRl.Upscale.IO.NetCdf.Native.Hdf5Native;

namespace TamRl.Upscale.IO.NetCdf;

/// <summary>Where one chunk's bytes lie in the file, how many there are, and which filters were skipped for it.</summary>
/// <param name="Address">Byte offset in the file; <see cref="Allocated"/> false for a chunk never written.</param>
/// <param name="FilterMask">Bit i set: filter i of the pipeline was not applied to this chunk (HDF5 skips an optional
///   filter, e.g. deflate, where it would not shrink the chunk).</param>
internal readonly record struct StoredChunk(long Address, long Size, uint FilterMask)
{
    public bool Allocated => Address >= 0;
}

/// <summary>
/// The chunk index of one NetCDF-4 variable as HDF5 stores it, read once, for reading chunks outside HDF5
/// (<see cref="StoredChunkDecoder"/>). Only the layouts netCDF-C writes by default are taken: a little-endian
/// integer or float type of the caller's size, and a filter pipeline of shuffle and/or deflate (shuffle
/// first). Anything else (other filters such as szip, zstd or fletcher32, byte-swapped types, a name HDF5
/// does not find, shapes that disagree) returns null with the reason, and the caller reads through netCDF-C.
/// </summary>
internal sealed class StoredChunks
{
    private readonly StoredChunk[] _chunks;
    private readonly long[] _grid;

    private StoredChunks(long[] shape, long[] chunkShape, int elementSize, int shuffleAt, int deflateAt, StoredChunk[] chunks)
    {
        Shape = shape;
        ChunkShape = chunkShape;
        ElementSize = elementSize;
        ShuffleAt = shuffleAt;
        DeflateAt = deflateAt;
        _chunks = chunks;
        _grid = shape.Select((n, d) => (n + chunkShape[d] - 1) / chunkShape[d]).ToArray();
    }

    public long[] Shape { get; }

    public long[] ChunkShape { get; }

    public int ElementSize { get; }

    /// <summary>The shuffle filter's position in the pipeline, -1 without one.</summary>
    public int ShuffleAt { get; }

    /// <summary>The deflate filter's position in the pipeline, -1 without one.</summary>
    public int DeflateAt { get; }

    /// <summary>Elements in one stored chunk (edge chunks are stored whole, too).</summary>
    public long ChunkElements => ChunkShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Chunks along each dimension.</summary>
    public IReadOnlyList<long> Grid => _grid;

    /// <summary>The chunk at a position of the chunk grid (row-major).</summary>
    public StoredChunk At(long gridIndex) => _chunks[gridIndex];

    /// <summary>
    /// Reads the chunk index of <paramref name="variable"/>, or returns null and says why it cannot be used.
    /// The file must be open read-only: a file being written has chunks still in HDF5's cache.
    /// </summary>
    public static unsafe StoredChunks? TryRead(NetCdfFile file, string variable, NcType expectedType, int elementSize, out string whyNot)
    {
        whyNot = "";
        if (file.Writable)
            return Refuse("the file is open for writing", out whyNot);
        if (file.Format is not (NetCdfFormat.NetCdf4 or NetCdfFormat.NetCdf4Classic))
            return Refuse("not an HDF5-based NetCDF-4 file", out whyNot);
        if (file.GetVariableType(variable) != expectedType)
            return Refuse($"stored as {file.GetVariableType(variable)}, read as {expectedType}", out whyNot);
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
                return ReadFromHdf5(file.Path, variable, shape, storage.ChunkSizes.ToArray(), elementSize, out whyNot);
            }
            catch (EntryPointNotFoundException)
            {
                return Refuse("the HDF5 library predates 1.10.5 (no H5Dget_chunk_info_by_coord)", out whyNot);
            }
        }
    }

    /// <summary>Callers hold the HDF lock.</summary>
    private static StoredChunks? ReadFromHdf5(string path, string variable, long[] shape, long[] chunkShape, int elementSize, out string whyNot)
    {
        SilenceAutomaticErrorPrinting();
        var fileId = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
        if (fileId < 0)
            return Refuse("HDF5 could not open the file", out whyNot);
        try
        {
            var userBlock = UserBlockBytes(fileId);
            // netCDF-C stores a variable that shares a dimension's name without being its coordinate under this prefix.
            foreach (var name in new[] { variable, "_nc4_non_coord_" + variable })
            {
                var datasetId = H5Dopen2(fileId, name, H5P_DEFAULT);
                if (datasetId < 0)
                    continue;
                try
                {
                    if (!SameShape(datasetId, shape))
                        continue;
                    return ReadIndex(datasetId, shape, chunkShape, elementSize, userBlock, out whyNot);
                }
                finally
                {
                    H5Dclose(datasetId);
                }
            }
            return Refuse("HDF5 finds no dataset of this name and shape", out whyNot);
        }
        finally
        {
            H5Fclose(fileId);
        }
    }

    private static unsafe StoredChunks? ReadIndex(long datasetId, long[] shape, long[] chunkShape, int elementSize, long userBlock, out string whyNot)
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

        var grid = shape.Select((n, d) => (n + chunkShape[d] - 1) / chunkShape[d]).ToArray();
        var chunks = new StoredChunk[grid.Aggregate(1L, (a, b) => a * b)];
        var offset = stackalloc ulong[shape.Length];
        for (long index = 0; index < chunks.Length; index++)
        {
            var rest = index;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                offset[d] = (ulong)(rest % grid[d] * chunkShape[d]);
                rest /= grid[d];
            }
            if (H5Dget_chunk_info_by_coord(datasetId, offset, out var mask, out var address, out var size) < 0)
                return Refuse($"HDF5 gave no index entry for chunk {index}", out whyNot);
            chunks[index] = address == HADDR_UNDEF
                ? new StoredChunk(-1, 0, 0)
                : new StoredChunk(checked((long)address + userBlock), checked((long)size), mask);
        }
        whyNot = "";
        return new StoredChunks(shape, chunkShape, elementSize, shuffleAt, deflateAt, chunks);
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

    /// <summary>Chunk addresses count from the end of the user block (bytes before the HDF5 superblock).</summary>
    private static long UserBlockBytes(long fileId)
    {
        var plist = H5Fget_create_plist(fileId);
        if (plist < 0)
            return 0;
        try
        {
            return H5Pget_userblock(plist, out var bytes) < 0 ? 0 : checked((long)bytes);
        }
        finally
        {
            H5Pclose(plist);
        }
    }

    private static StoredChunks? Refuse(string reason, out string whyNot)
    {
        whyNot = reason;
        return null;
    }
}
