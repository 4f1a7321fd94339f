using ScottPlot;
using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// A quicklook PNG of one map with a colour bar (ScottPlot over SkiaSharp). Grids finer than 0.25 degree
/// are averaged down for the picture only. GPP and RECO use a sequential colour map; NEE and errors a
/// diverging one centred on zero.
/// </summary>
public static class Quicklook
{
    private const int MaxColumns = 1440;

    public static void WriteMap(string path, RegularLatLonGrid grid, float[] map, string title, string colourBarLabel, bool diverging)
    {
        var (data, _, _) = Downsample(grid, map);
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
        var temp = AtomicFile.TempBeside(path) + ".png";
        try
        {
            plot.SavePng(temp, width, height);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
        finally
        {
            // Release the heatmap's native bitmap now rather than at finalisation.
            (plot as IDisposable)?.Dispose();
        }
    }

    /// <summary>The map as double[row, column], NaN where no value, averaged by whole blocks down to at most <see cref="MaxColumns"/> columns.</summary>
    internal static (double[,] Data, int Rows, int Columns) Downsample(RegularLatLonGrid grid, float[] map)
    {
        var factor = Math.Max(1, (grid.Columns + MaxColumns - 1) / MaxColumns);
        var rows = (grid.Rows + factor - 1) / factor;
        var columns = (grid.Columns + factor - 1) / factor;
        var sum = new double[rows, columns];
        var count = new int[rows, columns];
        for (var r = 0; r < grid.Rows; r++)
            for (var c = 0; c < grid.Columns; c++)
            {
                var v = map[r * grid.Columns + c];
                if (float.IsFinite(v) && v != ProductFill.Value)
                {
                    sum[r / factor, c / factor] += v;
                    count[r / factor, c / factor]++;
                }
            }
        var data = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                data[r, c] = count[r, c] > 0 ? sum[r, c] / count[r, c] : double.NaN;
        return (data, rows, columns);
    }
}
