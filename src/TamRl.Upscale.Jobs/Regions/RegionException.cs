using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Jobs.Regions;

/// <summary>A rerun request refused for its region or period; the message names the field (or file) and what was expected.</summary>
public sealed class RegionException(string field, string detail) : TamRlException($"{field}: {detail}")
{
    public string Field { get; } = field;
}
