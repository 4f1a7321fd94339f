namespace TamRl.Upscale.IO.Zarr;

/// <summary>The on-disk layout of a Zarr store, as <see cref="ZarrStore.DetectLayout"/> tells it.</summary>
public enum ZarrLayout
{
    /// <summary>Not a Zarr store: no <c>.zgroup</c>, <c>.zarray</c> or <c>zarr.json</c> at its root (or no folder at all).</summary>
    None,

    /// <summary>Zarr v2: <c>.zgroup</c> or <c>.zarray</c> at the root. Read by GDAL 3.6.</summary>
    V2,

    /// <summary>
    /// The 2021 draft of Zarr v3, as GDAL 3.6 writes with <c>FORMAT=ZARR_V3</c>: a root <c>zarr.json</c> whose
    /// <c>zarr_format</c> is a URL, metadata under <c>meta/root</c>, chunks under <c>data/root</c>. Read by GDAL 3.6.
    /// </summary>
    V3Draft,

    /// <summary>
    /// Final Zarr v3 (zarr-python 3, zarrita.js, GDAL 3.8+): <c>zarr.json</c> with <c>"zarr_format": 3</c> and a
    /// <c>node_type</c> in every node, chunks under <c>c/</c>. Read by <see cref="ZarrV3Dataset"/>.
    /// </summary>
    V3,
}
