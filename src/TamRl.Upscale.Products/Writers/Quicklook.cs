using ScottPlot;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Files;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// A quicklook PNG of one map with a colour bar (ScottPlot over SkiaSharp). Grids finer than 1 degree
/// are averaged down for the picture only, block by block as the map arrives (<see cref="QuicklookImage"/>),
/// so the picture's data never exceeds <see cref="QuicklookImage.MaxColumns"/> columns whatever the grid. GPP and RECO use a sequential colour map; NEE and errors a
/// diverging one centred on zero.
/// </summary>
public static class Quicklook
{
    /// <summary>A quicklook of a whole map held in memory (a report's small maps).</summary>
    public static void WriteMap(string path, RegularLatLonGrid grid, float[] map, string title, string colourBarLabel, bool diverging)
    {
        var image = new QuicklookImage(grid);
        image.Add(new GridBlock(0, grid.Rows, 0, grid.Columns), map);
        WriteMap(path, image, title, colourBarLabel, diverging);
    }

    /// <summary>A quicklook of a map accumulated block by block.</summary>
    public static void WriteMap(string path, QuicklookImage image, string title, string colourBarLabel, bool diverging)
    {
        var grid = image.Grid;
        var data = image.Data();
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Extent = new CoordinateRect(grid.West, grid.East, grid.South, grid.North);
        heatmap.NaNCellColor = Colors.LightGray.WithAlpha(0.4);
        if (diverging)
        {
            var finite = data.Cast<double>().Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(1).Max();
            var limit = finite > 0 ? finite : 1;
            heatmap.Colormap = new ScottPlot.Colormaps.Balance();
            heatmap.ManualRange = new ScottPlot.Range(-limit, limit);
        }
        else
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = colourBarLabel;
        plot.Title(title);
        plot.XLabel("longitude (degrees east)");
        plot.YLabel("latitude (degrees north)");
        plot.Axes.SetLimits(grid.West, grid.East, grid.South, grid.North);
        Save(plot, path, 1000, 560);
    }

    /// <summary>Saves through a temporary file so a reader never sees half a PNG.</summary>
    internal static void Save(Plot plot, string path, int width, int height)
    {
        try
        {
            AtomicFile.Write(path, temp => plot.SavePng(temp, width, height), extension: ".png");
        }
        finally
        {
            // Release the heatmap's native bitmap now rather than at finalisation.
            (plot as IDisposable)?.Dispose();
        }
    }
}

/// <summary>
/// A map averaged down, as its blocks arrive, to at most <see cref="MaxColumns"/> columns (by whole f x f
/// squares of cells; fill and NaN left out): the data of a quicklook, whose size does not grow with the grid
/// beyond that. On the usual fine grids (0.1, 0.05 degree) product blocks are multiples of the factor, so each
/// square's cells come in one block, in row order, and the picture is the same as from the whole map.
/// </summary>
public sealed class QuicklookImage
{
    /// <summary>
    /// 360 columns: the map takes about 750 of the PNG's 1000 pixels, so a finer picture shows little more,
    /// while the plot's memory (the heatmap's colours and bitmaps, tens of MB at 720 columns) grows with it.
    /// </summary>
    public const int MaxColumns = 360;

    private readonly double[,] _sum;
    private readonly int[,] _count;
    private double[,]? _data;

    public QuicklookImage(RegularLatLonGrid grid)
    {
        Grid = grid;
        Factor = Math.Max(1, (grid.Columns + MaxColumns - 1) / MaxColumns);
        Rows = (grid.Rows + Factor - 1) / Factor;
        Columns = (grid.Columns + Factor - 1) / Factor;
        _sum = new double[Rows, Columns];
        _count = new int[Rows, Columns];
    }

    public RegularLatLonGrid Grid { get; }

    /// <summary>Cells per side of one picture cell.</summary>
    public int Factor { get; }

    public int Rows { get; }

    public int Columns { get; }

    public void Add(GridBlock block, ReadOnlySpan<float> values)
    {
        for (var r = 0; r < block.Rows; r++)
            for (var c = 0; c < block.Columns; c++)
            {
                var v = values[r * block.Columns + c];
                if (float.IsFinite(v) && v != ProductFill.Value)
                {
                    _sum[(block.Row0 + r) / Factor, (block.Column0 + c) / Factor] += v;
                    _count[(block.Row0 + r) / Factor, (block.Column0 + c) / Factor]++;
                }
            }
    }

    /// <summary>Empties the image for the next map (one image serves every map of a product: no garbage per map).</summary>
    public void Clear()
    {
        Array.Clear(_sum);
        Array.Clear(_count);
    }

    /// <summary>The averaged map as double[row, column], NaN where no value: the image's own array, overwritten by the next call (no garbage per map).</summary>
    public double[,] Data()
    {
        var data = _data ??= new double[Rows, Columns];
        for (var r = 0; r < Rows; r++)
            for (var c = 0; c < Columns; c++)
                data[r, c] = _count[r, c] > 0 ? _sum[r, c] / _count[r, c] : double.NaN;
        return data;
    }
}
