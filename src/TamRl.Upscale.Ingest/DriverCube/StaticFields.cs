namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>
/// The static fields of the driver cube on its grid, row-major (rows north to south, columns west to east),
/// as in the sample world's geography.nc. NaN (floats) and -1 (classes) over ocean.
/// </summary>
/// <param name="LandFraction">Fraction of the cell that is land, 0..1.</param>
/// <param name="Elevation">Surface elevation, m.</param>
/// <param name="Igbp">IGBP class index (order of data/real/sites/igbp_key.csv), -1 where none.</param>
/// <param name="Koppen">Koppen-Geiger class index (data/real/sites/koeppen_geiger_key.csv), -1 where none.</param>
public sealed record StaticFields(float[] LandFraction, float[] Elevation, int[] Igbp, int[] Koppen)
{
    /// <summary>Whether a cell is land, i.e. carries drivers: land fraction above zero.</summary>
    public bool IsLand(int cell) => LandFraction[cell] > 0;

    /// <summary>The land mask, row-major.</summary>
    public bool[] LandMask() => LandFraction.Select(f => f > 0).ToArray();

    internal void Validate(int cells)
    {
        foreach (var (name, length) in new[] { ("LandFraction", LandFraction.Length), ("Elevation", Elevation.Length), ("Igbp", Igbp.Length), ("Koppen", Koppen.Length) })
            if (length != cells)
                throw new ArgumentException($"static field {name} holds {length} values, the grid has {cells} cells");
    }
}
