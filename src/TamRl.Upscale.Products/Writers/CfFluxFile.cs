using System.Buffers;
using System.Globalization;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// A CF-1.10 NetCDF product file of the six <see cref="FluxVariables.All"/> on the grid: daily (one file per
/// month, a step per day) or monthly (one file per period, a step per month). Time is the middle of each
/// step's interval with <c>time_bnds</c> spanning it; each flux is a mean over land and over its interval
/// (<c>cell_methods = "area: mean where land time: mean"</c>). Values are written a step and a block (<see cref="ProductBlocks"/>) at a time.
/// Ocean cells hold <see cref="ProductFill.Value"/>.
/// </summary>
public sealed class CfFluxFile : IDisposable
{
    private readonly NetCdfFile _file;

    private CfFluxFile(NetCdfFile file, int steps)
    {
        _file = file;
        Steps = steps;
    }

    public int Steps { get; }

    public string Path => _file.Path;

    /// <summary>A daily file: one step per day of <paramref name="days"/>.</summary>
    public static CfFluxFile CreateDaily(string path, RegularLatLonGrid grid, Inference.LandFraction landFraction, DatePeriod days, Provenance provenance)
    {
        var intervals = Enumerable.Range(0, days.Days).Select(i => (days.DateOf(i), days.DateOf(i).AddDays(1))).ToArray();
        return Create(path, grid, landFraction, intervals, "daily", days, provenance);
    }

    /// <summary>The attribute of a monthly spread taken from the members' monthly means (<see cref="MembersSpread"/>).</summary>
    public const string SpreadMethodAttribute = "spread_method";

    /// <summary>The value of <see cref="SpreadMethodAttribute"/>: the standard deviation across members of their monthly means.</summary>
    public const string MembersSpread = "members_monthly_means";

    /// <summary>A monthly file: one step per month of <paramref name="months"/> (each possibly clipped to the period).</summary>
    /// <param name="members">Members whose monthly means give the monthly spreads; below 2, the spreads are the mean of the daily ones.</param>
    public static CfFluxFile CreateMonthly(string path, RegularLatLonGrid grid, Inference.LandFraction landFraction, IReadOnlyList<DatePeriod> months, Provenance provenance,
        int members = 0)
    {
        var intervals = months.Select(m => (m.First, m.Last.AddDays(1))).ToArray();
        return Create(path, grid, landFraction, intervals, "monthly", new DatePeriod(months[0].First, months[^1].Last), provenance, members);
    }

