namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// A north-up block of a regular EPSG:4326 grid: <see cref="Columns"/> x <see cref="Rows"/> cells of
/// <see cref="Resolution"/> degrees whose outer corner is (<see cref="West"/>, <see cref="North"/>).
/// </summary>
public readonly record struct LatLonWindow(double West, double North, double Resolution, int Columns, int Rows)
{
    public double East => West + Columns * Resolution;

    public double South => North - Rows * Resolution;
}
