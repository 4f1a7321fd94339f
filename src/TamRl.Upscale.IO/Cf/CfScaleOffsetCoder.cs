using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// Unpacks values with <c>unpacked = packed * scale_factor + add_offset</c>, in double, with the
/// defaults 1 and 0 when an attribute is absent. The attributes belong to one variable of one file:
/// ERA5 legacy files pack each file with its own factors, so each file must be decoded before files
/// are concatenated. NaN (a masked value) stays NaN.
/// </summary>
public sealed class CfScaleOffsetCoder
{
    public CfScaleOffsetCoder(double scaleFactor, double addOffset)
    {
        if (!double.IsFinite(scaleFactor) || !double.IsFinite(addOffset))
            throw new ArgumentOutOfRangeException(nameof(scaleFactor), "scale_factor and add_offset must be finite");
        ScaleFactor = scaleFactor;
        AddOffset = addOffset;
    }

    public double ScaleFactor { get; }

    public double AddOffset { get; }

    public bool IsIdentity => ScaleFactor == 1 && AddOffset == 0;

    /// <summary>
    /// The coder a variable's <c>scale_factor</c> and <c>add_offset</c> define. Text, a list, or a
    /// non-finite number throws <see cref="Core.Errors.InvalidInputException"/> naming the file and variable.
    /// </summary>
    public static CfScaleOffsetCoder FromVariable(ArrayVariableInfo variable, string filePath)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new CfScaleOffsetCoder(
            CfAttributes.FiniteScalar(variable.Attributes, "scale_factor", filePath, variable.Name) ?? 1,
            CfAttributes.FiniteScalar(variable.Attributes, "add_offset", filePath, variable.Name) ?? 0);
    }

    public double Decode(double packed) => packed * ScaleFactor + AddOffset;

    /// <summary>Unpacks every value in place.</summary>
    public void Apply(Span<double> values)
    {
        if (IsIdentity)
            return;
        for (var i = 0; i < values.Length; i++)
            values[i] = values[i] * ScaleFactor + AddOffset;
    }
}
