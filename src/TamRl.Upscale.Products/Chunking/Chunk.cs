using System.Globalization;

namespace TamRl.Upscale.Products.Chunking;

/// <summary>
/// One unit of inference: a rectangle of grid cells (a tile) over the whole period, identified by its
/// tile index in row-major order over the plan's tile layout (so the id of a tile never depends on the
/// land mask or on which other tiles hold land).
/// </summary>
public sealed record Chunk(int Id, int Row0, int Rows, int Column0, int Columns, int LandPixels)
{
    public long Cells => (long)Rows * Columns;

    /// <summary>The chunk's result file name in a run folder: <c>chunk_NNNNN.nc</c>.</summary>
    public string FileName => FileNameOf(Id);

    public static string FileNameOf(int id) => $"chunk_{id.ToString("D5", CultureInfo.InvariantCulture)}.nc";
}
