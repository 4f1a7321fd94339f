using TamRl.Upscale.Core.Randomness;

namespace TamRl.Upscale.Core.Tests.Randomness;

public class SplitMix64Tests
{
    [Fact]
    public void NextULong_GivesTheReferenceSequence_ForSeedZero()
    {
        // Vigna's splitmix64.c from state 0: e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f.
        var rng = new SplitMix64(0L);

        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL], new[] { rng.NextULong(), rng.NextULong(), rng.NextULong() });
    }

    [Fact]
    public void KeyedStreams_AreRepeatable_AndApart()
    {
        var a = new SplitMix64(42UL, SplitMix64.Key("tower-data:US-Ha1"));
        var b = new SplitMix64(42UL, SplitMix64.Key("tower-data:US-Ha1"));
        var c = new SplitMix64(42UL, SplitMix64.Key("tower-data:DE-Tha"));

        var first = a.NextDouble();
        Assert.Equal(first, b.NextDouble());
        Assert.NotEqual(first, c.NextDouble());
        Assert.InRange(first, 0, 1);
    }

    [Fact]
    public void Shuffle_IsAPermutation_FixedByTheSeed()
    {
        int[] Shuffled(long seed)
        {
            var items = Enumerable.Range(0, 20).ToArray();
            var rng = new SplitMix64(seed);
            rng.Shuffle(items);
            return items;
        }

        Assert.Equal(Shuffled(7), Shuffled(7));
        Assert.Equal(Enumerable.Range(0, 20), Shuffled(7).Order());
        Assert.NotEqual(Shuffled(7), Shuffled(8));
    }
}
