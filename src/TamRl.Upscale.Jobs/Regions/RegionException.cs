using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Jobs.Regions;

/// <summary>A rerun request refused for its region or period; the message names the field (or file) and what was expected.</summary>
public sealed class RegionException(string field, string detail) : InvalidValueException(field, detail)
{
    /// <summary>Core's refusal of a box or period (<see cref="Core.Grid.BoundingBox"/>, <see cref="Core.Time.PeriodParser"/>) as a rerun's.</summary>
    internal static T Of<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (InvalidValueException e) when (e is not RegionException)
        {
            throw new RegionException(e.Field, e.Detail);
        }
    }
}
