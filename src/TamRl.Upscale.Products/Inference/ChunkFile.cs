using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.IO.Files;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// One chunk's predictions on disk, <c>OUT/runs/RUN/chunks/chunk_NNNNN.nc</c>: the six
/// <see cref="FluxVariables.All"/> as float32 (time, lat, lon) over the chunk's tile, NaN over ocean,
/// with the tile's place in the grid as global attributes. Written to a hidden temporary file in the
/// same folder and renamed over the final name, so a rerun replaces exactly this chunk, whole.
/// <para>
/// The file is NetCDF's CDF-5 format (64-bit data, classic model), uncompressed: still a NetCDF file
/// (ncdump, xarray), but with no HDF5 underneath. Assembly opens the chunk files over a product block a
/// month at a time, and an open NetCDF-4 file costs ~1.3 MiB of HDF5 state (a block overlaps up to 12
/// tiles), while each open-and-close fragments the C heap by ~2 KB (netCDF-C 4.9 / HDF5 1.10; valgrind finds
/// no leak), which added up with the number of chunks; a CDF-5 file costs a header. The price is disk: the
/// intermediate files are 3.5x the size of deflated ones (bench/RESULTS.md gives the figures). Chunk files
/// of earlier versions (NetCDF-4) are still read.
/// </para>
/// </summary>
public static class ChunkFile
{
    /// <summary>
    /// Writes one chunk's outputs (each [day, row, column] over the tile) to <paramref name="path"/>, and the members' monthly
    /// means when given (<c>gpp_member_mean</c>, ... [member, month, row, column]; global attribute <c>members</c>).
    /// </summary>
    public static void Write(string path, RegularLatLonGrid grid, Chunk chunk, DatePeriod period, string runId, string predictor,
        IReadOnlyList<float[]> outputs, MemberMonthlyMeans? members = null)
    {
        if (outputs.Count != FluxVariables.All.Count)
            throw new ArgumentException($"expected {FluxVariables.All.Count} outputs, got {outputs.Count}");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        AtomicFile.Write(path, temp =>
        {
            using (var file = NetCdfFile.Create(temp, NetCdfFormat.Data64))
            {
                file.AddDimension("time", period.Days);
                file.AddDimension("lat", chunk.Rows);
                file.AddDimension("lon", chunk.Columns);
                file.AddVariable("time", NcType.Double, ["time"]);
                file.SetAttribute("time", "units", CfTimeEncoder.DaysSinceEpoch);
                file.SetAttribute("time", "calendar", CfTimeEncoder.Calendar);
                file.AddVariable("lat", NcType.Double, ["lat"]);
                file.SetAttribute("lat", "units", "degrees_north");
                file.AddVariable("lon", NcType.Double, ["lon"]);
                file.SetAttribute("lon", "units", "degrees_east");
                // Every value is written below: pre-filling would write the whole file twice.
                var options = new NcVariableOptions { FillValue = AttributeValue.Of(float.NaN), NoFill = true };
                foreach (var v in FluxVariables.All)
                {
                    file.AddVariable(v.Name, NcType.Float, ["time", "lat", "lon"], options);
                    file.SetAttribute(v.Name, "units", FluxVariable.Units);
                }
                if (members is not null)
                {
                    file.AddDimension("member", members.Members);
                    file.AddDimension("month", members.Months);
                    foreach (var v in FluxVariables.Fluxes)
                    {
                        file.AddVariable(MemberMonthlyMeans.VariableOf(v), NcType.Float, ["member", "month", "lat", "lon"], options);
                        file.SetAttribute(MemberMonthlyMeans.VariableOf(v), "units", FluxVariable.Units);
                    }
                    file.SetAttribute(null, "members", AttributeValue.Of(members.Members));
                }
                file.SetAttribute(null, "chunk_id", AttributeValue.Of(chunk.Id));
                file.SetAttribute(null, "row0", AttributeValue.Of(chunk.Row0));
                file.SetAttribute(null, "column0", AttributeValue.Of(chunk.Column0));
                file.SetAttribute(null, "grid_rows", AttributeValue.Of(grid.Rows));
                file.SetAttribute(null, "grid_columns", AttributeValue.Of(grid.Columns));
                file.SetAttribute(null, "grid_west", AttributeValue.Of(grid.West));
                file.SetAttribute(null, "grid_north", AttributeValue.Of(grid.North));
                file.SetAttribute(null, "first_day", period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                file.SetAttribute(null, "run_id", runId);
                file.SetAttribute(null, "predictor", predictor);

                file.Write<double>("time", CfTimeEncoder.Days(period.First, period.Days));
                file.Write<double>("lat", Enumerable.Range(chunk.Row0, chunk.Rows).Select(grid.LatitudeOfRow).ToArray());
                file.Write<double>("lon", Enumerable.Range(chunk.Column0, chunk.Columns).Select(grid.LongitudeOfColumn).ToArray());
                for (var i = 0; i < outputs.Count; i++)
                    file.Write<float>(FluxVariables.All[i].Name, outputs[i]);
                for (var f = 0; members is not null && f < FluxVariables.Fluxes.Count; f++)
                    file.Write<float>(MemberMonthlyMeans.VariableOf(FluxVariables.Fluxes[f]), members.PerFlux[f]);
            }
        });
    }

    /// <summary>The members whose monthly means an open chunk file keeps: 0 for a file without them (one member, or an earlier version).</summary>
    public static int MembersOf(NetCdfFile file) => (int)(file.GlobalAttributes.GetDoubles("members")?[0] ?? 0);

    /// <summary>The run that computed the chunk in <paramref name="path"/> (its <c>run_id</c>; a rerun's folder also holds chunks it took from others).</summary>
    public static string? RunIdOf(string path)
    {
        using var file = NetCdfFile.Open(path);
        return file.GlobalAttributes.GetText("run_id");
    }

    /// <summary>Opens a chunk file and checks it belongs to <paramref name="chunk"/> of this grid and period.</summary>
    /// <param name="predictor">The run's predictor identity (run.json); a chunk written by another is refused: a stale file
    /// of an earlier model must never be published beside this model's chunks. Null skips the check (files of versions that
    /// did not record it are not read by publication).</param>
    public static NetCdfFile OpenChecked(string path, RegularLatLonGrid grid, Chunk chunk, DatePeriod period, string? predictor = null)
    {
        if (!File.Exists(path))
            throw new DataFileException(path, null, $"chunk {chunk.Id} has no result (run `tamrl infer --chunk {chunk.Id}`)");
        var file = NetCdfFile.Open(path);
        try
        {
            var g = file.GlobalAttributes;
            int Int(string name) => (int)(g.GetDoubles(name)?[0] ?? -1);
            if (Int("chunk_id") != chunk.Id || Int("row0") != chunk.Row0 || Int("column0") != chunk.Column0
                || Int("grid_rows") != grid.Rows || Int("grid_columns") != grid.Columns)
                throw new InvalidInputException(path, null, $"holds chunk {Int("chunk_id")} at row {Int("row0")}, column {Int("column0")} of a {Int("grid_rows")}x{Int("grid_columns")} grid; expected chunk {chunk.Id} at row {chunk.Row0}, column {chunk.Column0} of {grid.Rows}x{grid.Columns}");
            if (g.GetText("first_day") != period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) || file.Dimensions["time"] != period.Days)
                throw new InvalidInputException(path, "time", $"covers {file.Dimensions["time"]} days from {g.GetText("first_day")}, expected {period}");
            if (predictor is not null && g.GetText("predictor") is var written && written != predictor)
                throw new InvalidInputException(path, "predictor",
                    $"written by predictor '{written}', the run's is '{predictor}': a chunk of another model (run `tamrl infer --chunk {chunk.Id}` again)");
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
