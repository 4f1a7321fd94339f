using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Cf;

/// <summary>Reads CF attributes with the checks every coder needs, failing with the file and variable named.</summary>
internal static class CfAttributes
{
    /// <summary>The numbers of a numeric attribute, null when absent; text where numbers are required is an error.</summary>
    public static double[]? Numbers(AttributeSet attributes, string name, string filePath, string variable)
    {
        if (!attributes.TryGet(name, out var value))
            return null;
        if (value.IsText)
            throw new InvalidInputException(filePath, variable, $"attribute '{name}' must be numeric, but is the text '{value.Text}'");
        return value.ToDoubles();
    }

    /// <summary>A single-number attribute, null when absent; a list or a non-finite number is an error.</summary>
    public static double? FiniteScalar(AttributeSet attributes, string name, string filePath, string variable)
    {
        var numbers = Numbers(attributes, name, filePath, variable);
        if (numbers is null)
            return null;
        if (numbers.Length != 1)
            throw new InvalidInputException(filePath, variable, $"attribute '{name}' must be one number, but has {numbers.Length}");
        if (!double.IsFinite(numbers[0]))
            throw new InvalidInputException(filePath, variable, $"attribute '{name}' must be finite, but is {numbers[0]}");
        return numbers[0];
    }

    /// <summary>A variable by exact name, or an <see cref="InvalidInputException"/> that lists what the file has.</summary>
    public static ArrayVariableInfo RequireVariable(IArrayDataset dataset, string name)
    {
        foreach (var v in dataset.Variables)
            if (string.Equals(v.Name, name, StringComparison.Ordinal))
                return v;
        throw new InvalidInputException(dataset.Path, name,
            $"no such variable; the file has: {string.Join(", ", dataset.Variables.Select(v => v.Name))}");
    }
}