    private static CfFluxFile Create(string path, RegularLatLonGrid grid, Inference.LandFraction landFraction, (DateOnly Start, DateOnly End)[] intervals,
        string frequency, DatePeriod coverage, Provenance provenance, int members = 0)
    {
        var file = NetCdfFile.Create(path);
        try
        {
            CfGrid.Define(file, grid);
            file.AddDimension("time", intervals.Length);
            file.AddVariable("time", NcType.Double, ["time"]);
            file.SetAttribute("time", "standard_name", "time");
            file.SetAttribute("time", "long_name", "time, middle of the averaging interval");
            file.SetAttribute("time", "units", CfTimeEncoder.DaysSinceEpochMidnight);
            file.SetAttribute("time", "calendar", CfTimeEncoder.Calendar);
            file.SetAttribute("time", "axis", "T");
            file.SetAttribute("time", "bounds", "time_bnds");
            file.AddVariable("time_bnds", NcType.Double, ["time", "bnds"]);

            var options = new NcVariableOptions
            {
                DeflateLevel = 2,
                Shuffle = true,
                // One step of one product block per chunk (see ProductBlocks): written and read whole.
                ChunkSizes = [1, Math.Min(grid.Rows, ProductBlocks.MaxBlock.Rows), Math.Min(grid.Columns, ProductBlocks.MaxBlock.Columns)],
                FillValue = AttributeValue.Of(ProductFill.Value),
            };
            foreach (var v in FluxVariables.All)
            {
                file.AddVariable(v.Name, NcType.Float, ["time", "lat", "lon"], options);
                if (v.StandardName is not null)
                    file.SetAttribute(v.Name, "standard_name", v.StandardName);
                file.SetAttribute(v.Name, "long_name", v.LongName);
                file.SetAttribute(v.Name, "units", FluxVariable.Units);
                file.SetAttribute(v.Name, "cell_methods", "area: mean where land time: mean");
                file.SetAttribute(v.Name, "grid_mapping", CfGrid.GridMapping);
                if (v.IsUncertainty && members >= 2)
                {
                    // A monthly mean's spread is the members' monthly means' spread: averaging daily spreads would treat the
                    // members' daily errors as perfectly correlated from day to day, and overstate it.
                    file.SetAttribute(v.Name, "comment",
                        $"standard deviation across the {members} members of the model ensemble of their monthly means of {v.UncertaintyOf} (a spread, not a standard error)");
                    file.SetAttribute(v.Name, SpreadMethodAttribute, MembersSpread);
                }
                else
                    file.SetAttribute(v.Name, "comment", v.Comment);
                if (!v.IsUncertainty)
                    file.SetAttribute(v.Name, "ancillary_variables", $"{v.Name}_uncertainty");
            }

            var g = (string name, string text) => file.SetAttribute(null, name, text);
            g("Conventions", "CF-1.10");
            g("title", $"TamRl.Upscale {frequency} gross primary productivity, ecosystem respiration and net ecosystem exchange of carbon");
            g("institution", "TamRl.Upscale");
            g("source", $"TAM-RL upscaling of eddy-covariance flux towers; model {provenance.Model}");
            g("history", provenance.History);
            g("references", "Rozanov, Renganathan, Kumar: Task Aware Modulation Using Representation Learning for Upscaling of Terrestrial Carbon Fluxes, arXiv 2603.09974");
            g("comment", "NEE = RECO - GPP; positive NEE is a flux to the atmosphere. Fluxes are means over the land part of each cell.");
            if (provenance.SurfaceRules is { } rules)
                g("surface_rules", rules);
            g("frequency", frequency);
            g("run_id", provenance.RunId);
            g("model_identity", provenance.Model);
            g("code_version", provenance.CodeVersion);
            g("input_manifest_sha256", provenance.InputManifestText);
            foreach (var (key, value) in provenance.ModelAttributes.OrderBy(p => p.Key, StringComparer.Ordinal))
                g($"model_{key}", value);
            g("date_created", provenance.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            g("time_coverage_start", coverage.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            g("time_coverage_end", coverage.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            file.SetAttribute(null, "geospatial_lat_min", AttributeValue.Of(grid.South));
            file.SetAttribute(null, "geospatial_lat_max", AttributeValue.Of(grid.North));
            file.SetAttribute(null, "geospatial_lon_min", AttributeValue.Of(grid.West));
            file.SetAttribute(null, "geospatial_lon_max", AttributeValue.Of(grid.East));

            CfGrid.Write(file, grid, landFraction);
            file.Write<double>("time", intervals.Select(i => CfTimeEncoder.Middle(i.Start, i.End)).ToArray());
            file.Write<double>("time_bnds", intervals.SelectMany(i => new[] { CfTimeEncoder.Days(i.Start), CfTimeEncoder.Days(i.End) }).ToArray());
            var created = new CfFluxFile(file, intervals.Length);
            created.BypassChunkCache();
            return created;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens a product file written by <see cref="CreateDaily"/> or <see cref="CreateMonthly"/> to write more blocks into it.</summary>
    public static CfFluxFile OpenForWriting(string path)
    {
        var file = NetCdfFile.Open(path, writable: true);
        try
        {
            var opened = new CfFluxFile(file, (int)file.Dimensions["time"]);
            opened.BypassChunkCache();
            return opened;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes are whole chunks (<see cref="ProductBlocks"/>): netCDF-C's default cache (at least 16 MB per
    /// variable, more for large chunks) would only hold compressed-once chunks until the file closes.
    /// </summary>
    private void BypassChunkCache()
    {
        foreach (var v in FluxVariables.All)
            _file.SetChunkCache(v.Name, 0, 1, 1f);
    }

    /// <summary>Writes one block of one step: values row-major over the block, NaN where no value (written as fill).</summary>
    public void WriteBlock(FluxVariable variable, int step, GridBlock block, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, Steps);
        if (values.Length != block.Cells)
            throw new ArgumentException($"a block of {block.Cells} cells, {values.Length} values");
        // A pooled buffer: files are opened per block and month, and a block-sized array each would be large-object garbage.
        var buffer = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            for (var i = 0; i < values.Length; i++)
                buffer[i] = float.IsNaN(values[i]) ? ProductFill.Value : values[i];
            _file.Write<float>(variable.Name, [step, block.Row0, block.Column0], [1, block.Rows, block.Columns], buffer.AsSpan(0, values.Length));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _file.Dispose();
}
