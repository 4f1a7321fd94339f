using TamRl.Upscale.IO.Geography;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.SampleWorld.Randomness;

namespace TamRl.Upscale.SampleWorld.Geography;

/// <summary>
/// The static world on the output grid: land fraction and Koppen class aggregated from the real 0.5 degree
/// Kottek map (majority class, fraction of land sub-cells), distance from the sea, real elevation
/// (<see cref="ElevationMap"/>: the area mean over the cell's 0.5 degree land cells at 0.5 degrees and coarser,
/// bilinear below) and IGBP class, for a band of whole grid rows (<see cref="RowStart"/>, <see cref="Rows"/>):
/// generation streams band by band, so nothing here is as large as the grid. Arrays are per cell of the band
/// (local index), row-major, rows north to south, columns west to east; every value is a function of the cell's
/// position alone, so a cell gets the same values in whichever band it is built.
/// </summary>
internal sealed class WorldGeography
{
    private const double EarthRadiusM = 6_371_000;

    /// <summary>The whole world's grid.</summary>
    public required RegularLatLonGrid Grid { get; init; }
    /// <summary>The band's first grid row.</summary>
    public required int RowStart { get; init; }
    /// <summary>The band's number of grid rows.</summary>
    public required int Rows { get; init; }
    /// <summary>The band's first grid column (0 but for a window such as the hourly region).</summary>
    public required int ColumnStart { get; init; }
    /// <summary>The band's number of columns (the grid's but for a window).</summary>
    public required int BandColumns { get; init; }
    public required KoppenMap Koppen { get; init; }
    public required double[] Latitude { get; init; }
    public required double[] Longitude { get; init; }
    public required float[] LandFraction { get; init; }
    public required float[] Elevation { get; init; }
    public required float[] CoastKm { get; init; }
    public required byte[] KoppenClass { get; init; }
    public required byte[] IgbpClass { get; init; }
    /// <summary>Cell area in m2.</summary>
    public required double[] Area { get; init; }

    public int Cells => Latitude.Length;

    public static RegularLatLonGrid GridFor(SampleWorldOptions options)
    {
        var r = options.Resolution;
        var west = Math.Floor(options.Box.West / r + 1e-9) * r;
        var east = Math.Ceiling(options.Box.East / r - 1e-9) * r;
        var south = Math.Floor(options.Box.South / r + 1e-9) * r;
        var north = Math.Ceiling(options.Box.North / r - 1e-9) * r;
        return new RegularLatLonGrid((int)Math.Round((north - south) / r), (int)Math.Round((east - west) / r), west, north, r, r);
    }

    /// <summary>The whole grid at once (tests and small worlds).</summary>
    public static WorldGeography Build(SampleWorldOptions options, GeographySources sources) =>
        Build(options, sources, 0, GridFor(options).Rows);

    /// <summary>The band of <paramref name="rows"/> grid rows from <paramref name="rowStart"/>.</summary>
    /// <param name="columnStart">First column of a window of the band (the hourly region needs only its own cells).</param>
    /// <param name="columns">Columns of the window; -1 for all of the grid's.</param>
    public static WorldGeography Build(SampleWorldOptions options, GeographySources sources, int rowStart, int rows, int columnStart = 0, int columns = -1)
    {
        var grid = GridFor(options);
        if (rowStart < 0 || rows < 1 || rowStart + rows > grid.Rows)
            throw new ArgumentOutOfRangeException(nameof(rows), $"band {rowStart}+{rows} outside the grid's {grid.Rows} rows");
        columns = columns < 0 ? grid.Columns : columns;
        if (columnStart < 0 || columns < 1 || columnStart + columns > grid.Columns)
            throw new ArgumentOutOfRangeException(nameof(columns), $"window {columnStart}+{columns} outside the grid's {grid.Columns} columns");
        var koppen = sources.Koppen;
        var coast = sources.CoastKm;
        var elevation = sources.Elevation;
        var n = rows * columns;
        var lat = new double[n];
        var lon = new double[n];
        var land = new float[n];
        var elev = new float[n];
        var coastKm = new float[n];
        var kop = new byte[n];
        var igbp = new byte[n];
        var area = new double[n];
        var choice = new float[n];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                lat[r * columns + c] = grid.LatitudeOfRow(rowStart + r);
                lon[r * columns + c] = grid.LongitudeOfColumn(columnStart + c);
            }
        new SmoothNoiseField(options.Seed, "igbp-choice", 4.0, 0, lat, lon).Sample(choice);

