using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.SampleWorld.Calibration;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.SampleWorld.Tests;

/// <summary>Small worlds generated once per test run and shared by the tests that only read them.</summary>
public sealed class TinyWorld : IDisposable
{
    private readonly TempDirectory _tmp = new("tamrl-world");

    public TinyWorld()
    {
        Root = Path.Combine(_tmp.Path, "w");
        Report = SampleWorldGenerator.Generate(Options(Root));
    }

    /// <summary>Central Europe at 2 degrees, two months: many towers, hourly region inside.</summary>
    public static SampleWorldOptions Options(string root, ulong seed = 7) => new()
    {
        OutputDirectory = root, Resolution = 2, StartYear = 2019, StartMonth = 1, EndYear = 2019, EndMonth = 2, Seed = seed,
        Box = new BoundingBox(0, 40, 20, 60), RealDataDirectory = RepoPaths.RealData(),
    };

    public string Root { get; }
    public CalibrationReport Report { get; }
    public string File(params string[] parts) => Path.Combine([Root, .. parts]);
    public void Dispose() => _tmp.Dispose();
}

/// <summary>The global world at 2 degrees over one year: the calibration bounds apply to it.</summary>
public sealed class GlobalWorld : IDisposable
{
    private readonly TempDirectory _tmp = new("tamrl-world-global");

    public GlobalWorld()
    {
        Root = Path.Combine(_tmp.Path, "w");
        Report = SampleWorldGenerator.Generate(new SampleWorldOptions
        {
            OutputDirectory = Root, Resolution = 2, StartYear = 2019, StartMonth = 1, EndYear = 2019, EndMonth = 12, Seed = 42,
            RealDataDirectory = RepoPaths.RealData(),
        });
    }

    public string Root { get; }
    public CalibrationReport Report { get; }
    public void Dispose() => _tmp.Dispose();
}

/// <summary>One <see cref="TinyWorld"/> for every test class that reads it (generating it costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class TinyWorldCollection : ICollectionFixture<TinyWorld>
{
    public const string Name = "tiny world";
}
