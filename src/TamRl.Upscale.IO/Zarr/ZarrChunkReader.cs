using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// Reads a hyperslab of one array: finds the chunks it touches, reads and decodes each (a missing chunk file
/// is the fill value) and copies the part inside the hyperslab into a row-major buffer.
/// </summary>
internal sealed class ZarrChunkReader(string storePath, ZarrArrayMetadata array)
{
    public void ReadInto(long[] start, long[] count, double[] destination)
    {
        var rank = array.Shape.Length;
        var chunkShape = array.ChunkShape;
        var first = new long[rank];
        var last = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            first[d] = start[d] / chunkShape[d];
            last[d] = (start[d] + count[d] - 1) / chunkShape[d];
        }
        var chunk = (long[])first.Clone();
        while (true)
        {
            var key = array.ChunkKeys.Key(chunk);
            var values = Load(key);
            CopyIntersection(chunk, values, start, count, destination);
            // Odometer over the touched chunk indices, last dimension fastest.
            var d = rank - 1;
            for (; d >= 0; d--)
            {
                if (++chunk[d] <= last[d])
                    break;
                chunk[d] = first[d];
            }
            if (d < 0)
                return;
        }
    }

    /// <summary>The chunk's decoded elements, or null when its file does not exist (read as fill value).</summary>
    private double[]? Load(string key)
    {
        var file = Path.Combine(storePath, array.Name, key.Replace('/', Path.DirectorySeparatorChar));
        byte[] stored;
        try
        {
            stored = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException e)
        {
            throw new DataFileException(storePath, array.Name, $"chunk {key}: cannot read: {e.Message}", e);
        }
        try
        {
            return array.Codecs.Decode(stored, array.ChunkShape, array.DataType);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(storePath, array.Name, $"chunk {key} is corrupt or truncated: {e.Message}", e);
        }
    }

    /// <summary>
    /// Copies the elements of chunk <paramref name="chunk"/> that lie in the hyperslab into
    /// <paramref name="destination"/>, one run along the last dimension at a time.
    /// </summary>
    private void CopyIntersection(long[] chunk, double[]? values, long[] start, long[] count, double[] destination)
    {
        var rank = chunk.Length;
        var chunkShape = array.ChunkShape;
        var low = new long[rank];
        var high = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            var origin = chunk[d] * chunkShape[d];
            low[d] = Math.Max(start[d], origin);
            high[d] = Math.Min(start[d] + count[d], origin + chunkShape[d]);
        }
        // Row-major strides of the chunk and of the destination.
        var chunkStrides = new long[rank];
        var destinationStrides = new long[rank];
        long cs = 1, ds = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            chunkStrides[d] = cs;
            destinationStrides[d] = ds;
            cs *= chunkShape[d];
            ds *= count[d];
        }
        var run = rank == 0 ? 1 : (int)(high[rank - 1] - low[rank - 1]);
        var index = (long[])low.Clone();
        while (true)
        {
            long source = 0, target = 0;
            for (var d = 0; d < rank; d++)
            {
                source += (index[d] - chunk[d] * chunkShape[d]) * chunkStrides[d];
                target += (index[d] - start[d]) * destinationStrides[d];
            }
            var slice = destination.AsSpan((int)target, run);
            if (values is null)
                slice.Fill(array.FillValue.Value);
            else
                values.AsSpan((int)source, run).CopyTo(slice);
            // Odometer over all but the last dimension.
            var d2 = rank - 2;
            for (; d2 >= 0; d2--)
            {
                if (++index[d2] < high[d2])
                    break;
                index[d2] = low[d2];
            }
            if (d2 < 0)
                return;
        }
    }
}
