namespace TamRl.Upscale.IO.NetCdf;

/// <summary>How a variable is stored on disk, as netCDF-C reports it.</summary>
public sealed record NcVariableStorage(bool Chunked, IReadOnlyList<long> ChunkSizes, bool Shuffle, int DeflateLevel);
