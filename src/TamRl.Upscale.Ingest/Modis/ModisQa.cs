using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using TamRl.Upscale.Ingest.Modis.Catalogue;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// Bit-field QA masking. MODIS CMG products carry a 16-bit QA word whose bits 0-1 are the overall quality
/// (00 good, 01 good with caveats, 10 cloudy/probably cloudy, 11 not produced); a composite pixel is
/// dropped when any bit of the reject mask is set (default 0b10: the two bad classes).
/// </summary>
public static class ModisQa
{
    public static bool IsRejected(double rawQa, int rejectMask)
    {
        if (double.IsNaN(rawQa))
            return true;
        var word = (long)rawQa;
        return (word & rejectMask) != 0;
    }
}

/// <summary>
/// A product's QA rule and the QA dataset's fill as one lookup per word: for 8- and 16-bit QA datasets
/// every possible word is judged once up front (256 or 65,536 entries), so a tile's millions of pixels cost
/// a table read each instead of a walk over the rule's bit fields; wider words fall back to the rule.
/// </summary>
public sealed class ModisQaLookup
{
    private readonly QaRule _rule;
    private readonly double? _fill;
    private readonly bool[]? _table;
    private readonly long _first;

    private ModisQaLookup(QaRule rule, double? fill, bool[]? table, long first)
    {
        _rule = rule;
        _fill = fill;
        _table = table;
        _first = first;
    }

    /// <param name="type">The QA dataset's stored type, which bounds the words it can hold.</param>
    /// <param name="fill">The QA dataset's own fill value, always rejected.</param>
    public static ModisQaLookup For(QaRule rule, GdalDataType type, double? fill)
    {
        (long First, int Count)? range = type switch
        {
            GdalDataType.Byte => (0, 256),
            GdalDataType.UInt16 => (0, 65536),
            GdalDataType.Int16 => (short.MinValue, 65536),
            _ => null,
        };
        var lookup = new ModisQaLookup(rule, fill, null, 0);
        if (range is not { } r)
            return lookup;
        var table = new bool[r.Count];
        for (var i = 0; i < r.Count; i++)
            table[i] = lookup.Judge(r.First + i);
        return new ModisQaLookup(rule, fill, table, r.First);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accepts(long word)
    {
        var i = (ulong)(word - _first);
        return _table is { } t && i < (ulong)t.Length ? t[i] : Judge(word);
    }

    private bool Judge(long word) => word != _fill && _rule.Accepts(word);

    /// <summary>
    /// Reads rows <paramref name="y"/>..y+rows-1 of band <paramref name="band"/> of the QA dataset in its own
    /// type (a byte per pixel for 8-bit QA, not the eight of an Int64) and fills <paramref name="accepted"/>.
    /// </summary>
    public void Judge(GdalRaster qa, int band, int y, int rows, Span<bool> accepted)
    {
        switch (qa.Bands[band - 1].DataType)
        {
            case GdalDataType.Byte:
                Judge<byte>(qa, band, y, rows, accepted);
                break;
            case GdalDataType.Int16:
                Judge<short>(qa, band, y, rows, accepted);
                break;
            case GdalDataType.UInt16:
                Judge<ushort>(qa, band, y, rows, accepted);
                break;
            default:
                Judge<long>(qa, band, y, rows, accepted); // exact for every integer QA type
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Judge<T>(GdalRaster qa, int band, int y, int rows, Span<bool> accepted) where T : unmanaged, IBinaryInteger<T>
    {
        var words = ArrayPool<T>.Shared.Rent(accepted.Length);
        try
        {
            qa.ReadBandWindow(band, 0, y, qa.Width, rows, words.AsSpan(0, accepted.Length));
            for (var i = 0; i < accepted.Length; i++)
                accepted[i] = Accepts(long.CreateTruncating(words[i]));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(words);
        }
    }
}
