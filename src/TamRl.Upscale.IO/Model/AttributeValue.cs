using System.Globalization;

namespace TamRl.Upscale.IO.Model;

/// <summary>
/// The value of one attribute as the file stores it: text, or a typed numeric array
/// (sbyte[], byte[], short[], ushort[], int[], uint[], long[], ulong[], float[] or double[]).
/// Backends (netCDF-C, GDAL multidimensional) produce these; CF coders read them.
/// </summary>
public sealed class AttributeValue
{
    private AttributeValue(string? text, Array? numbers)
    {
        Text = text;
        Numbers = numbers;
    }

    /// <summary>The text, when the attribute is text; otherwise null.</summary>
    public string? Text { get; }

    /// <summary>The numbers in their stored type, when the attribute is numeric; otherwise null.</summary>
    public Array? Numbers { get; }

    public bool IsText => Text is not null;

    /// <summary>The stored element type (string for text).</summary>
    public Type ElementType => Text is not null ? typeof(string) : Numbers!.GetType().GetElementType()!;

    public static AttributeValue FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    public static AttributeValue FromNumbers(Array numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var type = numbers.GetType().GetElementType();
        if (numbers.Rank != 1 || !IsSupportedNumeric(type))
            throw new ArgumentException($"Attribute numbers must be a one-dimensional array of a numeric type, not {numbers.GetType().Name}.", nameof(numbers));
        return new(null, numbers);
    }

    public static AttributeValue Of(params double[] values) => FromNumbers(values);

    public static AttributeValue Of(params float[] values) => FromNumbers(values);

    public static AttributeValue Of(params short[] values) => FromNumbers(values);

    public static AttributeValue Of(params int[] values) => FromNumbers(values);

    /// <summary>Every number converted to double (exact for all types up to 32 bits and for doubles).</summary>
    public double[] ToDoubles()
    {
        if (Numbers is null)
            throw new InvalidOperationException("A text attribute has no numbers.");
        var result = new double[Numbers.Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = Convert.ToDouble(Numbers.GetValue(i), CultureInfo.InvariantCulture);
        return result;
    }

    public override string ToString()
    {
        if (Text is not null)
            return Text;
        var parts = new string[Numbers!.Length];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = Convert.ToString(Numbers.GetValue(i), CultureInfo.InvariantCulture) ?? "";
        return string.Join(", ", parts);
    }

    internal static bool IsSupportedNumeric(Type? type) =>
        type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort) ||
        type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong) ||
        type == typeof(float) || type == typeof(double);
}
