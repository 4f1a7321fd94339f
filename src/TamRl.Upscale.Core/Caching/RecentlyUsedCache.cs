namespace TamRl.Upscale.Core.Caching;

/// <summary>
/// Values loaded once per key and kept for the <c>capacity</c> most recently used keys; older ones are let go (for the
/// collector, not disposed: another thread may still be using one). Callers of a key being loaded wait for that load
/// instead of loading it again. A load that throws is not kept: the next call tries again.
/// Why: a worker process lives for months while each month's run brings a new model; keeping every model it ever
/// loaded grows without bound.
/// </summary>
public sealed class RecentlyUsedCache<TKey, TValue> where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, (Lazy<TValue> Value, LinkedListNode<TKey> Node)> _entries;
    private readonly LinkedList<TKey> _mostRecentFirst = new();
    private readonly Lock _gate = new();

    public RecentlyUsedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _entries = new Dictionary<TKey, (Lazy<TValue>, LinkedListNode<TKey>)>(comparer);
    }

    /// <summary>Keys held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    public bool Contains(TKey key)
    {
        lock (_gate)
            return _entries.ContainsKey(key);
    }

    public TValue GetOrLoad(TKey key, Func<TKey, TValue> load)
    {
        Lazy<TValue> value;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                _mostRecentFirst.Remove(entry.Node);
                _mostRecentFirst.AddFirst(entry.Node);
                value = entry.Value;
            }
            else
            {
                value = new Lazy<TValue>(() => load(key), LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[key] = (value, _mostRecentFirst.AddFirst(key));
                while (_entries.Count > _capacity)
                {
                    var oldest = _mostRecentFirst.Last!;
                    _mostRecentFirst.RemoveLast();
                    _entries.Remove(oldest.Value);
                }
            }
        }
        try
        {
            return value.Value;
        }
        catch
        {
            lock (_gate)
                if (_entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Value, value))
                {
                    _mostRecentFirst.Remove(entry.Node);
                    _entries.Remove(key);
                }
            throw;
        }
    }
}
