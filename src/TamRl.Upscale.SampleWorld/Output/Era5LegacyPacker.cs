using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.SampleWorld.Streaming;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>
/// W/era5/legacy/era5_legacy_YYYY-MM.nc from the month's new-CDS file: the pre-2024 CDS layout, int16 packed with
/// a scale_factor/add_offset computed per file and per variable from that file's own range (as the old CDS did,
/// so two months decode with different constants), time as int "hours since 1900-01-01 00:00:00.0",
/// dimensions (time, latitude, longitude), _FillValue and missing_value -32767. The ranges come from the
/// writer of the source (it saw every value, band by band); the source is then read back one day and one chunk
/// row band at a time, so memory holds a band, never the grid.
/// </summary>
internal static class Era5LegacyPacker
{
    public const short Fill = -32767;

    public static void Pack(string newCdsPath, (double Min, double Max)[] ranges, string legacyPath, BandPlan plan, SampleWorldOptions options)
    {
        using var src = NetCdfFile.Open(newCdsPath);
        var days = (int)src.Dimensions["valid_time"];
        var rows = (int)src.Dimensions["latitude"];
        var cols = (int)src.Dimensions["longitude"];
        var lats = src.Read<double>("latitude");
        var lons = src.Read<double>("longitude");
        var seconds = src.Read<long>("valid_time");

        using var dst = NetCdfFile.Create(legacyPath);
        NetCdfConventions.Provenance(dst, options, "ERA5-like daily data, legacy packed layout (sample world)");
        dst.SetAttribute(null, "Conventions", "CF-1.6");
        dst.SetAttribute(null, "history", "packed from the sample world's new-CDS month file " + System.IO.Path.GetFileName(newCdsPath));
        dst.AddDimension("longitude", cols);
        dst.AddDimension("latitude", rows);
        dst.AddDimension("time", days);
        dst.AddVariable("longitude", NcType.Float, ["longitude"]);
        dst.SetAttribute("longitude", "units", "degrees_east");
        dst.SetAttribute("longitude", "long_name", "longitude");
        dst.AddVariable("latitude", NcType.Float, ["latitude"]);
        dst.SetAttribute("latitude", "units", "degrees_north");
        dst.SetAttribute("latitude", "long_name", "latitude");
        dst.AddVariable("time", NcType.Int, ["time"]);
        dst.SetAttribute("time", "units", "hours since 1900-01-01 00:00:00.0");
        dst.SetAttribute("time", "long_name", "time");
        dst.SetAttribute("time", "calendar", "gregorian");

        var bandRows = plan.ChunkRows;
        foreach (var v in Era5Variables.All)
            NetCdfConventions.LimitChunkCache(src, v.Short, (long)bandRows * cols * sizeof(float));
        var step = new float[bandRows * cols];
        var packed = new short[bandRows * cols];
        var constants = new List<(string Name, double Scale, double Offset)>();
        for (var k = 0; k < Era5Variables.All.Length; k++)
        {
            var v = Era5Variables.All[k];
            var (min, max) = ranges[k];
            if (min > max)
                (min, max) = (0, 1);
            var scale = Math.Max(max - min, 1e-9) / 65532.0;
            var offset = (max + min) / 2;
            constants.Add((v.Short, scale, offset));
            dst.AddVariable(v.Short, NcType.Short, ["time", "latitude", "longitude"], new NcVariableOptions
            {
                FillValue = AttributeValue.Of(Fill), ChunkSizes = plan.CubeChunks, DeflateLevel = 1,
            });
            NetCdfConventions.LimitChunkCache(dst, v.Short, (long)bandRows * cols * sizeof(short));
            dst.SetAttribute(v.Short, "scale_factor", AttributeValue.Of(scale));
            dst.SetAttribute(v.Short, "add_offset", AttributeValue.Of(offset));
            dst.SetAttribute(v.Short, "missing_value", AttributeValue.Of(Fill));
            dst.SetAttribute(v.Short, "units", v.Units == "J m**-2" ? "J m**-2" : v.Units);
            dst.SetAttribute(v.Short, "long_name", v.LongName);
        }
        dst.Write<float>("longitude", lons.Select(x => (float)x).ToArray());
        dst.Write<float>("latitude", lats.Select(x => (float)x).ToArray());
        var hoursFrom1900To1970 = (new DateOnly(1970, 1, 1).DayNumber - new DateOnly(1900, 1, 1).DayNumber) * 24L;
        dst.Write<int>("time", seconds.Select(s => checked((int)(hoursFrom1900To1970 + s / 3600))).ToArray());

        foreach (var (name, scale, offset) in constants)
            for (var d = 0; d < days; d++)
                for (var r0 = 0; r0 < rows; r0 += bandRows)
                {
                    var n = Math.Min(bandRows, rows - r0) * cols;
                    long[] start = [d, r0, 0];
                    long[] count = [1, n / cols, cols];
                    src.Read<float>(name, start, count, step.AsSpan(0, n));
                    for (var i = 0; i < n; i++)
                        packed[i] = float.IsNaN(step[i]) ? Fill : (short)Math.Clamp(Math.Round((step[i] - offset) / scale), -32766, 32766);
                    dst.Write<short>(name, start, count, packed.AsSpan(0, n));
                }
    }
}
