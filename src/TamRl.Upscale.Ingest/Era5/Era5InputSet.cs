using System.IO.Compression;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// The open datasets of one ERA5 input set (one layout): NetCDF files, GRIB files, Zarr stores, and the
/// members of .zip archives, which the new CDS sends when a request mixes step types (one file per
/// stepType: instant, accum...). Archives are extracted into a private temporary folder removed on dispose.
/// The layout <c>grib</c> takes GRIB files only and the NetCDF/Zarr layouts no GRIB file, so a file in the
/// wrong set is named at once; <c>era5-land</c> takes either (the CDS sends ERA5-Land both ways).
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
            var members = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Where(m => MemberExtensions.Contains(Path.GetExtension(m).ToLowerInvariant())).Order(StringComparer.Ordinal).ToArray();
            if (members.Length == 0)
                throw new InvalidInputException(path, null, $"the zip archive holds no {string.Join(", ", MemberExtensions)} file");
            foreach (var member in members)
            {
                var name = $"{path}!{Path.GetRelativePath(folder, member)}";
                CheckFormat(member, name);
                _datasets.Add(new ZipMemberDataset(DatasetFormats.OpenArrays(member), name));
            }
            return;
        }
        CheckFormat(path, path);
        _datasets.Add(DatasetFormats.OpenArrays(path));
    }

    private static readonly string[] MemberExtensions = [".nc", ".grib", ".grb", ".grib1", ".grib2", ".grb2"];

    /// <summary>Whether this set reads GRIB files: always for grib, by content for era5-land, never for the NetCDF and Zarr layouts.</summary>
    private void CheckFormat(string file, string name)
    {
        var isGrib = File.Exists(file) && DatasetFormats.Detect(file) == DatasetKind.Grib;
        if (Layout == Era5Layout.Grib && !isGrib)
            throw new InvalidInputException(name, null, "layout grib expects a GRIB file (starting with 'GRIB'); use new-cds, legacy or zarr for NetCDF and Zarr");
        if (Layout is Era5Layout.NewCds or Era5Layout.Legacy or Era5Layout.Zarr && isGrib)
            throw new InvalidInputException(name, null, $"a GRIB file in an ERA5 set of layout {Layout}; use layout grib (or era5-land for ERA5-Land)");
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
