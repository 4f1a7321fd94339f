using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.Inference;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// Reads one <see cref="GridBlock"/> of a run's results, a day and a variable at a time, from the chunk files
/// whose tiles overlap it (opened only for this block, so the open files and their caches do not grow with
/// the grid). Cells outside every chunk (tiles without land) are NaN.
/// </summary>
internal sealed class ChunkTileReader : IDisposable
{
    private readonly List<(NetCdfFile File, int Row0, int Rows, int Column0, int Columns, int BlockRow, int BlockColumn)> _parts = [];
    private readonly GridBlock _block;
    private float[] _buffer = [];

    private ChunkTileReader(GridBlock block) => _block = block;

    /// <param name="predictor">The run's predictor identity: every chunk file must have been written by it.</param>
    public static ChunkTileReader Open(string runDir, ChunkPlan plan, GridBlock block, string predictor)
    {
        var reader = new ChunkTileReader(block);
        try
        {
            foreach (var chunk in plan.Chunks)
            {
                if (!block.Overlaps(chunk.Row0, chunk.Rows, chunk.Column0, chunk.Columns))
                    continue;
                var file = ChunkFile.OpenChecked(InferenceService.ChunkPath(runDir, chunk.Id), plan.Grid, chunk, plan.Period, predictor);
                var row0 = Math.Max(block.Row0, chunk.Row0);
                var column0 = Math.Max(block.Column0, chunk.Column0);
                var rows = Math.Min(block.Row0 + block.Rows, chunk.Row0 + chunk.Rows) - row0;
                var columns = Math.Min(block.Column0 + block.Columns, chunk.Column0 + chunk.Columns) - column0;
                reader._parts.Add((file, row0 - chunk.Row0, rows, column0 - chunk.Column0, columns, row0 - block.Row0, column0 - block.Column0));
                // Chunk files of earlier versions are NetCDF-4: each tile-day is read once per block, so caching
                // their chunks would only keep memory, up to netCDF-C's 16 MB per variable and open file.
                foreach (var v in FluxVariables.All)
                    file.SetChunkCache(v.Name, 0, 1, 1f);
            }
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>One member's monthly mean of one flux over the block (<see cref="MemberMonthlyMeans"/>), row-major over the block.</summary>
    public void ReadMemberMonth(FluxVariable flux, int member, int month, Span<float> values) =>
        Read(MemberMonthlyMeans.VariableOf(flux), [member, month], values);

    /// <summary>One day of one variable over the block, row-major over the block.</summary>
    public void ReadDay(string variable, int dayIndex, Span<float> values) => Read(variable, [dayIndex], values);

    /// <summary>One map (the leading indices fixed, e.g. the day) of a (..., lat, lon) variable of every chunk file over the block.</summary>
    private void Read(string variable, int[] leading, Span<float> values)
    {
        values.Fill(float.NaN);
        var ones = Enumerable.Repeat(1, leading.Length);
        foreach (var (file, row0, rows, column0, columns, blockRow, blockColumn) in _parts)
        {
            if (_buffer.Length < rows * columns)
                _buffer = new float[rows * columns];
            var part = _buffer.AsSpan(0, rows * columns);
            file.Read<float>(variable, [.. leading, row0, column0], [.. ones, rows, columns], part);
            for (var r = 0; r < rows; r++)
                part.Slice(r * columns, columns).CopyTo(values.Slice((blockRow + r) * _block.Columns + blockColumn, columns));
        }
    }

    public void Dispose()
    {
        foreach (var part in _parts)
            part.File.Dispose();
        _parts.Clear();
    }
}
