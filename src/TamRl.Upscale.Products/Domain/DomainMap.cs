using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Domain;

/// <summary>
/// The product's domain of applicability, published beside the fluxes as <c>netcdf/tamrl_domain_PERIOD.nc</c>: per
/// land pixel the <see cref="TrainingDomain.ExtrapolationIndex"/> of its drivers over the product period and
/// <c>domain_flags</c> saying why a pixel lies outside what the training towers cover. Written a chunk tile of the run
/// at a time (the tile's static window and its land pixels' drivers, a cube block at a time), never the whole grid.
/// </summary>
public static class DomainMap
{
    public const string IndexVariable = "extrapolation_index";
    public const string FlagsVariable = "domain_flags";

    /// <summary>Flag bits of <see cref="FlagsVariable"/> (CF flag_masks).</summary>
    public const short ClimateOutside = 1, IgbpUnsampled = 2, KoppenUnsampled = 4, SetByRule = 8;

    public static string FileName(DatePeriod period) => Path.Combine("netcdf", $"tamrl_domain_{period.Key}.nc");

    /// <summary>Writes the map for the run in <paramref name="runDir"/> into <paramref name="folder"/>; returns the file's path relative to it.</summary>
    public static string Write(string runDir, string folder, TrainingDomain domain)
    {
        var run = RunDescription.Load(runDir);
        var grid = run.Grid.ToGrid();
        var period = run.Period;
        if (!Directory.Exists(run.Drivers))
            throw new DataFileException(run.Drivers, null, "the run's driver cube is gone; the domain of applicability is drawn from it");
        using var cube = NetCdfDriverCube.Open(run.Drivers);
        var featureIndex = domain.Features.Select(f =>
        {
            var i = cube.Features.ToList().IndexOf(f);
            return i >= 0 ? i : throw new InvalidInputException(run.Drivers, f, "the training dataset's feature is not in the driver cube, so the domain cannot be drawn");
        }).ToArray();
        var relative = FileName(period);
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = NetCdfFile.Create(path);
        CfLatLonGrid.Define(file, grid);
        var chunking = new NcVariableOptions
        {
            DeflateLevel = 2,
            Shuffle = true,
            FillValue = AttributeValue.Of(ProductFill.Value),
            ChunkSizes = [Math.Min(grid.Rows, ProductBlocks.MaxBlock.Rows), Math.Min(grid.Columns, ProductBlocks.MaxBlock.Columns)],
        };
        file.AddVariable(IndexVariable, NcType.Float, ["lat", "lon"], chunking);
        file.SetAttribute(IndexVariable, "long_name", "extrapolation index: distance of the pixel's drivers from the nearest training tower's, over the towers' own 95th-percentile nearest-neighbour distance");
        file.SetAttribute(IndexVariable, "units", "1");
        file.SetAttribute(IndexVariable, "comment",
            "Per driver feature the mean and standard deviation of the daily values over the product period (towers: over their training record), " +
            "each standardised by the training towers' spread; Euclidean distance to the nearest training tower divided by the 95th percentile of " +
            "the towers' leave-one-out nearest-neighbour distances. <= 1: inside the towers' climate space; > 1: the model extrapolates. " +
            "0 where the fluxes are set by rule (domain_flags 8).");
        file.SetAttribute(IndexVariable, "grid_mapping", CfLatLonGrid.GridMapping);
        file.AddVariable(FlagsVariable, NcType.Short, ["lat", "lon"], chunking with { FillValue = AttributeValue.Of((short)-1) });
        file.SetAttribute(FlagsVariable, "long_name", "why a pixel lies outside the domain of applicability (0: inside)");
        file.SetAttribute(FlagsVariable, "flag_masks", AttributeValue.Of(ClimateOutside, IgbpUnsampled, KoppenUnsampled, SetByRule));
        file.SetAttribute(FlagsVariable, "flag_meanings", "climate_outside_training_towers igbp_class_without_training_tower koppen_class_without_training_tower fluxes_set_by_rule");
        file.SetAttribute(FlagsVariable, "grid_mapping", CfLatLonGrid.GridMapping);
        file.SetAttribute(null, "Conventions", "CF-1.10");
        file.SetAttribute(null, "title", "TamRl.Upscale domain of applicability: where the products extrapolate beyond the training towers");
        file.SetAttribute(null, "run_id", run.RunId);
        file.SetAttribute(null, "training_sites", domain.Sites.Count.ToString(CultureInfo.InvariantCulture));
        file.SetAttribute(null, "descriptor_features", string.Join(" ", domain.Features));
        file.SetAttribute(null, "reference_distance", AttributeValue.Of(domain.ReferenceDistance));
        if (run.SurfaceRules is { } rules)
            file.SetAttribute(null, "surface_rules", rules);
        file.SetAttribute(null, "time_coverage_start", period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        file.SetAttribute(null, "time_coverage_end", period.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        CfLatLonGrid.Write(file, grid);

        foreach (var block in ProductBlocks.Of(grid))
        {
            var (index, flags) = Compute(cube, new GridBlock(block.Row0, block.Rows, block.Column0, block.Columns), period, domain, featureIndex);
            file.Write<float>(IndexVariable, [block.Row0, block.Column0], [block.Rows, block.Columns], index);
            file.Write<short>(FlagsVariable, [block.Row0, block.Column0], [block.Rows, block.Columns], flags);
        }
        return relative;
    }

    /// <summary>The index and flags of one window of the grid (fill over the sea).</summary>
    public static (float[] Index, short[] Flags) Compute(IDriverCube cube, GridBlock window, DatePeriod period, TrainingDomain domain, IReadOnlyList<int> featureIndex)
    {
        var statics = cube.ReadStatic(window);
        var index = Enumerable.Repeat(ProductFill.Value, window.Cells).ToArray();
        var flags = Enumerable.Repeat((short)-1, window.Cells).ToArray();
        var cells = new List<(int Row, int Column)>();
        for (var i = 0; i < window.Cells; i++)
        {
            if (!statics.IsLand(i))
                continue;
            if (SurfaceRules.SetsFluxes(statics.Igbp[i]))
            {
                (index[i], flags[i]) = (0f, SetByRule);
                continue;
            }
            flags[i] = (short)((domain.Igbp.Contains(statics.Igbp[i]) ? 0 : IgbpUnsampled) | (domain.Koppen.Contains(statics.Koppen[i]) ? 0 : KoppenUnsampled));
            cells.Add((window.Row0 + i / window.Columns, window.Column0 + i % window.Columns));
        }
        cells.Sort(DriverBlocks.ReadOrder);
        var days = period.Days;
        var features = cube.Features.Count;
        const int batch = 256;
        var buffer = new float[(long)batch * days * features];
        using var keep = cube.KeepOpen(period);
        var drivers = new DriverBlocks(cube, cells, period);
        for (var b0 = 0; b0 < cells.Count; b0 += batch)
        {
            var n = Math.Min(batch, cells.Count - b0);
            drivers.CopyTo(b0, n, buffer);
            for (var p = 0; p < n; p++)
            {
                var descriptor = ClimateDescriptor.Of(buffer.AsSpan(p * days * features, days * features), days, features, featureIndex);
                var x = domain.ExtrapolationIndex(descriptor);
                var (row, column) = cells[b0 + p];
                var i = (row - window.Row0) * window.Columns + column - window.Column0;
                index[i] = double.IsFinite(x) ? (float)x : ProductFill.Value;
                if (!(x <= 1))
                    flags[i] |= ClimateOutside;
            }
        }
        return (index, flags);
    }
}
