using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Ingest.Regridding;
using TamRl.Upscale.IO;
using TamRl.Upscale.IO.Cf;

namespace TamRl.Upscale.Ingest;

/// <summary>
/// The static fields on the target grid from a source geography: land fraction and elevation by the continuous
/// regridder (conservative when coarsening, bilinear when refining), classes by <see cref="CategoricalRegridder"/>.
/// Cells with no land get NaN elevation and class -1. The source is a geography file (<see cref="Read"/>: the sample
/// world's static/geography.nc, land_fraction 0..1, elevation m, igbp and koppen class indices on lat/lon) or the
/// real sources (<see cref="RealStaticGeography"/>).
/// </summary>
public static class StaticGeography
{
    public static StaticFields Read(string path, RegularLatLonGrid target)
    {
        using var dataset = DatasetFormats.OpenArrays(path);
        var coordinates = CfCoordinateFinder.FindRequired(dataset, "land_fraction", requireTime: false);
        coordinates.RequireLatitudeLongitudeLast();
        var mapping = CfGridNormaliser.Normalise(dataset, coordinates);

        float[] Continuous(string name, string[] units)
        {
            RequireUnits(dataset, name, units);
            return Array.ConvertAll(mapping.ToCanonical(CfVariableDecoder.Read(dataset, name).Values), v => (float)v);
        }

        int[] Classes(string name)
        {
            CfAttributes(dataset, name);
            return Array.ConvertAll(mapping.ToCanonical(CfVariableDecoder.Read(dataset, name).Values), v => double.IsNaN(v) ? -1 : (int)Math.Round(v));
        }

        var landSource = Continuous("land_fraction", ["1", ""]);
        var landMax = landSource.Where(v => !float.IsNaN(v)).DefaultIfEmpty(0).Max();
        if (landMax > 1.0001f)
            throw new InvalidInputException(path, "land_fraction", $"values up to {landMax}: expected a fraction 0..1, not percent");
        return Regrid(mapping.Grid, landSource, Continuous("elevation", ["m"]), Classes("igbp"), Classes("koppen"), target);
    }

    /// <summary>
    /// Source fields on <paramref name="source"/> (canonical order: rows north to south; NaN or a negative class for
    /// none) onto <paramref name="target"/>; ocean cells (no land) get NaN elevation and class -1.
    /// </summary>
    public static StaticFields Regrid(RegularLatLonGrid source, float[] landFraction, float[] elevationMetres, int[] igbpClasses, int[] koppenClasses,
        RegularLatLonGrid target)
    {
        var continuous = Regridders.Create(source, target);
        var categorical = new CategoricalRegridder(source, target);
        var cells = target.Rows * target.Columns;
        var land = new float[cells];
        continuous.Regrid(landFraction, land);
        var elevation = new float[cells];
        continuous.Regrid(elevationMetres, elevation);
        var igbp = categorical.Regrid(igbpClasses);
        var koppen = categorical.Regrid(koppenClasses);
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
