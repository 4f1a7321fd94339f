using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// Tells the layout of a Zarr store folder and opens it with the reader that can read it: GDAL 3.6
/// (<see cref="GdalZarrDataset"/>) for Zarr v2 and the 2021 draft v3 layout, <see cref="ZarrV3Dataset"/>
/// for the final v3 layout.
/// </summary>
public static class ZarrStore
{
    /// <summary>
    /// The layout of the folder at <paramref name="path"/>, from its root entries only (no array is read):
    /// <c>zarr.json</c> whose <c>zarr_format</c> is the number 3 is <see cref="ZarrLayout.V3"/>; one whose
    /// <c>zarr_format</c> is the draft's URL string, or a <c>meta/root.group.json</c>, is
    /// <see cref="ZarrLayout.V3Draft"/>; <c>.zgroup</c> or <c>.zarray</c> is <see cref="ZarrLayout.V2"/>.
    /// A <c>zarr.json</c> that is not valid JSON counts as <see cref="ZarrLayout.V3"/>, so that opening it
    /// reports the JSON error. Anything else, a missing folder included, is <see cref="ZarrLayout.None"/>.
    /// </summary>
    public static ZarrLayout DetectLayout(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Directory.Exists(path))
            return ZarrLayout.None;
        var entry = Path.Combine(path, "zarr.json");
        if (File.Exists(entry))
        {
            if (File.Exists(Path.Combine(path, "meta", "root.group.json")))
                return ZarrLayout.V3Draft;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(entry));
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("zarr_format", out var format)
                    && format.ValueKind == JsonValueKind.String
                    ? ZarrLayout.V3Draft
                    : ZarrLayout.V3;
            }
            catch (JsonException)
            {
                return ZarrLayout.V3;
            }
        }
        if (File.Exists(Path.Combine(path, ".zgroup")) || File.Exists(Path.Combine(path, ".zarray")))
            return ZarrLayout.V2;
        return ZarrLayout.None;
    }

    /// <summary>
    /// Opens the store with the reader for its layout (see <see cref="DetectLayout"/>): a
    /// <see cref="ZarrV3Dataset"/> for the final v3 layout, a <see cref="GdalZarrDataset"/> for v2 and draft v3.
    /// </summary>
    /// <exception cref="DataFileException">The folder does not exist.</exception>
    /// <exception cref="InvalidInputException">The folder is not a Zarr store, or its metadata is invalid.</exception>
    /// <exception cref="GdalException">GDAL fails on a v2 or draft v3 store.</exception>
    public static IArrayDataset Open(string path) => DetectLayout(path) switch
    {
        ZarrLayout.V3 => ZarrV3Dataset.Open(path),
        ZarrLayout.V2 or ZarrLayout.V3Draft => GdalZarrDataset.Open(path),
        _ when !Directory.Exists(path) => throw new DataFileException(path, null, "no such Zarr store (folder not found)"),
        _ => throw new InvalidInputException(path, null, "is not a Zarr store: no zarr.json, .zgroup or .zarray at its root"),
    };
}
