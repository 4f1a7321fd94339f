using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.IO.Geography;

namespace TamRl.Upscale.Ingest;

/// <summary>
/// The static fields from real sources (<c>"static": "real"</c>, docs/ingest.md), so that a run on real inputs needs
/// no sample world:
/// <list type="bullet">
/// <item>land: the land cells of the Kottek et al. (2006) 0.5 degree Koppen-Geiger map (data/real/koppen), 1 on land and
/// 0 at sea, regridded like any field: the share of land cells when coarsening, bilinear between cell centres when
/// refining (coasts finer than 0.5 degree are not resolved);</item>
/// <item>koppen: the same map's classes (ids of data/real/sites/koeppen_geiger_key.csv, those the sample world and the
/// tower tables use);</item>
/// <item>elevation: ETOPO2 at 0.5 degree as CDO carries it (data/real/elevation, <see cref="ElevationMap"/>), over land
/// cells only, so a coastal cell's mean is not pulled towards the sea's 0 m;</item>
/// <item>igbp: MODIS land cover (MCD12Q1 LC_Type1, the IGBP scheme) mosaicked by majority onto the target grid when an
/// input set names that product (<see cref="IngestService"/> passes it in); otherwise -1, unknown, over all land.</item>
/// </list>
/// </summary>
public static class RealStaticGeography
{
    /// <summary>The 0.5 degree global grid of the Kottek map and the elevation file.</summary>
    public static readonly RegularLatLonGrid SourceGrid = new(KoppenMap.Rows, KoppenMap.Columns, -180, 90, KoppenMap.Resolution, KoppenMap.Resolution);

    /// <summary>The files the fields are built from (for the manifest's checksums), land cover excluded.</summary>
    public static IReadOnlyList<string> SourceFiles(string realData) => [.. KoppenMap.Files(realData), Path.Combine(realData, ElevationMap.RelativePath)];

    /// <param name="igbpOnTarget">IGBP classes already on <paramref name="target"/> (row-major, negative for none), or null for unknown.</param>
    public static StaticFields Build(string realData, RegularLatLonGrid target, int[]? igbpOnTarget)
    {
        var koppen = KoppenMap.Load(realData);
        var elevation = ElevationMap.Load(realData);
        var cells = SourceGrid.Rows * SourceGrid.Columns;
        var land = new float[cells];
        var metres = new float[cells];
        var classes = new int[cells];
        var unknown = new int[cells];
        for (var i = 0; i < cells; i++)
        {
            var isLand = koppen.Classes[i] != 0;
            land[i] = isLand ? 1 : 0;
            metres[i] = isLand ? elevation.Metres[i] : float.NaN;
            classes[i] = isLand ? koppen.Classes[i] : -1;
            unknown[i] = -1;
        }
        var fields = StaticGeography.Regrid(SourceGrid, land, metres, unknown, classes, target);
        for (var i = 0; i < fields.LandFraction.Length; i++)
        {
            if (fields.Koppen[i] < 0)
            {
                // Refining, bilinear land reaches past the map's coast into cells whose centre lies in a sea cell:
                // land is where the map has a class, so every land cell has one.
                fields.LandFraction[i] = 0;
                fields.Elevation[i] = float.NaN;
            }
            else if (float.IsNaN(fields.Elevation[i]))
                // Refining beside the coast, the bilinear weights touch a sea cell (NaN): the centre's own value instead.
                fields.Elevation[i] = (float)elevation.Bilinear(target.LatitudeOfRow(i / target.Columns), target.LongitudeOfColumn(i % target.Columns));
        }
        if (igbpOnTarget is not null)
        {
            if (igbpOnTarget.Length != fields.Igbp.Length)
                throw new ArgumentException($"{igbpOnTarget.Length} land-cover cells for a grid of {fields.Igbp.Length}", nameof(igbpOnTarget));
            for (var i = 0; i < fields.Igbp.Length; i++)
                fields.Igbp[i] = fields.LandFraction[i] > 0 && igbpOnTarget[i] >= 0 ? igbpOnTarget[i] : -1;
        }
        return fields;
    }
}
