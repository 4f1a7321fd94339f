namespace TamRl.Upscale.Ingest.Modis.Catalogue;

/// <summary>
/// The MODIS products ingest knows, one entry each: layers (SDS to feature), QA rule as documented bit
/// fields, composite length, scale convention. Scale, offset, fill and valid range come from each file's
/// SDS attributes (docs/ingest.md, "MODIS as distributed"). Bit layouts follow the user guides cited on
/// each rule; bits count from 0, the least significant.
/// </summary>
public static class ModisCatalogue
{
    // MOD13 VI Quality, bits 0-1 MODLAND_QA: 00 VI produced, good quality; 01 VI produced, check other QA;
    // 10 pixel produced but most probably cloudy; 11 not produced for other reasons.
    // Didan, Munoz, Solano, Huete (2015), MODIS Vegetation Index User's Guide (MOD13 Series), Collection 6,
    // "VI Quality" table (LP DAAC); AppEEARS repeats it in the variable's Legend attribute.
    private static QaRule ViQuality(params string[] sds) => new(sds,
        [new QaBitField(0, 2, [0, 1], "MODLAND_QA")],
        "MOD13 C6 user guide (Didan et al. 2015), VI Quality bits 0-1");

    // MOD11 QC_Day, bits 0-1 mandatory QA: 00 LST produced, good quality; 01 produced, other quality
    // (check the other QC bits); 10 not produced due to cloud effects; 11 not produced, other reasons.
    // Wan (2013), MODIS Land Surface Temperature Products Users' Guide, Collection 6, QC bit flags table.
    private static readonly QaRule QcDay = new(["QC_Day"],
        [new QaBitField(0, 2, [0, 1], "Mandatory QA")],
        "MOD11 C6 user guide (Wan 2013), QC bits 0-1");

    // MOD15 FparLai_QC: bit 0 MODLAND_QC (0 main algorithm, with or without saturation; 1 back-up or fill),
    // bits 3-4 CLOUDSTATE (00 clear, 01 clouds present, 10 mixed, 11 not set, assumed clear), bits 5-7
    // SCF_QC (000 main method, best result; 001 main method with saturation; 010/011 back-up empirical
    // method; 100 not produced). Myneni, Knyazikhin, Park (2015), MOD15A2H/MCD15A2H C6 user guide, and
    // the file specification https://ladsweb.modaps.eosdis.nasa.gov/filespec/MODIS/6/MCD15A2H ("BITFIELDS").
    private static readonly QaRule FparLaiQc = new(["FparLai_QC"],
        [
            new QaBitField(0, 1, [0], "MODLAND_QC"),
            new QaBitField(3, 2, [0, 3], "CLOUDSTATE"),
            new QaBitField(5, 3, [0, 1], "SCF_QC"),
        ],
        "MOD15 C6 user guide (Myneni et al. 2015) and MCD15A2H file specification, FparLai_QC bits 0, 3-4, 5-7");

    // MCD43 BRDF_Albedo_Band_Mandatory_Quality (one byte per band): 0 full BRDF inversion, 1 magnitude
    // inversion (fewer observations), 255 fill. Schaaf and Wang (2015), MCD43 Collection 6 user guide.
    private static QaRule Mcd43Mandatory(string band) => new([$"BRDF_Albedo_Band_Mandatory_Quality_{band}"],
        [new QaBitField(0, 8, [0, 1], "mandatory quality")],
        "MCD43 C6 user guide (Schaaf and Wang 2015), mandatory quality 0/1, 255 fill");

    // MOD09A1 sur_refl_qc_500m (32 bits), bits 0-1 MODLAND QA: 00 corrected product at ideal quality, 01 at
    // less than ideal quality, 10 not produced due to cloud effects, 11 not produced for other reasons.
    // Vermote, Roger, Ray (2015), MODIS Surface Reflectance User's Guide, Collection 6, 500 m QA table.
    private static readonly QaRule SurfReflQc = new(["sur_refl_qc_500m"],
        [new QaBitField(0, 2, [0, 1], "MODLAND QA")],
        "MOD09 C6 user guide (Vermote et al. 2015), sur_refl_qc_500m bits 0-1");

    private static ModisProduct Vi(string name, ModisGridKind grid, string prefix) => new(name, grid, 16,
        [
            new ModisLayer("ndvi", [$"{prefix} NDVI"], ViQuality($"{prefix} VI Quality")),
            new ModisLayer("evi", [$"{prefix} EVI"], ViQuality($"{prefix} VI Quality")),
        ],
        "Didan et al. (2015), MODIS Vegetation Index User's Guide (MOD13 Series), Collection 6",
        ScaleIsDivisor: true);

