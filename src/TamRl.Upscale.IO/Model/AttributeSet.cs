using System.Collections;

namespace TamRl.Upscale.IO.Model;

/// <summary>
/// The attributes of one variable (or of a file), in file order, looked up by exact name.
/// </summary>
public sealed class AttributeSet : IReadOnlyList<KeyValuePair<string, AttributeValue>>
{
    public static readonly AttributeSet Empty = new(Array.Empty<KeyValuePair<string, AttributeValue>>());

    private readonly KeyValuePair<string, AttributeValue>[] _items;
    private readonly Dictionary<string, AttributeValue> _byName;

    public AttributeSet(IEnumerable<KeyValuePair<string, AttributeValue>> items)
    {
        _items = items.ToArray();
        _byName = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var (name, value) in _items)
            _byName[name] = value;
    }

    public int Count => _items.Length;

    public KeyValuePair<string, AttributeValue> this[int index] => _items[index];

    public bool Contains(string name) => _byName.ContainsKey(name);

    public bool TryGet(string name, out AttributeValue value) => _byName.TryGetValue(name, out value!);

    /// <summary>The attribute as text, or null when it is absent or numeric.</summary>
    public string? GetText(string name) => _byName.TryGetValue(name, out var v) ? v.Text : null;

    /// <summary>The attribute's numbers as doubles, or null when it is absent or text.</summary>
    public double[]? GetDoubles(string name) =>
        _byName.TryGetValue(name, out var v) && !v.IsText ? v.ToDoubles() : null;

    public IEnumerator<KeyValuePair<string, AttributeValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, AttributeValue>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
