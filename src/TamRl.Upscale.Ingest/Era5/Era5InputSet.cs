using System.IO.Compression;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// The open datasets of one ERA5 input set (one layout): NetCDF files, Zarr stores, and the members of
/// .zip archives, which the new CDS sends when a request mixes step types (one file per stepType:
/// instant, accum...). Archives are extracted into a private temporary folder removed on dispose.
/// </summary>
public sealed class Era5InputSet : IDisposable
{
    private readonly List<IArrayDataset> _datasets = new();
    private readonly List<string> _temporaryFolders = new();

    public Era5InputSet(Era5Layout layout, IEnumerable<string> paths, IReadOnlyDictionary<string, string>? variableNames = null)
    {
        Layout = layout;
        VariableNames = variableNames ?? new Dictionary<string, string>();
        try
        {
            foreach (var path in paths)
                Open(path);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Era5Layout Layout { get; }

    public IReadOnlyDictionary<string, string> VariableNames { get; }

    /// <summary>Every dataset of the set, with the input path it came from (the archive for a zip member).</summary>
    public IReadOnlyList<IArrayDataset> Datasets => _datasets;

    /// <summary>The name of a quantity in this set's files: an override, else the layout's default.</summary>
    public string NameOf(Era5Quantity quantity) =>
        VariableNames.TryGetValue(quantity.ShortName, out var name) ? name
        : Layout == Era5Layout.Zarr ? quantity.ArcoName : quantity.ShortName;

    private void Open(string path)
    {
        if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var folder = Path.Combine(Path.GetTempPath(), $"tamrl-era5zip-{Guid.NewGuid():N}");
            _temporaryFolders.Add(folder);
            try
            {
                ZipFile.ExtractToDirectory(path, folder);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidInputException(path, null, $"not a readable zip archive: {e.Message}", e);
            }
            var members = Directory.GetFiles(folder, "*.nc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            if (members.Length == 0)
                throw new InvalidInputException(path, null, "the zip archive holds no .nc file");
            foreach (var member in members)
                _datasets.Add(new ZipMemberDataset(DatasetFormats.OpenArrays(member), $"{path}!{Path.GetRelativePath(folder, member)}"));
            return;
        }
        _datasets.Add(DatasetFormats.OpenArrays(path));
    }

    public void Dispose()
    {
        foreach (var dataset in _datasets)
            dataset.Dispose();
        _datasets.Clear();
        foreach (var folder in _temporaryFolders)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
        _temporaryFolders.Clear();
    }

    /// <summary>A zip member, named "archive.zip!member.nc" in errors so the user finds it.</summary>
    private sealed class ZipMemberDataset(IArrayDataset inner, string path) : IArrayDataset
    {
        public IArrayDataset Inner => inner;

        public string Path => path;

        public IReadOnlyDictionary<string, long> Dimensions => inner.Dimensions;

        public IReadOnlyList<ArrayVariableInfo> Variables => inner.Variables;

        public AttributeSet GlobalAttributes => inner.GlobalAttributes;

        public ArrayVariableInfo GetVariable(string name) => inner.GetVariable(name);

        public double[] ReadDoubles(string variable, long[] start, long[] count) => inner.ReadDoubles(variable, start, count);

        public double[] ReadDoubles(string variable) => inner.ReadDoubles(variable);

        public void Dispose() => inner.Dispose();
    }

    /// <summary>The dataset that reads the data (the zip member's own file), for fast paths keyed on the engine.</summary>
    internal static IArrayDataset Engine(IArrayDataset dataset) => dataset is ZipMemberDataset z ? z.Inner : dataset;
}
