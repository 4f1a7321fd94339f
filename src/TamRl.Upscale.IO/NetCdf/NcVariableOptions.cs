using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// How a new variable is stored. Compression and chunking apply to NetCDF-4 files only; asking for them
/// in a NetCDF-3 file is refused by netCDF-C (NC_ENOTNC4), which surfaces as a <see cref="NetCdfException"/>.
/// </summary>
public sealed record NcVariableOptions
{
    /// <summary>zlib level 1-9; 0 leaves the variable uncompressed.</summary>
    public int DeflateLevel { get; init; }

    /// <summary>Byte shuffle before deflate (helps floats compress).</summary>
    public bool Shuffle { get; init; }

    /// <summary>Chunk length per dimension; null lets netCDF-C choose (or contiguous storage for fixed sizes).</summary>
    public long[]? ChunkSizes { get; init; }

    /// <summary>The value written where nothing was (also written as the _FillValue attribute).</summary>
    public AttributeValue? FillValue { get; init; }

    /// <summary>
    /// Skip pre-filling storage with the fill value. Saves writing every value twice when the caller
    /// writes the whole variable anyway (a contiguous NetCDF-4 variable is otherwise filled in full
    /// when created); leaves garbage wherever the caller does not write.
    /// </summary>
    public bool NoFill { get; init; }
}
