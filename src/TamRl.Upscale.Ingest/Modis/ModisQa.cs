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
}
