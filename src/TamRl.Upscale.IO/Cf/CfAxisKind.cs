namespace TamRl.Upscale.IO.Cf;

/// <summary>The coordinate axes the pipeline looks for in a data variable.</summary>
public enum CfAxisKind
{
    Time,
    Latitude,
    Longitude,
}
