namespace TamRl.Upscale.Ingest.Modis.Catalogue;

/// <summary>
/// One scientific dataset of a product and the feature it becomes. Scale, offset, fill and valid range are
/// not here: they are read from the SDS's own attributes in each file (<see cref="ModisSdsReader"/>).
/// </summary>
/// <param name="Feature">The feature name (ndvi, evi, lst are driver-cube features; others are read and regridded only).</param>
/// <param name="Sds">The SDS names, in the order tried (HDF4 name first; AppEEARS writes "1 km 16 days NDVI" as "_1_km_16_days_NDVI", matched after normalising).</param>
/// <param name="Qa">The QA rule, or null where the product has no per-pixel QA worth applying (land cover).</param>
/// <param name="UnitOffset">Added after decoding: -273.15 turns LST kelvin into degC.</param>
/// <param name="Categorical">Classes (land cover): regridded by the mode, never averaged.</param>
public sealed record ModisLayer(string Feature, IReadOnlyList<string> Sds, QaRule? Qa, double UnitOffset = 0, bool Categorical = false);
