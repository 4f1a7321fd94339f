namespace TamRl.Upscale.SampleWorld.Geography;

/// <summary>
/// Distance from the sea (km) on the 0.5 degree land mask, by a two-pass chamfer transform with
/// east-west steps shrunk by cos(latitude) and wrapping around the date line. Continentality (how
/// strongly a place's seasons swing) follows from it.
/// </summary>
internal static class CoastDistance
{
    public static float[] Compute(byte[] classes, int rows, int columns, double resolution)
    {
        const double kmPerDegree = 111.2;
        var d = new float[rows * columns];
        for (var i = 0; i < d.Length; i++)
            d[i] = classes[i] == 0 ? 0f : float.MaxValue / 4;
        var ns = (float)(resolution * kmPerDegree);
        for (var pass = 0; pass < 2; pass++) // twice, so wrap-around at the date line settles
        {
            for (var r = 0; r < rows; r++)
            {
                var ew = (float)(ns * Math.Max(0.05, Math.Cos((90 - (r + 0.5) * resolution) * Math.PI / 180)));
                var diag = MathF.Sqrt(ew * ew + ns * ns);
                for (var c = 0; c < columns; c++)
                {
                    var i = r * columns + c;
                    if (d[i] == 0)
                        continue;
                    var left = r * columns + (c + columns - 1) % columns;
                    var v = Math.Min(d[i], d[left] + ew);
                    if (r > 0)
                    {
                        var up = i - columns;
                        v = Math.Min(v, d[up] + ns);
                        v = Math.Min(v, d[(r - 1) * columns + (c + columns - 1) % columns] + diag);
                        v = Math.Min(v, d[(r - 1) * columns + (c + 1) % columns] + diag);
                    }
                    d[i] = v;
                }
            }
            for (var r = rows - 1; r >= 0; r--)
            {
                var ew = (float)(ns * Math.Max(0.05, Math.Cos((90 - (r + 0.5) * resolution) * Math.PI / 180)));
                var diag = MathF.Sqrt(ew * ew + ns * ns);
                for (var c = columns - 1; c >= 0; c--)
                {
                    var i = r * columns + c;
                    if (d[i] == 0)
                        continue;
                    var right = r * columns + (c + 1) % columns;
                    var v = Math.Min(d[i], d[right] + ew);
                    if (r < rows - 1)
                    {
                        v = Math.Min(v, d[i + columns] + ns);
                        v = Math.Min(v, d[(r + 1) * columns + (c + columns - 1) % columns] + diag);
                        v = Math.Min(v, d[(r + 1) * columns + (c + 1) % columns] + diag);
                    }
                    d[i] = v;
                }
            }
        }
        return d;
    }
}
