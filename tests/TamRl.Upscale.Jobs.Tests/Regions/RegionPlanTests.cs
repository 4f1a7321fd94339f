using TamRl.Upscale.Jobs.Regions;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Synthetic;
using TamRl.Upscale.Jobs.Tests.Support;

namespace TamRl.Upscale.Jobs.Tests.Regions;

public sealed class RegionPlanTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 45);
    private readonly StageSet _set = SyntheticPipeline.Create();

    [Fact]
    public void Only_the_chunks_whose_area_the_region_enters_are_planned()
    {
        // 45° chunks: a box inside one chunk, one across four, one whose edges lie on chunk boundaries.
        Assert.Equal(["r02c04"], RegionPlan.ChunksTouched(RegionParser.FromBbox("10,10,20,20"), _set, _world.Spec("x"), "bbox"));
        Assert.Equal(["r01c03", "r01c04", "r02c03", "r02c04"],
            RegionPlan.ChunksTouched(RegionParser.FromBbox("-10,-10,10,10"), _set, _world.Spec("x"), "bbox"));
        Assert.Equal(["r02c04"], RegionPlan.ChunksTouched(RegionParser.FromBbox("0,0,45,45"), _set, _world.Spec("x"), "bbox"));
    }

    [Fact]
    public void A_region_entirely_over_the_ocean_is_refused()
    {
        var e = Assert.Throws<RegionException>(() =>
            RegionPlan.ChunksTouched(RegionParser.FromBbox("-160,-30,-130,10"), _set, _world.Spec("x"), "--bbox"));
        Assert.Equal("--bbox: the region does not intersect land: there is nothing to recompute", e.Message);
    }

    public void Dispose() => _world.Dispose();
}
