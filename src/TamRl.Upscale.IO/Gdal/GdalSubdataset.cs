namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// One entry of a container's SUBDATASETS list: <see cref="Name"/> is what <see cref="GdalRaster.Open"/>
/// accepts (e.g. <c>HDF4_EOS:EOS_GRID:"f.hdf":MOD_Grid_MOD15A2:Lai_1km</c>), <see cref="Description"/>
/// GDAL's summary (e.g. <c>[1200x1200] Lai_1km MOD_Grid_MOD15A2 (8-bit unsigned integer)</c>).
/// </summary>
public sealed record GdalSubdataset(string Name, string Description);
