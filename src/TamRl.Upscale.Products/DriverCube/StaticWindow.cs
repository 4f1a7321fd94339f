using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.DriverCube;

/// <summary>
/// The static fields of one window of the driver cube's grid, row-major over the window (north row first):
/// what inference needs of them for one chunk. Stages read windows, never the whole grid, so that their
/// memory does not grow with it (the fields of a global 0.05 degree grid are 26 million cells).
/// </summary>
/// <param name="Block">The window, in grid rows and columns.</param>
/// <param name="LandFraction">0..1; 0 over ocean (a missing or non-finite value counts as ocean).</param>
/// <param name="Igbp">IGBP class index (meaningful over land only).</param>
/// <param name="Koppen">Koppen class index (meaningful over land only).</param>
public sealed record StaticWindow(GridBlock Block, float[] LandFraction, int[] Igbp, int[] Koppen)
{
    /// <summary>Whether the window's cell <paramref name="i"/> (row-major over the window) is land.</summary>
    public bool IsLand(int i) => LandFraction[i] > 0;

    /// <summary>Land cells in the window.</summary>
    public int LandCells => LandFraction.Count(f => f > 0);

    /// <summary>Checks the arrays against the window and turns non-finite or negative land fractions into 0.</summary>
    public static StaticWindow Of(GridBlock block, float[] landFraction, int[] igbp, int[] koppen)
    {
        foreach (var (name, length) in new[] { ("land fraction", landFraction.Length), ("IGBP", igbp.Length), ("Koppen", koppen.Length) })
            if (length != block.Cells)
                throw new ArgumentException($"static field {name} holds {length} values for a window of {block.Rows} x {block.Columns} cells");
        for (var i = 0; i < landFraction.Length; i++)
            if (!(landFraction[i] > 0) || !float.IsFinite(landFraction[i]))
                landFraction[i] = 0f;
        return new StaticWindow(block, landFraction, igbp, koppen);
    }
}
