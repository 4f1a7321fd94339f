using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.Regridding;

/// <summary>
/// Makes a map NaN-free over land, as the driver cube's contract wants: a land cell without a value
/// (a coastal cell the source calls sea, a small island the source misses) takes the value of the nearest
/// cell that has one, nearest by steps on the grid (a breadth-first search from every valued cell, so
/// O(cells)); ties go to the earlier cell in row-major order. A map with no value at all stays NaN
/// (the caller reports it). Ocean cells are not touched.
/// </summary>
public static class LandGapFiller
{
    /// <summary>Fills in place; returns the number of land cells filled.</summary>
    public static int Fill(RegularLatLonGrid grid, Span<float> map, ReadOnlySpan<bool> land)
    {
        var cells = map.Length;
        var needs = 0;
        for (var i = 0; i < cells; i++)
            if (land[i] && float.IsNaN(map[i]))
                needs++;
        if (needs == 0)
            return 0;

        var queue = new Queue<int>();
        var value = map.ToArray();
        var seen = new bool[cells];
        for (var i = 0; i < cells; i++)
            if (!float.IsNaN(value[i]))
            {
                queue.Enqueue(i);
                seen[i] = true;
            }
        int rows = grid.Rows, cols = grid.Columns;
        var wraps = grid.IsGlobalInLongitude;
        Span<int> neighbours = stackalloc int[4];
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            int r = i / cols, c = i % cols, n = 0;
            if (r > 0) neighbours[n++] = i - cols;
            if (r < rows - 1) neighbours[n++] = i + cols;
            if (c > 0) neighbours[n++] = i - 1; else if (wraps) neighbours[n++] = i + cols - 1;
            if (c < cols - 1) neighbours[n++] = i + 1; else if (wraps) neighbours[n++] = i - cols + 1;
            for (var k = 0; k < n; k++)
            {
                var j = neighbours[k];
                if (seen[j])
                    continue;
                seen[j] = true;
                value[j] = value[i];
                queue.Enqueue(j);
            }
        }
        var filled = 0;
        for (var i = 0; i < cells; i++)
            if (land[i] && float.IsNaN(map[i]) && !float.IsNaN(value[i]))
            {
                map[i] = value[i];
                filled++;
            }
        return filled;
    }
}
