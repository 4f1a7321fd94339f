using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Zarr;

/// <summary>The committed zarrita store, and writable copies of it for tests that damage it.</summary>
internal static class ZarrFixtureStores
{
    /// <summary>tests/fixtures/zarr/v3-zarrita (see make-v3-zarrita.mjs for its arrays and values).</summary>
    public static string Zarrita => RepoPaths.Fixture("zarr", "v3-zarrita");

    /// <summary>Copies the zarrita store into <paramref name="dir"/> and returns the copy's path.</summary>
    public static string CopyOfZarrita(TempDirectory dir)
    {
        var target = dir.File("copy.zarr");
        foreach (var file in Directory.EnumerateFiles(Zarrita, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Zarrita, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    /// <summary>Writes an array node <paramref name="name"/> with the given zarr.json text under a store.</summary>
    public static void WriteArray(string store, string name, string zarrJson, params (string Key, byte[] Bytes)[] chunks)
    {
        Directory.CreateDirectory(Path.Combine(store, name));
        File.WriteAllText(Path.Combine(store, name, "zarr.json"), zarrJson);
        foreach (var (key, bytes) in chunks)
        {
            var path = Path.Combine(store, name, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
    }

    /// <summary>A group store with empty attributes at <paramref name="path"/>.</summary>
    public static string NewGroup(string path)
    {
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "zarr.json"), """{"zarr_format":3,"node_type":"group","attributes":{}}""");
        return path;
    }
}
