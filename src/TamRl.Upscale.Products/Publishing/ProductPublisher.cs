using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Files;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Publishing;

/// <summary>
/// Publishes a run's products atomically. Layout under <c>OUT/products/</c>:
/// <code>
/// PERIOD -> .versions/PERIOD-STAMP     a symbolic link per published period (what users open)
/// .versions/PERIOD-STAMP/              netcdf/, cog/, quicklook/, manifest.json, checks.json
/// .staging/                            work in progress (never read by users)
/// manifest.json                        every published file: path, sha256, variable, period, format
/// checks.json                          the outcome of the latest publication attempt
/// </code>
/// Steps: assemble into staging and check the files read back (or move in the folder a <see cref="Check"/> of
/// the same run left, when its <see cref="CheckRecord"/> still matches the run); move staging to a new version folder; swap
/// the period's link to it with one rename(2); rewrite manifest.json; delete the old version. A failure
/// or a kill at any point leaves the previous product in place and complete; leftovers of a killed
/// publisher are removed by the next one. Publishers of one OUT folder take turns (a file lock).
/// </summary>
public static class ProductPublisher
{
    public const string ProductsFolder = "products";
    private const string Staging = ".staging";
    private const string Versions = ".versions";
    private const string LockFile = ".publish.lock";

    /// <summary>
    /// Assembles the run's products into <paramref name="folder"/> and runs every publication check on them, as
    /// publication does; checks.json goes to the run folder (and into <paramref name="folder"/>). When they pass, the
    /// folder stays with a <see cref="CheckRecord"/> in the run folder, and a publication given
    /// <see cref="PublishOptions.CheckedFolder"/> moves it into place instead of assembling and checking again.
    /// </summary>
    /// <exception cref="ProductCheckFailedException">A check failed (the folder is removed).</exception>
    public static CheckReport Check(string runDir, string folder, PublishOptions? options = null)
    {
        options ??= new PublishOptions();
        runDir = Path.GetFullPath(runDir);
        var run = RunDescription.Load(runDir);
        var inputs = CheckRecord.InputsOf(runDir, run, options);
        File.Delete(CheckRecord.PathIn(runDir));
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        try
        {
            var entries = AssembleInto(runDir, folder, run, options);
            var report = CheckFolder(runDir, folder, run, options);
            var checksJson = report.ToJson();
            var checksPath = Path.Combine(runDir, ProductLayout.Checks);
            IO.Files.AtomicFile.WriteAllText(checksPath, checksJson);
            if (!report.Passed)
                throw new ProductCheckFailedException(checksPath, report);
            File.WriteAllText(Path.Combine(folder, ProductLayout.Checks), checksJson);
            new CheckRecord(run.RunId, run.Period.Key, run.ChunkIds, run.Predictor, report.Checks.Select(c => c.Name).ToList(), inputs, entries).Save(runDir);
            return report;
        }
        catch
        {
            TryDeleteFolder(folder);
            throw;
        }
    }

