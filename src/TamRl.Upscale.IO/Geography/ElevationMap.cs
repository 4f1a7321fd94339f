using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.IO.Geography;

/// <summary>
/// Real surface elevation (m) on the 0.5 degree cells of the Kottek map: data/real/elevation/elevation_0.5deg.nc,
/// ETOPO2 (NOAA NGDC 2 arc-minute global relief, ice surface) at 0.5 degrees as CDO carries it (operator
/// <c>topo</c>), derived once by scripts/derive-elevation.sh with the sea floor and below-sea-level land set to
/// 0 m. The sample world and ingest's real static geography read it. The world takes the land-area mean of the 0.5 degree cells inside a coarser cell and interpolates
/// bilinearly below 0.5 degrees (<see cref="Bilinear"/>).
/// </summary>
public sealed class ElevationMap
{
    public const string RelativePath = "elevation/elevation_0.5deg.nc";

    private readonly float[] _metres; // row 0 = 89.75N, column 0 = 179.75W, as KoppenMap

    private ElevationMap(float[] metres) => _metres = metres;

    /// <summary>Every 0.5 degree cell's elevation, row-major in <see cref="KoppenMap"/> order.</summary>
    public ReadOnlySpan<float> Metres => _metres;

    /// <summary>Elevation of a 0.5 degree cell (row from the north, column from 180W), never below 0.</summary>
    public float At(int row, int column) => _metres[row * KoppenMap.Columns + column];

    public static ElevationMap Load(string realData)
    {
        var path = Path.Combine(realData, RelativePath);
        if (!File.Exists(path))
            throw new DataFileException(path, "elevation", "missing: the real elevation grid (scripts/derive-elevation.sh writes it; it is committed under data/real)");
        using var nc = NetCdfFile.Open(path);
        var lat = nc.Read<double>("lat");
        var lon = nc.Read<double>("lon");
        if (lat.Length != KoppenMap.Rows || lon.Length != KoppenMap.Columns)
            throw new InvalidInputException(path, "elevation", $"expected a {KoppenMap.Rows} x {KoppenMap.Columns} (lat, lon) 0.5 degree grid, found {lat.Length} x {lon.Length}");
        var northFirst = lat[0] > lat[^1];
        for (var i = 0; i < lat.Length; i++)
        {
            var expected = northFirst ? 89.75 - i * 0.5 : -89.75 + i * 0.5;
            if (Math.Abs(lat[i] - expected) > 1e-6)
                throw new InvalidInputException(path, "lat", $"expected 0.5 degree cell centres from {(northFirst ? "89.75" : "-89.75")}, found {lat[i]} at index {i}");
        }
        for (var j = 0; j < lon.Length; j++)
            if (Math.Abs(lon[j] - (-179.75 + j * 0.5)) > 1e-6)
                throw new InvalidInputException(path, "lon", $"expected 0.5 degree cell centres from -179.75 eastwards, found {lon[j]} at index {j}");
        var stored = nc.Read<short>("elevation");
        var metres = new float[stored.Length];
        for (var r = 0; r < KoppenMap.Rows; r++)
        {
            var source = northFirst ? r : KoppenMap.Rows - 1 - r;
            for (var c = 0; c < KoppenMap.Columns; c++)
                metres[r * KoppenMap.Columns + c] = Math.Max((short)0, stored[source * KoppenMap.Columns + c]);
        }
        return new ElevationMap(metres);
    }

    /// <summary>Bilinear interpolation between the 0.5 degree cell centres (periodic in longitude, flat beyond the polar rows).</summary>
    public double Bilinear(double latitude, double longitude)
    {
        var y = Math.Clamp((89.75 - latitude) / KoppenMap.Resolution, 0, KoppenMap.Rows - 1);
        var x = (longitude + 179.75) / KoppenMap.Resolution;
        var r0 = Math.Min((int)Math.Floor(y), KoppenMap.Rows - 2);
        var c0 = (int)Math.Floor(x);
        var wy = y - r0;
        var wx = x - c0;
        int Wrap(int c) => ((c % KoppenMap.Columns) + KoppenMap.Columns) % KoppenMap.Columns;
        double top = At(r0, Wrap(c0)) + wx * (At(r0, Wrap(c0 + 1)) - At(r0, Wrap(c0)));
        double bottom = At(r0 + 1, Wrap(c0)) + wx * (At(r0 + 1, Wrap(c0 + 1)) - At(r0 + 1, Wrap(c0)));
        return top + wy * (bottom - top);
    }
}
