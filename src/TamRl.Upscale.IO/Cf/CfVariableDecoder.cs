using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// Reads a variable's raw values from any <see cref="IArrayDataset"/> and decodes them the CF way:
/// mask in the packed domain (<see cref="CfMaskCoder"/>), then unpack (<see cref="CfScaleOffsetCoder"/>).
/// </summary>
public static class CfVariableDecoder
{
    /// <summary>
    /// The decoded values of <paramref name="variable"/>, whole or the hyperslab
    /// <paramref name="start"/>/<paramref name="count"/> (both or neither, one entry per dimension).
    /// A variable the file lacks throws <see cref="Core.Errors.InvalidInputException"/> naming the file
    /// and the variable; a hyperslab outside the variable is a caller's error (<see cref="ArgumentException"/>).
    /// </summary>
    public static CfDecodedVariable Read(IArrayDataset dataset, string variable, long[]? start = null, long[]? count = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(variable);
        var info = CfAttributes.RequireVariable(dataset, variable);
        // Build the coders first: a file whose attributes are wrong fails before any data is read.
        var mask = CfMaskCoder.FromVariable(info, dataset.Path);
        var scale = CfScaleOffsetCoder.FromVariable(info, dataset.Path);

        double[] values;
        IReadOnlyList<long> shape;
        if (start is null && count is null)
        {
            values = dataset.ReadDoubles(variable);
            shape = info.Shape;
        }
        else
        {
            CheckHyperslab(info, start, count);
            values = dataset.ReadDoubles(variable, start!, count!);
            shape = count!.ToArray();
        }
        mask.Apply(values);
        scale.Apply(values);
        return new CfDecodedVariable(dataset.Path, variable, info.DimensionNames, shape, values, info.Attributes.GetText("units"));
    }

    private static void CheckHyperslab(ArrayVariableInfo info, long[]? start, long[]? count)
    {
        if (start is null || count is null)
            throw new ArgumentException("Give both start and count, or neither.");
        if (start.Length != info.Rank || count.Length != info.Rank)
            throw new ArgumentException($"Variable '{info.Name}' has {info.Rank} dimensions; start and count have {start.Length} and {count.Length}.");
        for (var d = 0; d < info.Rank; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > info.Shape[d])
                throw new ArgumentOutOfRangeException(nameof(start),
                    $"Dimension '{info.DimensionNames[d]}' has length {info.Shape[d]}; start {start[d]} with count {count[d]} leaves it.");
    }
}
