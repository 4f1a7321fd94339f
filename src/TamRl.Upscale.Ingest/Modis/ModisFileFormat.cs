namespace TamRl.Upscale.Ingest.Modis;

/// <summary>How a MODIS file is laid out, as detected from the file itself (<see cref="ModisFile.Open"/>).</summary>
public enum ModisFileFormat
{
    /// <summary>HDF4-EOS as LP DAAC distributes it: one composite, SDSs as GDAL subdatasets HDF4_EOS:EOS_GRID:"file":Grid:SDS (sinusoidal tiles or the geographic CMG).</summary>
    Hdf4Eos,

    /// <summary>An AppEEARS area request: NetCDF-4, one variable per SDS over (time, ydim, xdim), a "crs" grid-mapping variable naming the projection.</summary>
    AppEearsNetCdf,
}
