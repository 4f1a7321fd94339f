using System.Buffers;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// One flux map as a Cloud Optimized GeoTIFF through IO's <see cref="CogStreamWriter"/> (float32, DEFLATE with
/// the floating-point predictor, tiles, AVERAGE overviews, EPSG:4326, pixel-is-area from the grid corner), with
/// nodata <see cref="ProductFill.Value"/>, the band's description and unit, and the period and run in metadata.
/// The map arrives block by block (<see cref="ProductBlocks"/>), so no whole-grid raster is held.
/// </summary>
public sealed class FluxCog : IDisposable
{
    private readonly CogStreamWriter _writer;

    private FluxCog(CogStreamWriter writer) => _writer = writer;

    /// <summary>Starts the COG of <paramref name="variable"/> for <paramref name="period"/> at <paramref name="path"/>; <see cref="Complete"/> writes it.</summary>
    public static FluxCog Begin(string path, RegularLatLonGrid grid, FluxVariable variable, string period, Provenance provenance)
    {
        var band = new FloatBandDescription
        {
            Description = variable.Name,
            Unit = FluxVariable.Units,
            Scale = 1,
            Offset = 0,
            Metadata = new Dictionary<string, string>
            {
                ["long_name"] = variable.LongName,
                ["period"] = period,
                ["cell_methods"] = "area: mean where land time: mean",
            },
        };
        var metadata = new Dictionary<string, string>
        {
            ["TIFFTAG_IMAGEDESCRIPTION"] = $"{variable.LongName}, {period}, {FluxVariable.Units}",
            ["run_id"] = provenance.RunId,
            ["model_identity"] = provenance.Model,
            ["code_version"] = provenance.CodeVersion,
        };
        return new FluxCog(CogStreamWriter.Create(path, grid.Columns, grid.Rows,
            GeoTransform.FromCorner(grid.West, grid.North, grid.LongitudeResolution, grid.LatitudeResolution), ProductFill.Value, band, metadata));
    }

    /// <summary>A whole map held in memory as one COG (small maps: tests, reports).</summary>
    public static void Write(string path, RegularLatLonGrid grid, FluxVariable variable, string period, float[] map, Provenance provenance)
    {
        using var cog = Begin(path, grid, variable, period, provenance);
        cog.WriteBlock(new GridBlock(0, grid.Rows, 0, grid.Columns), map);
        cog.Complete();
    }

    /// <summary>One block of the map, row-major over the block; NaN or <see cref="ProductFill.Value"/> where no value.</summary>
    public void WriteBlock(GridBlock block, ReadOnlySpan<float> values)
    {
        // A pooled buffer: a product writes dozens of COGs, and a block-sized array each would be large-object garbage.
        var buffer = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            for (var i = 0; i < values.Length; i++)
                buffer[i] = float.IsNaN(values[i]) ? ProductFill.Value : values[i];
            _writer.WriteBlock(block.Column0, block.Row0, block.Columns, block.Rows, buffer.AsSpan(0, values.Length));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public void Complete() => _writer.Complete();

    public void Dispose() => _writer.Dispose();
}
