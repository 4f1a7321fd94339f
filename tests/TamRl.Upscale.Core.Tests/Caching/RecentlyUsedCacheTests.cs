using TamRl.Upscale.Core.Caching;

namespace TamRl.Upscale.Core.Tests.Caching;

public class RecentlyUsedCacheTests
{
    [Fact]
    public void KeepsTheMostRecentlyUsedKeys_AndLoadsAnEvictedKeyAgain()
    {
        var loads = new Dictionary<string, int>();
        string Load(string key)
        {
            loads[key] = loads.GetValueOrDefault(key) + 1;
            return key.ToUpperInvariant();
        }
        var cache = new RecentlyUsedCache<string, string>(2);

        Assert.Equal("A", cache.GetOrLoad("a", Load));
        Assert.Equal("B", cache.GetOrLoad("b", Load));
        Assert.Equal("A", cache.GetOrLoad("a", Load)); // a is now more recent than b
        Assert.Equal("C", cache.GetOrLoad("c", Load)); // evicts b, the least recently used
        Assert.Equal(2, cache.Count);
        Assert.True(cache.Contains("a"));
        Assert.False(cache.Contains("b"));

        Assert.Equal("B", cache.GetOrLoad("b", Load)); // loaded again; evicts a
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2, ["c"] = 1 }, loads);
        Assert.False(cache.Contains("a"));
    }

    [Fact]
    public void ConcurrentCallersOfOneKey_ShareOneLoad()
    {
        var cache = new RecentlyUsedCache<int, object>(1);
        var loads = 0;
        using var release = new ManualResetEventSlim();
        object Load(int _)
        {
            Interlocked.Increment(ref loads);
            release.Wait(TimeSpan.FromSeconds(10)); // hold the load open while the others arrive
            return new object();
        }
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetOrLoad(7, Load))).ToArray();
        Thread.Sleep(200);
        release.Set();
        var values = tasks.Select(t => t.GetAwaiter().GetResult()).Distinct().ToArray();

        Assert.Single(values);
        Assert.Equal(1, loads);
    }

    [Fact]
    public void AFailedLoad_IsNotKept()
    {
        var cache = new RecentlyUsedCache<string, int>(2);
        Assert.Throws<InvalidOperationException>(() => cache.GetOrLoad("x", _ => throw new InvalidOperationException("no")));
        Assert.False(cache.Contains("x"));
        Assert.Equal(3, cache.GetOrLoad("x", _ => 3));
    }

    [Fact]
    public void RefusesACapacityBelowOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentlyUsedCache<int, int>(0));
}
