using System.Text.Json;
using System.Text.Json.Serialization;

namespace TamRl.Upscale.Products.Checks;

/// <summary>One pixel and step that failed a check.</summary>
public sealed record CheckFailure(string File, string Variable, int Row, int Column, double Latitude, double Longitude, string Step, double Value, string Detail);

/// <summary>The outcome of one check: whether it passed, how many values failed, the first of them, and any figures it computed.</summary>
public sealed class CheckResult(string name, string description)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public bool Passed => FailureCount == 0;

    public long FailureCount { get; private set; }

    public List<CheckFailure> Failures { get; } = [];

    public SortedDictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    /// <summary>Findings that do not stop publication (an advisory total bound missed), stated beside the failures.</summary>
    public List<CheckFailure> Warnings { get; } = [];

    internal void Warn(CheckFailure warning) => Warnings.Add(warning);

    internal void Fail(CheckFailure failure, int maxListed)
    {
        FailureCount++;
        if (Failures.Count < maxListed)
            Failures.Add(failure);
    }
}

/// <summary><c>checks.json</c>: every check's outcome for one publication attempt.</summary>
public sealed record CheckReport(string RunId, string Period, DateTimeOffset Checked, IReadOnlyList<CheckResult> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Every warning, one per line (what the run prints after a passing check).</summary>
    public IEnumerable<string> WarningLines() => Checks.SelectMany(c => c.Warnings.Select(w => $"{c.Name}: {w.Variable}: {w.Detail}"));

    /// <summary>One line per failed check, with its first failures: what an error message shows.</summary>
    public string Summary() => string.Join("; ", Checks.Where(c => !c.Passed).Select(c =>
        $"{c.Name}: {c.FailureCount} failure(s), e.g. " + string.Join(", ", c.Failures.Take(3).Select(f =>
            $"{f.Variable} at row {f.Row} col {f.Column} (lat {f.Latitude:F2}, lon {f.Longitude:F2}) step {f.Step} = {f.Value:G6}: {f.Detail}"))));
}
