using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Ingest.Regridding;
using TamRl.Upscale.IO;
using TamRl.Upscale.IO.Cf;

namespace TamRl.Upscale.Ingest;

/// <summary>
/// Reads a geography file (the sample world's static/geography.nc: land_fraction 0..1, elevation m, igbp
/// and koppen class indices on lat/lon) onto the target grid: land fraction and elevation by the
/// continuous regridder (conservative when coarsening, bilinear when refining), classes by
/// <see cref="CategoricalRegridder"/>. Cells with no land get NaN elevation and class -1.
/// </summary>
public static class StaticGeography
{
    public static StaticFields Read(string path, RegularLatLonGrid target)
    {
        using var dataset = DatasetFormats.OpenArrays(path);
        var coordinates = CfCoordinateFinder.FindRequired(dataset, "land_fraction", requireTime: false);
        coordinates.RequireLatitudeLongitudeLast();
        var mapping = CfGridNormaliser.Normalise(dataset, coordinates);
        var continuous = Regridders.Create(mapping.Grid, target);
        var categorical = new CategoricalRegridder(mapping.Grid, target);
        var cells = target.Rows * target.Columns;

        float[] Continuous(string name, string[] units)
        {
            RequireUnits(dataset, name, units);
            var values = mapping.ToCanonical(CfVariableDecoder.Read(dataset, name).Values);
            var result = new float[cells];
            continuous.Regrid(Array.ConvertAll(values, v => (float)v), result);
            return result;
        }

        int[] Classes(string name)
        {
            CfAttributes(dataset, name);
            var values = mapping.ToCanonical(CfVariableDecoder.Read(dataset, name).Values);
            return categorical.Regrid(Array.ConvertAll(values, v => double.IsNaN(v) ? -1 : (int)Math.Round(v)));
        }

        var land = Continuous("land_fraction", ["1", ""]);
        var landMax = land.Where(v => !float.IsNaN(v)).DefaultIfEmpty(0).Max();
        if (landMax > 1.0001f)
            throw new InvalidInputException(path, "land_fraction", $"values up to {landMax}: expected a fraction 0..1, not percent");
        var elevation = Continuous("elevation", ["m"]);
        var igbp = Classes("igbp");
        var koppen = Classes("koppen");
        for (var i = 0; i < cells; i++)
        {
            if (float.IsNaN(land[i]))
                land[i] = 0;
            if (land[i] <= 0)
            {
                elevation[i] = float.NaN;
                igbp[i] = -1;
                koppen[i] = -1;
            }
        }
        return new StaticFields(land, elevation, igbp, koppen);
    }

    private static void CfAttributes(IO.Model.IArrayDataset dataset, string name)
    {
        if (!dataset.Variables.Any(v => v.Name == name))
            throw new InvalidInputException(dataset.Path, name, "the static variable is missing");
    }

    private static void RequireUnits(IO.Model.IArrayDataset dataset, string name, string[] units)
    {
        CfAttributes(dataset, name);
        var text = dataset.GetVariable(name).Attributes.GetText("units") ?? "";
        if (!units.Contains(text))
            throw new InvalidInputException(dataset.Path, name, $"units '{text}', expected '{string.Join("' or '", units.Where(u => u.Length > 0))}'");
    }
}
