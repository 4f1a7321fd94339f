using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.DriverCube;

/// <summary>
/// A driver cube seen with a model's features, in the model's order: each feature the cube holds is taken from it,
/// each feature computed from location and date (<see cref="DriverFeatures.ComputedFeatures"/>: potential radiation,
/// day length, season) is computed for the cell's centre latitude. So a model trained on tower meteorology (ta, sw_in,
/// vpd and computed terms) runs on any cube that carries its measured features, as FLUXCOM applied in-situ-trained
/// models to reanalysis. A feature neither held nor computable is refused before any work (<see cref="Problem"/>).
/// </summary>
public sealed class ModelFeatureCube : IDriverCube
{
    private readonly IDriverCube inner;
    private readonly int[] source; // per model feature: its index in the inner cube, or -1 when computed

    private ModelFeatureCube(IDriverCube inner, IReadOnlyList<string> features)
    {
        this.inner = inner;
        Features = features.ToArray();
        source = Features.Select(f => inner.Features.ToList().IndexOf(f)).ToArray();
    }

    /// <summary>
    /// The cube itself when it holds exactly the model's features, otherwise a view with them; a NetCDF cube is first
    /// narrowed to the features the model takes from it, so nothing else is read.
    /// </summary>
    public static IDriverCube For(IDriverCube cube, IReadOnlyList<string> features, string model)
    {
        if (cube.Features.SequenceEqual(features))
            return cube;
        if (Problem(cube, features) is { } problem)
            throw new InvalidInputException(model, "features", problem);
        if (cube is NetCdfDriverCube netCdf)
        {
            var narrowed = netCdf.Select(features.Where(f => cube.Features.Contains(f)).ToArray());
            return narrowed.Features.SequenceEqual(features) ? narrowed : new ModelFeatureCube(narrowed, features);
        }
        return new ModelFeatureCube(cube, features);
    }

    /// <summary>Why a cube cannot serve a model's features (the first one it neither holds nor can compute), or null.</summary>
    public static string? Problem(IDriverCube cube, IReadOnlyList<string> features)
    {
        foreach (var f in features)
            if (!cube.Features.Contains(f) && !DriverFeatures.IsComputed(f))
                return $"the model was trained on [{string.Join(", ", features)}] but the driver cube {cube.Location} holds [{string.Join(", ", cube.Features)}]: " +
                       $"'{f}' is neither in the cube nor computed from location and date";
        return null;
    }

    public string Location => inner.Location;
    public RegularLatLonGrid Grid => inner.Grid;
    public IReadOnlyList<string> Features { get; }
    public IReadOnlyDictionary<string, string> InputChecksums => inner.InputChecksums;
    public StaticWindow ReadStatic(GridBlock window) => inner.ReadStatic(window);
    public IDisposable KeepOpen(DatePeriod period) => inner.KeepOpen(period);

    public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days)
    {
        var values = new float[checked((long)pixels.Count * days * Features.Count)];
        ReadSeries(pixels, first, days, values);
        return values;
    }

    public void ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days, Span<float> destination)
    {
        var nf = Features.Count;
        if (destination.Length != (long)pixels.Count * days * nf)
            throw new ArgumentException($"a buffer of {destination.Length} values for {pixels.Count} x {days} x {nf}", nameof(destination));
        var cubeFeatures = inner.Features.Count;
        var read = inner.ReadSeries(pixels, first, days);
        for (var p = 0; p < pixels.Count; p++)
        {
            var latitude = Grid.LatitudeOfRow(pixels[p].Row);
            for (var d = 0; d < days; d++)
            {
                var row = destination.Slice((p * days + d) * nf, nf);
                var cube = read.AsSpan((p * days + d) * cubeFeatures, cubeFeatures);
                for (var k = 0; k < nf; k++)
                    row[k] = source[k] >= 0 ? cube[source[k]] : DriverFeatures.Computed(Features[k], latitude, first.AddDays(d));
            }
        }
    }

    public void Dispose() => inner.Dispose();
}
