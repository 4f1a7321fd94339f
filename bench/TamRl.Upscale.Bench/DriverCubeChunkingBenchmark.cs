using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Why the driver cube is chunked (time 8, lat 32, lon 32): a year of one feature on the global 0.5 degree
/// grid, in monthly files as the cube stores it (zlib 2 + shuffle), written with our chunking and with two
/// alternatives, then read the two ways the pipeline reads it: one day's map (inference, quicklooks) and
/// whole-year series of pixels (site extraction: 1 pixel and 300 scattered pixels, each month file opened
/// once). "reference" is the alternative chunking; ratio = its time / ours (above 1: ours is faster).
/// </summary>
public static class DriverCubeChunkingBenchmark
{
    private const int Rows = 360, Cols = 720, Year = 2021;

    public static IReadOnlyList<BenchRow> Run(string workDir)
    {
        Directory.CreateDirectory(workDir);
        var layouts = new (string Name, Func<int, long[]> Chunks)[]
        {
            ("ours (8,32,32)", days => [DriverCubeLayout.TimeChunk, DriverCubeLayout.SpatialChunk, DriverCubeLayout.SpatialChunk]),
            ("month (days,32,32)", days => [days, 32, 32]),
            ("map (1,360,720)", days => [1, Rows, Cols]),
        };
        var folders = layouts.Select(l => Path.Combine(workDir, l.Name.Split(' ')[0])).ToArray();
        for (var i = 0; i < layouts.Length; i++)
            WriteYear(folders[i], layouts[i].Chunks);
        NetCdfCopyBenchmark.Tool("sync");

        var random = new Random(7);
        var days = Enumerable.Range(0, 12).Select(_ => new DateOnly(Year, 1, 1).AddDays(random.Next(365))).ToArray();
        var pixels = Enumerable.Range(0, 300).Select(_ => (random.Next(Rows), random.Next(Cols))).ToArray();
        double MapTime(string folder) => NetCdfCopyBenchmark.Time(() => { foreach (var d in days) ReadMap(folder, d); }) / days.Length;
        double SeriesTime(string folder, (int, int)[] p) => NetCdfCopyBenchmark.Time(() => ReadSeries(folder, p));

        var rows = new List<BenchRow>();
        var ourMap = Math.Min(MapTime(folders[0]), MapTime(folders[0]));
        var ourOne = Math.Min(SeriesTime(folders[0], pixels[..1]), SeriesTime(folders[0], pixels[..1]));
        var ourMany = Math.Min(SeriesTime(folders[0], pixels), SeriesTime(folders[0], pixels));
        for (var i = 1; i < layouts.Length; i++)
        {
            rows.Add(new BenchRow("cube: one day's map, 360x720", ourMap, layouts[i].Name, Math.Min(MapTime(folders[i]), MapTime(folders[i])), "mean of 12 random days"));
            rows.Add(new BenchRow("cube: 1 pixel, a year", ourOne, layouts[i].Name, Math.Min(SeriesTime(folders[i], pixels[..1]), SeriesTime(folders[i], pixels[..1]))));
            // With map-sized chunks every pixel-day decompresses a whole map and a month (31 MB) outruns the
            // chunk cache, so 300 pixels take minutes: that layout is timed on one pixel only.
            if (i == 1)
                rows.Add(new BenchRow("cube: 300 pixels, a year", ourMany, layouts[i].Name, Math.Min(SeriesTime(folders[i], pixels), SeriesTime(folders[i], pixels))));
        }
        rows.Add(new BenchRow("cube: size of the year", FolderMiB(folders[0]), "month / map chunks (MiB)", FolderMiB(folders[1]),
            $"MiB, not seconds; map chunks {FolderMiB(folders[2])} MiB"));
        foreach (var f in folders)
            Directory.Delete(f, recursive: true);
        return rows;
    }

    private static long FolderMiB(string folder) => Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length) >> 20;

    private static string MonthPath(string folder, int month) => Path.Combine(folder, $"drivers_{Year}-{month:D2}.nc");

    private static void WriteYear(string folder, Func<int, long[]> chunks)
    {
        Directory.CreateDirectory(folder);
        var map = new float[Rows * Cols];
        var random = new Random(11);
        var dayOfYear = 0;
        for (var m = 1; m <= 12; m++)
        {
            var days = DateTime.DaysInMonth(Year, m);
            using var nc = NetCdfFile.Create(MonthPath(folder, m));
            nc.AddDimension("time", days);
            nc.AddDimension("lat", Rows);
            nc.AddDimension("lon", Cols);
            nc.AddVariable("ta", NcType.Float, ["time", "lat", "lon"], new NcVariableOptions
            {
                DeflateLevel = DriverCubeLayout.DeflateLevel, Shuffle = true, ChunkSizes = chunks(days), FillValue = AttributeValue.Of(DriverCubeLayout.FillValue),
            });
            using var writer = nc.StepWriter<float>("ta");
            for (var d = 0; d < days; d++, dayOfYear++)
            {
                var season = Math.Cos(2 * Math.PI * (dayOfYear - 200) / 365.0);
                for (var y = 0; y < Rows; y++)
                {
                    var lat = 89.75 - y * 0.5;
                    var baseT = 27 - 0.0075 * lat * lat + 12 * season * Math.Sin(lat * Math.PI / 180);
                    for (var x = 0; x < Cols; x++)
                        map[y * Cols + x] = (x + y) % 7 == 0 && y > 300 ? DriverCubeLayout.FillValue
                            : (float)(baseT + 3 * Math.Sin(x * 0.05 + dayOfYear * 0.3) + random.NextDouble() * 0.3);
                }
                writer.Write(d, map);
            }
        }
    }

    private static void ReadMap(string folder, DateOnly day)
    {
        using var nc = NetCdfFile.Open(MonthPath(folder, day.Month));
        nc.Read<float>("ta", [day.Day - 1, 0, 0], [1, Rows, Cols]);
    }

    /// <summary>Each month file opened once; each pixel's month read as one hyperslab (the chunk cache serves neighbours).</summary>
    private static void ReadSeries(string folder, (int Row, int Col)[] pixels)
    {
        var values = new float[31];
        for (var m = 1; m <= 12; m++)
        {
            var days = DateTime.DaysInMonth(Year, m);
            using var nc = NetCdfFile.Open(MonthPath(folder, m));
            foreach (var (r, c) in pixels)
                nc.Read<float>("ta", [0, r, c], [days, 1, 1], values.AsSpan(0, days));
        }
    }
}