    private static ModisProduct Lst(string name, ModisGridKind grid, int days, string sds) => new(name, grid, days,
        [new ModisLayer("lst", [sds], QcDay, UnitOffset: -273.15)],
        "Wan (2013), MODIS Land Surface Temperature Products Users' Guide, Collection 6");

    private static ModisProduct FparLai(string name, string resolution) => new(name, ModisGridKind.SinusoidalTiles, 8,
        [
            new ModisLayer("fpar", [$"Fpar_{resolution}"], FparLaiQc),
            new ModisLayer("lai", [$"Lai_{resolution}"], FparLaiQc),
        ],
        "Myneni, Knyazikhin, Park (2015), MOD15A2H/MCD15A2H Collection 6 user guide");

    /// <summary>Every product, by name.</summary>
    public static IReadOnlyDictionary<string, ModisProduct> Products { get; } = new ModisProduct[]
    {
        Vi("MOD13A1", ModisGridKind.SinusoidalTiles, "500m 16 days"),
        Vi("MOD13A2", ModisGridKind.SinusoidalTiles, "1 km 16 days"),
        Vi("MOD13Q1", ModisGridKind.SinusoidalTiles, "250m 16 days"),
        Vi("MYD13A1", ModisGridKind.SinusoidalTiles, "500m 16 days"),
        Vi("MYD13A2", ModisGridKind.SinusoidalTiles, "1 km 16 days"),
        Vi("MYD13Q1", ModisGridKind.SinusoidalTiles, "250m 16 days"),
        Vi("MOD13C1", ModisGridKind.Cmg, "CMG 0.05 Deg 16 days"),
        Lst("MOD11A1", ModisGridKind.SinusoidalTiles, 1, "LST_Day_1km"),
        Lst("MOD11A2", ModisGridKind.SinusoidalTiles, 8, "LST_Day_1km"),
        Lst("MOD11B2", ModisGridKind.SinusoidalTiles, 8, "LST_Day_6km"),
        Lst("MOD11C2", ModisGridKind.Cmg, 8, "LST_Day_CMG"),
        FparLai("MOD15A2H", "500m"),
        FparLai("MCD15A2H", "500m"),
        // Collection 5 (1 km) names, kept for archives such as data/real/modis/MCD15A2_h00v08_2002185_sample.hdf.
        FparLai("MOD15A2", "1km"),
        FparLai("MCD15A2", "1km"),
        new("MCD43A4", ModisGridKind.SinusoidalTiles, 1,
            Enumerable.Range(1, 7).Select(b => new ModisLayer($"nbar_b{b}", [$"Nadir_Reflectance_Band{b}"], Mcd43Mandatory($"Band{b}"))).ToArray(),
            "Schaaf and Wang (2015), MCD43 Collection 6 user guide", DateIsCentre: true),
        new("MCD43A3", ModisGridKind.SinusoidalTiles, 1,
            [
                new ModisLayer("albedo_wsa_shortwave", ["Albedo_WSA_shortwave"], Mcd43Mandatory("shortwave")),
                new ModisLayer("albedo_bsa_shortwave", ["Albedo_BSA_shortwave"], Mcd43Mandatory("shortwave")),
                new ModisLayer("albedo_wsa_vis", ["Albedo_WSA_vis"], Mcd43Mandatory("vis")),
                new ModisLayer("albedo_wsa_nir", ["Albedo_WSA_nir"], Mcd43Mandatory("nir")),
            ],
            "Schaaf and Wang (2015), MCD43 Collection 6 user guide", DateIsCentre: true),
        new("MOD09A1", ModisGridKind.SinusoidalTiles, 8,
            Enumerable.Range(1, 7).Select(b => new ModisLayer($"refl_b{b:00}", [$"sur_refl_b{b:00}"], SurfReflQc)).ToArray(),
            "Vermote, Roger, Ray (2015), MODIS Surface Reflectance User's Guide, Collection 6"),
        // Land cover: no per-pixel QA applied (the class's fill and valid range decide); classes by the mode.
        // C6 calls the IGBP layer LC_Type1, C5.1 (and AppEEARS' MCD12Q1.051) Land_Cover_Type_1.
        new("MCD12Q1", ModisGridKind.SinusoidalTiles, 365,
            [new ModisLayer("igbp", ["LC_Type1", "Land_Cover_Type_1"], null, Categorical: true)],
            "Sulla-Menashe and Friedl (2018), MCD12Q1 Collection 6 user guide"),
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The product, or null when the catalogue does not hold it.</summary>
    public static ModisProduct? Find(string name) => Products.GetValueOrDefault(name);

    /// <summary>The names, for messages that list what is known.</summary>
    public static string KnownNames => string.Join(", ", Products.Keys.Order(StringComparer.Ordinal));
}
