using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// Masks the raw (still packed) values CF marks as missing: equal to <c>_FillValue</c> or to any of
/// <c>missing_value</c> (one number or a list), or outside <c>valid_min</c>/<c>valid_max</c>/<c>valid_range</c>.
/// Masked values become <see cref="double.NaN"/>; NaN stays NaN, so a NaN fill value needs no comparison.
/// </summary>
/// <remarks>
/// Applied before <see cref="CfScaleOffsetCoder"/>: CF (section 8.1) and the NetCDF User Guide put
/// these attributes in the packed domain. Fill and missing values are first converted to the storage
/// type, so that a double attribute on float data (which CF forbids but files carry) still matches the
/// float the file stores. Not done: the NetCDF User Guide's default valid range derived from the fill
/// value when no valid_* attribute is given (netCDF-C and xarray do not apply it either), and
/// <c>_Unsigned</c> reinterpretation of signed bytes.
/// </remarks>
public sealed class CfMaskCoder
{
    private readonly double[] _missingValues;

    private CfMaskCoder(double[] missingValues, double validMin, double validMax)
    {
        _missingValues = missingValues;
        ValidMin = validMin;
        ValidMax = validMax;
    }

    /// <summary>Raw values that mean "missing" (fill and missing_value), NaN excluded.</summary>
    public IReadOnlyList<double> MissingValues => _missingValues;

    /// <summary>Smallest valid raw value; negative infinity when unbounded.</summary>
    public double ValidMin { get; }

    /// <summary>Largest valid raw value; positive infinity when unbounded.</summary>
    public double ValidMax { get; }

    /// <summary>Whether the coder masks nothing but NaN.</summary>
    public bool IsIdentity => _missingValues.Length == 0 && double.IsNegativeInfinity(ValidMin) && double.IsPositiveInfinity(ValidMax);

    /// <summary>
    /// The mask a variable's attributes define. Throws <see cref="InvalidInputException"/> naming the
    /// file and variable when they contradict each other: <c>valid_range</c> without exactly two numbers
    /// or with min above max, <c>valid_range</c> disagreeing with <c>valid_min</c>/<c>valid_max</c>, a
    /// text value, or <c>valid_min</c> above <c>valid_max</c>.
    /// </summary>
    public static CfMaskCoder FromVariable(ArrayVariableInfo variable, string filePath)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var attributes = variable.Attributes;
        var name = variable.Name;

        var missing = new List<double>();
        var fill = CfAttributes.Numbers(attributes, "_FillValue", filePath, name);
        if (fill is { Length: not 1 })
            throw new InvalidInputException(filePath, name, $"attribute '_FillValue' must be one number, but has {fill.Length}");
        missing.AddRange(fill ?? []);
        missing.AddRange(CfAttributes.Numbers(attributes, "missing_value", filePath, name) ?? []);

        var min = CfAttributes.FiniteScalar(attributes, "valid_min", filePath, name);
        var max = CfAttributes.FiniteScalar(attributes, "valid_max", filePath, name);
        var range = CfAttributes.Numbers(attributes, "valid_range", filePath, name);
        if (range is not null)
        {
            if (range.Length != 2 || !double.IsFinite(range[0]) || !double.IsFinite(range[1]))
                throw new InvalidInputException(filePath, name, $"attribute 'valid_range' must be two finite numbers, but is [{string.Join(", ", range)}]");
            if (range[0] > range[1])
                throw new InvalidInputException(filePath, name, $"attribute 'valid_range' has its minimum {range[0]} above its maximum {range[1]}");
            // The NetCDF User Guide forbids valid_range with valid_min/valid_max; tolerate a harmless repeat.
            if ((min is not null && min != range[0]) || (max is not null && max != range[1]))
                throw new InvalidInputException(filePath, name,
                    $"attribute 'valid_range' [{range[0]}, {range[1]}] contradicts valid_min {min?.ToString() ?? "-"} / valid_max {max?.ToString() ?? "-"}");
            (min, max) = (range[0], range[1]);
        }
        if (min is not null && max is not null && min > max)
            throw new InvalidInputException(filePath, name, $"valid_min {min} is above valid_max {max}");

        var comparable = missing.Where(v => !double.IsNaN(v)).Select(v => AsStored(v, variable.StorageType)).Distinct().ToArray();
        return new CfMaskCoder(comparable, min ?? double.NegativeInfinity, max ?? double.PositiveInfinity);
    }

    public bool IsMasked(double raw)
    {
        if (double.IsNaN(raw) || raw < ValidMin || raw > ValidMax)
            return true;
        foreach (var m in _missingValues)
            if (raw == m)
                return true;
        return false;
    }

    /// <summary>Replaces every masked raw value by NaN, in place.</summary>
    public void Apply(Span<double> values)
    {
        if (IsIdentity)
            return;
        for (var i = 0; i < values.Length; i++)
            if (IsMasked(values[i]))
                values[i] = double.NaN;
    }

    /// <summary>The value as the file would store it in a variable of that type (float rounding matters).</summary>
    private static double AsStored(double value, Type storageType) =>
        storageType == typeof(float) ? (float)value : value;
}
