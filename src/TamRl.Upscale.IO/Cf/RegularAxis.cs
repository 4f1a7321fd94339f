using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// A 1-D coordinate checked to be strictly monotonic and regularly spaced, described in ascending
/// order by its first centre and step, both snapped to the exact values the stored (often float32)
/// numbers approximate.
/// </summary>
internal sealed record RegularAxis(int Count, double FirstAscending, double Step, bool StoredDescending, double Tolerance)
{
    /// <summary>When snapped: the step is 360 / Divisions and the first centre FirstHalfSteps half-steps from 0.</summary>
    private (double Divisions, double FirstHalfSteps)? Snapped { get; init; }

    public double LastAscending => CentreOf(Count - 1);

    /// <summary>Centre of the cell at an ascending index (may lie beyond the axis).</summary>
    public double CentreOf(int index) => HalfStepsToDegrees(2 * index, FirstAscending + index * Step);

    /// <summary>Lower edge of the cell at an ascending index; EdgeBelow(Count) is the upper edge of the axis.</summary>
    public double EdgeBelow(int index) => HalfStepsToDegrees(2 * index - 1, FirstAscending + (index - 0.5) * Step);

    // One division of an exact integer product: -180 and 90 come out exact, not -180.00000000000003.
    private double HalfStepsToDegrees(long halfStepsFromFirst, double unsnapped) =>
        Snapped is { } s ? (s.FirstHalfSteps + halfStepsFromFirst) * 180.0 / s.Divisions : unsnapped;

    /// <summary>
    /// Checks and describes the values; every failure is an <see cref="InvalidInputException"/> naming
    /// the file and the coordinate variable. "Regular" allows 1e-4 of a step plus the rounding of float32
    /// storage (a few units in the last place of the largest magnitude): enough for real products, far
    /// too little for a Gaussian grid to pass as regular.
    /// </summary>
    public static RegularAxis Analyse(ReadOnlySpan<double> values, string filePath, string variable)
    {
        var n = values.Length;
        if (n < 2)
            throw new InvalidInputException(filePath, variable, $"a grid coordinate needs at least 2 values to define its spacing, but has {n}");
        var maxAbs = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new InvalidInputException(filePath, variable, $"coordinate value at index {i} is {values[i]}");
            maxAbs = Math.Max(maxAbs, Math.Abs(values[i]));
        }
        var descending = values[1] < values[0];
        for (var i = 1; i < n; i++)
        {
            if (values[i] == values[i - 1] || (values[i] < values[i - 1]) != descending)
                throw new InvalidInputException(filePath, variable,
                    $"coordinate is not strictly monotonic: {values[i - 1]} at index {i - 1} is followed by {values[i]}");
        }

        var first = descending ? values[n - 1] : values[0];
        var last = descending ? values[0] : values[n - 1];
        var step = (last - first) / (n - 1);
        var tolerance = 1e-4 * step + 4e-7 * maxAbs;
        for (var i = 0; i < n; i++)
        {
            var ascending = descending ? values[n - 1 - i] : values[i];
            var expected = first + i * step;
            if (Math.Abs(ascending - expected) > tolerance)
                throw new InvalidInputException(filePath, variable,
                    $"coordinate is not regularly spaced: {ascending} where a step of {step} puts {expected}");
        }

        // Snap to a step that divides 360 and to a first centre on a multiple of half a step, when the
        // stored values allow it over the whole axis: (-180, 90) origins stay exact despite float32 storage.
        var divisions = Math.Round(360 / step);
        if (divisions < 1 || Math.Abs(360 / divisions - step) * (n - 1) > tolerance)
            return new RegularAxis(n, first, step, descending, tolerance);
        var snappedStep = 360 / divisions;
        var halfSteps = Math.Round(first / (snappedStep / 2));
        if (Math.Abs(halfSteps * 180 / divisions - first) > tolerance)
            return new RegularAxis(n, first, snappedStep, descending, tolerance);
        return new RegularAxis(n, halfSteps * 180 / divisions, snappedStep, descending, tolerance) { Snapped = (divisions, halfSteps) };
    }
}
