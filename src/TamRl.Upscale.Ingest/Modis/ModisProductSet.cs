using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.Modis.Catalogue;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// The files of one catalogue-product input set, scanned: every file opened and checked (layout, product,
/// collection, SDSs, dates), then grouped into composites (all tiles of one date; each time step of an
/// AppEEARS file). Tiles of two collections (e.g. 005 and 006) in one set are refused: their algorithms
/// and scales differ, so a mosaic of them would be no one product.
/// </summary>
public static class ModisProductSet
{
    /// <summary>One composite: its tiles (or one AppEEARS file) and the time index in each.</summary>
    /// <param name="Features">The product's features every file of the composite provides.</param>
    public sealed record Composite(DateOnly Start, int Days, IReadOnlyList<string> Files, int Index, IReadOnlyList<string> Features);

    /// <param name="field">The configuration field, e.g. "ingest.modis[0]", named in errors about the configuration.</param>
    public static IReadOnlyList<Composite> Scan(ModisInputConfig config, IReadOnlyList<string> paths, string configPath, string field)
    {
        var product = Resolve(config, configPath, field);
        var names = paths.Select(p => (Path: p, Name: ModisFileName.TryParse(p))).ToArray();
        var collections = names.Where(n => n.Name is not null).GroupBy(n => n.Name!.Collection).ToArray();
        if (collections.Length > 1)
            throw new InvalidInputException(collections[1].First().Path, "collection",
                $"collection {collections[1].Key} mixed with collection {collections[0].Key} (e.g. {collections[0].First().Path}) in one {product.Name} input set; use one collection");
        var byStart = new SortedDictionary<DateOnly, List<(string Path, int Index, bool Tile, IReadOnlyList<string> Features)>>();
        foreach (var path in paths)
        {
            var file = ModisFile.Open(path, product);
            var starts = file.CompositeStarts();
            for (var k = 0; k < starts.Count; k++)
            {
                if (!byStart.TryGetValue(starts[k], out var list))
                    byStart[starts[k]] = list = [];
                list.Add((path, k, file.Format == ModisFileFormat.Hdf4Eos, file.Features));
            }
        }
        var result = new List<Composite>();
        foreach (var (start, members) in byStart)
        {
            var tiles = members.Select(m => ModisFileName.TryParse(m.Path)?.Tile).Where(t => t is not null).ToArray();
            var repeated = tiles.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
                throw new InvalidInputException(members.First(m => ModisFileName.TryParse(m.Path)?.Tile == repeated.Key).Path, "tile",
                    $"tile {repeated.Key} of {start:yyyy-MM-dd} appears twice in the input set");
            if (members.Count > 1 && members.Any(m => !m.Tile)) // an AppEEARS file is a whole area: it does not mosaic
                throw new InvalidInputException(members[1].Path, "time", $"the composite of {start:yyyy-MM-dd} appears in two files ({members[0].Path})");
            // Composite windows restart on 1 January: the year's last one is shorter.
            var days = Math.Min(product.CompositeDays, new DateOnly(start.Year + 1, 1, 1).DayNumber - start.DayNumber);
            var features = product.Layers.Select(l => l.Feature).Where(f => members.All(m => m.Features.Contains(f))).ToArray();
            result.Add(new Composite(start, days, members.Select(m => m.Path).ToArray(), members[0].Index, features));
        }
        return result;
    }

    /// <summary>The catalogue product a set names; an unknown name is refused naming the field and listing the known ones.</summary>
    public static ModisProduct Resolve(ModisInputConfig config, string configPath, string field) =>
        ModisCatalogue.Find(config.Product ?? "") ?? throw new InvalidInputException(configPath, $"{field}.product",
            $"unknown MODIS product '{config.Product}'; known: {ModisCatalogue.KnownNames}");

    /// <summary>
    /// One layer of a composite mosaicked onto the target grid. A composite whose QA rejects every produced
    /// pixel of every tile is refused naming its first file and the QA dataset.
    /// </summary>
    public static (float[] Values, float[] ValidFraction) Mosaic(ModisProduct product, ModisLayer layer, Composite composite,
        Core.Grid.RegularLatLonGrid target, double minValidFraction)
    {
        var mosaic = new ModisMosaic(target, minValidFraction, layer.Categorical);
        long produced = 0;
        string? qaName = null;
        float[]? buffer = null;
        Array? codes = null;
        foreach (var path in composite.Files)
        {
            var file = ModisFile.Open(path, product);
            var image = file.Read(layer, composite.Index, buffer, codes, decodeValues: false); // the mosaic needs the codes only
            (buffer, codes) = (image.Values, image.Codes?.Codes); // the next tile of the same size fills the same buffers
            produced += image.Produced;
            qaName ??= layer.Qa is { } rule ? file.FindSds(rule.Sds, layer.Feature) : image.Sds;
            mosaic.Add(image);
        }
        if (produced > 0 && mosaic.Kept == 0)
            throw new InvalidInputException(composite.Files[0], qaName,
                $"the QA rule ({layer.Qa}) rejects all {produced} produced pixels of the {composite.Start:yyyy-MM-dd} composite ({composite.Files.Count} file(s))");
        return mosaic.Finish();
    }
}
