using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>Writes the static file of the driver cube (docs/data-contracts.md §2).</summary>
public static class DriverCubeWriter
{
    /// <summary>
    /// Writes static.nc: land_fraction, elevation (float32, NaN written as the fill value), igbp and koppen
    /// (int32, -1 fill). The file is written beside its final path and renamed into place when complete.
    /// </summary>
    public static void WriteStatic(string path, RegularLatLonGrid grid, StaticFields fields, string? source = null)
    {
        fields.Validate(grid.Rows * grid.Columns);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, temporary =>
        {
            using (var nc = NetCdfFile.Create(temporary))
            {
                CfGlobalAttributes.Write(nc, "TamRl.Upscale driver cube: static fields", source);
                CfGridVariables.Define(nc, grid);
                string[] dims = [DriverCubeLayout.LatitudeDimension, DriverCubeLayout.LongitudeDimension];
                long[] chunks = [Math.Min(DriverCubeLayout.StaticChunk, grid.Rows), Math.Min(DriverCubeLayout.StaticChunk, grid.Columns)];
                var floatOptions = new NcVariableOptions { DeflateLevel = DriverCubeLayout.DeflateLevel, Shuffle = true, ChunkSizes = chunks, FillValue = AttributeValue.Of(DriverCubeLayout.FillValue) };
                var intOptions = new NcVariableOptions { DeflateLevel = DriverCubeLayout.DeflateLevel, Shuffle = true, ChunkSizes = chunks, FillValue = AttributeValue.Of(DriverCubeLayout.IntegerFillValue) };
                nc.AddVariable("land_fraction", NcType.Float, dims, floatOptions);
                nc.SetAttribute("land_fraction", "units", "1");
                nc.SetAttribute("land_fraction", "standard_name", "land_area_fraction");
                nc.SetAttribute("land_fraction", "long_name", "land area fraction");
                nc.AddVariable("elevation", NcType.Float, dims, floatOptions);
                nc.SetAttribute("elevation", "units", "m");
                nc.SetAttribute("elevation", "standard_name", "surface_altitude");
                nc.SetAttribute("elevation", "long_name", "surface elevation above sea level");
                nc.AddVariable("igbp", NcType.Int, dims, intOptions);
                nc.SetAttribute("igbp", "long_name", "IGBP land cover class (index into data/real/sites/igbp_key.csv)");
                nc.AddVariable("koppen", NcType.Int, dims, intOptions);
                nc.SetAttribute("koppen", "long_name", "Koppen-Geiger climate class (index into data/real/sites/koeppen_geiger_key.csv)");
                foreach (var name in DriverCubeLayout.StaticVariables)
                    nc.SetAttribute(name, "grid_mapping", CfGridVariables.CrsVariable);

                CfGridVariables.Write(nc, grid);
                nc.Write<float>("land_fraction", WithFill(fields.LandFraction));
                nc.Write<float>("elevation", WithFill(fields.Elevation));
                nc.Write<int>("igbp", fields.Igbp);
                nc.Write<int>("koppen", fields.Koppen);
            }
        });
    }

    internal static float[] WithFill(ReadOnlySpan<float> values)
    {
        var result = values.ToArray();
        for (var i = 0; i < result.Length; i++)
            if (float.IsNaN(result[i]))
                result[i] = DriverCubeLayout.FillValue;
        return result;
    }
}