    public static PublishResult Publish(string runDir, string outDir, PublishOptions? options = null)
    {
        options ??= new PublishOptions();
        var root = Path.GetFullPath(Path.Combine(outDir, ProductsFolder));
        Directory.CreateDirectory(root);
        using var turn = TakeTurn(root);
        RemoveLeftovers(root);

        var run = RunDescription.Load(runDir);
        var period = run.Period.Key;
        var staging = Path.Combine(root, Staging, $"{period}-{Guid.NewGuid():N}");
        var swapped = false;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, Staging));
            List<ManifestEntry> entries;
            CheckReport? report = null;
            var checksPath = Path.Combine(root, ProductLayout.Checks);
            if (TakeChecked(runDir, run, options, staging, out var stale) is { } record)
            {
                // The products a check of this very run wrote and passed: what was checked is what is published.
                entries = record.Files.ToList();
                options.OnStep?.Invoke(PublishStep.Assembled);
                IO.Files.AtomicFile.WriteAllText(checksPath, File.ReadAllText(Path.Combine(staging, ProductLayout.Checks)));
                options.OnStep?.Invoke(PublishStep.Checked);
            }
            else
            {
                Directory.CreateDirectory(staging);
                entries = AssembleInto(runDir, staging, run, options);
                options.OnStep?.Invoke(PublishStep.Assembled);

                report = CheckFolder(runDir, staging, run, options);
                var checksJson = report.ToJson();
                IO.Files.AtomicFile.WriteAllText(checksPath, checksJson);
                if (!report.Passed)
                    throw new ProductCheckFailedException(checksPath, report);
                File.WriteAllText(Path.Combine(staging, ProductLayout.Checks), checksJson);
                options.OnStep?.Invoke(PublishStep.Checked);
            }

            var files = entries.Select(e => e with { File = $"{period}/{e.File}" }).ToList();
            File.WriteAllText(Path.Combine(staging, ProductLayout.Manifest), new ProductManifest(run.RunId, Core.Time.ReproducibleClock.Now(), files).ToJson());

            var versionName = $"{period}-{DateTime.UtcNow.ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}";
            Directory.CreateDirectory(Path.Combine(root, Versions));
            Directory.Move(staging, Path.Combine(root, Versions, versionName));
            options.OnStep?.Invoke(PublishStep.Versioned);

            var link = Path.Combine(root, period);
            if (Directory.Exists(link) && AtomicLink.TargetOf(link) is null)
                throw new DataFileException(link, null, "a real folder stands where the published period's link belongs; move it away");
            var previous = AtomicLink.TargetOf(link);
            AtomicLink.Replace(link, Path.Combine(Versions, versionName));
            swapped = true;
            options.OnStep?.Invoke(PublishStep.Swapped);

            WriteRootManifest(root);
            options.OnStep?.Invoke(PublishStep.ManifestWritten);

            if (previous is not null)
                TryDeleteFolder(Path.Combine(root, previous));
            return new PublishResult(link, period, files, report) { StaleCheck = stale };
        }
        catch (Exception e) when (e is not ProductCheckFailedException)
        {
            // Before the swap nothing is published; after it the period's link points at a complete version and only the
            // root manifest (or the removal of the old version) is owed, which a retried publication writes.
            var what = swapped
                ? $"{period} is published ({Path.Combine(root, period)} points at a complete version) but updating the products' root manifest failed"
                : $"publication of {period} failed, nothing published";
            // A full disk surfaces as DiskFullException (NetCDF, GDAL and .NET writers alike) and stays one: it is retried.
            if (DiskFullException.Find(e) is { } full)
                throw new DiskFullException(full.FilePath, what, e);
            throw new DataFileException(root, null, $"{what}: {e.Message}", e);
        }
        finally
        {
            TryDeleteFolder(staging);
            TryDeleteEmptyFolder(Path.Combine(root, Staging));
        }
    }

    /// <summary>The products and, with a training dataset, the domain map, written into <paramref name="folder"/>.</summary>
    private static List<ManifestEntry> AssembleInto(string runDir, string folder, RunDescription run, PublishOptions options)
    {
        var entries = ProductAssembler.Assemble(runDir, folder, options.Quicklooks).ToList();
        if (options.TrainingDataset is { } dataset)
            entries.AddRange(DomainEntries(runDir, folder, run, dataset));
        return entries;
    }

    private static CheckReport CheckFolder(string runDir, string folder, RunDescription run, PublishOptions options)
    {
        using var land = LandFraction.OpenRun(runDir, run.Grid.ToGrid());
        return ProductChecker.Check(folder, run, land, options.Checks);
    }

    /// <summary>
    /// Moves the checked folder of <see cref="PublishOptions.CheckedFolder"/> to <paramref name="staging"/> when its record
    /// matches the run as it is now; returns the record, or null with the reason in <paramref name="stale"/> (null when
    /// no checked folder was offered). A stale folder is removed: it can never be published.
    /// </summary>
    private static CheckRecord? TakeChecked(string runDir, RunDescription run, PublishOptions options, string staging, out string? stale)
    {
        stale = null;
        if (options.CheckedFolder is not { } folder)
            return null;
        var record = CheckRecord.TryLoad(runDir);
        stale = record is null ? "no check record"
            : !Directory.Exists(folder) ? $"{folder} is missing"
            : !File.Exists(Path.Combine(folder, ProductLayout.Checks)) ? $"{folder} has no {ProductLayout.Checks}"
            : record.Mismatch(run, CheckRecord.InputsOf(runDir, run, options));
        if (stale is null)
        {
            try
            {
                Directory.Move(folder, staging);
            }
            catch (IOException e)
            {
                stale = $"could not move {folder} into place ({e.Message})";
            }
        }
        File.Delete(CheckRecord.PathIn(runDir)); // a record never outlives its folder
        if (stale is not null)
        {
            TryDeleteFolder(folder);
            return null;
        }
        return record;
    }

    /// <summary>The periods published under <c>OUT/products/</c> and the folders they point to.</summary>
    public static IReadOnlyDictionary<string, string> PublishedPeriods(string outDir)
    {
        var root = Path.Combine(outDir, ProductsFolder);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
            return result;
        foreach (var entry in Directory.EnumerateFileSystemEntries(root))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
                continue;
            if (AtomicLink.TargetOf(entry) is { } target)
                result[name] = Path.GetFullPath(Path.Combine(root, target));
        }
        return result;
    }

    /// <summary>Rebuilds OUT/products/manifest.json from the published periods' own manifests.</summary>
    private static void WriteRootManifest(string root)
    {
        var files = new List<ManifestEntry>();
        var runs = new List<string>();
        foreach (var (_, folder) in PublishedPeriods(Path.GetDirectoryName(root)!))
        {
            var manifest = ProductManifest.Load(Path.Combine(folder, ProductLayout.Manifest));
            files.AddRange(manifest.Files);
            runs.Add(manifest.RunId);
        }
        IO.Files.AtomicFile.WriteAllText(Path.Combine(root, ProductLayout.Manifest),
            new ProductManifest(string.Join(",", runs.Distinct()), Core.Time.ReproducibleClock.Now(), files).ToJson());
    }

    /// <summary>The domain-of-applicability map beside the fluxes, drawn from the model's training sites in the dataset.</summary>
    private static IEnumerable<ManifestEntry> DomainEntries(string runDir, string staging, RunDescription run, string dataset)
    {
        var relative = Domain.DomainMap.Write(runDir, staging, Domain.TrainingDomain.FromDataset(dataset, Domain.TrainingDomain.TrainingSitesOf(run)));
        var sha = FileHash.Sha256(Path.Combine(staging, relative));
        return new[] { Domain.DomainMap.IndexVariable, Domain.DomainMap.FlagsVariable }
            .Select(v => new ManifestEntry(relative.Replace('\\', '/'), sha, v, run.Period.Key, "netcdf-domain"));
    }

    /// <summary>Removes staging folders and version folders no link points at: what a killed publisher left.</summary>
    private static void RemoveLeftovers(string root)
    {
        TryDeleteFolder(Path.Combine(root, Staging));
        foreach (var temp in Directory.EnumerateFileSystemEntries(root, ".*.link-*"))
            File.Delete(temp);
        var versions = Path.Combine(root, Versions);
        if (!Directory.Exists(versions))
            return;
        var live = PublishedPeriods(Path.GetDirectoryName(root)!).Values.Select(Path.GetFullPath).ToHashSet();
        foreach (var folder in Directory.EnumerateDirectories(versions))
            if (!live.Contains(Path.GetFullPath(folder)))
                TryDeleteFolder(folder);
    }

    /// <summary>One publisher at a time per OUT folder: an exclusive lock on a file, released by the OS if the process dies.</summary>
    private static IDisposable TakeTurn(string root) => ExclusiveFileLock.Take(Path.Combine(root, LockFile), TimeSpan.FromMinutes(10));

    private static void TryDeleteEmptyFolder(string path)
    {
        try
        {
            if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
                Directory.Delete(path);
        }
        catch (IOException) { }
    }

    private static void TryDeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