        var counts = new int[31];
        for (var r = 0; r < rows; r++)
        {
            var north = grid.North - (rowStart + r) * grid.LatitudeResolution;
            var south = north - grid.LatitudeResolution;
            for (var c = 0; c < columns; c++)
            {
                var i = r * columns + c;
                var west = grid.West + (columnStart + c) * grid.LongitudeResolution;
                area[i] = EarthRadiusM * EarthRadiusM * grid.LongitudeResolution * Math.PI / 180
                          * (Math.Sin(north * Math.PI / 180) - Math.Sin(south * Math.PI / 180));
                // The 0.5 degree sub-cells whose centres fall inside this cell (one parent when finer).
                var r0 = (int)Math.Floor((90 - north) / KoppenMap.Resolution + 1e-9);
                var r1 = Math.Max(r0 + 1, (int)Math.Ceiling((90 - south) / KoppenMap.Resolution - 1e-9));
                var c0 = (int)Math.Floor((west + 180) / KoppenMap.Resolution + 1e-9);
                var c1 = Math.Max(c0 + 1, (int)Math.Ceiling((west + grid.LongitudeResolution + 180) / KoppenMap.Resolution - 1e-9));
                Array.Clear(counts);
                var landCount = 0;
                var total = 0;
                double coastSum = 0, elevationSum = 0, elevationWeight = 0;
                for (var rr = r0; rr < Math.Min(r1, KoppenMap.Rows); rr++)
                    for (var cc = c0; cc < c1; cc++)
                    {
                        var k = rr * KoppenMap.Columns + ((cc % KoppenMap.Columns) + KoppenMap.Columns) % KoppenMap.Columns;
                        total++;
                        var cls = koppen.Classes[k];
                        if (cls == 0)
                            continue;
                        landCount++;
                        counts[cls]++;
                        coastSum += coast[k];
                        var weight = Math.Cos((89.75 - rr * KoppenMap.Resolution) * Math.PI / 180); // sub-cell area
                        elevationSum += weight * elevation.At(rr, k % KoppenMap.Columns);
                        elevationWeight += weight;
                    }
                land[i] = total == 0 ? 0 : (float)landCount / total;
                if (landCount == 0)
                    continue;
                byte best = 1;
                for (byte k = 1; k < counts.Length; k++)
                    if (counts[k] > counts[best])
                        best = k;
                kop[i] = best;
                coastKm[i] = (float)(coastSum / landCount);
                var name = koppen.Name(best);
                elev[i] = (float)(grid.LatitudeResolution < KoppenMap.Resolution
                    ? elevation.Bilinear(lat[i], lon[i])
                    : elevationSum / elevationWeight);
                igbp[i] = Igbp.FromClimate(name, elev[i], lat[i], lon[i], NormalCdf(choice[i]));
            }
        }
        return new WorldGeography
        {
            Grid = grid, RowStart = rowStart, Rows = rows, ColumnStart = columnStart, BandColumns = columns, Koppen = koppen, Latitude = lat, Longitude = lon, LandFraction = land, Elevation = elev,
            CoastKm = coastKm, KoppenClass = kop, IgbpClass = igbp, Area = area,
        };
    }

    /// <summary>The band-local index of a grid cell (global index), or -1 when the cell lies outside the band.</summary>
    public int Local(int gridCell)
    {
        var r = gridCell / Grid.Columns - RowStart;
        var c = gridCell % Grid.Columns - ColumnStart;
        return gridCell >= 0 && r >= 0 && r < Rows && c >= 0 && c < BandColumns ? r * BandColumns + c : -1;
    }

    /// <summary>The grid cell (global index) holding a point, or -1 outside the grid.</summary>
    public int CellOf(double lat, double lon)
    {
        return Grid.TryCellOf(lat, lon, out var r, out var c) ? r * Grid.Columns + c : -1;
    }

    /// <summary>Standard normal CDF (Abramowitz-Stegun 26.2.17 via erf approximation), enough to turn a field into [0, 1).</summary>
    public static double NormalCdf(double x)
    {
        var t = 1 / (1 + 0.2316419 * Math.Abs(x));
        var d = 0.3989422804014327 * Math.Exp(-x * x / 2);
        var p = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return x >= 0 ? 1 - p : p;
    }
}
