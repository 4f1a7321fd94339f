using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.Tests.Doubles;

namespace TamRl.Upscale.Products.Tests.Chunking;

public class ChunkPlannerTests
{
    private static readonly DatePeriod Year = DatePeriod.Year(2021);

    private static bool[] Land(RegularLatLonGrid grid) => new SyntheticDriverCube(grid, Year).LandFraction.Select(f => f > 0).ToArray();

    [Theory]
    [InlineData(2.0)]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(0.05)]
    public void Plan_KeepsEveryChunkInsideTheBudget_AndCoversEveryLandPixelOnce(double resolution)
    {
        var grid = RegularLatLonGrid.Global(resolution);
        var land = Land(grid);
        var budget = new MemoryBudget(512L << 20, batchPixels: 1024, modelBytesPerPixelDay: 100);

        var plan = ChunkPlanner.Plan(grid, land, Year, budget);

        var perPixelDay = MemoryBudget.DriverBytesPerPixelDay + MemoryBudget.OutputBytesPerPixelDay;
        foreach (var c in plan.Chunks)
            Assert.True(c.Cells * Year.Days * perPixelDay + 1024L * Year.Days * 100 <= budget.Bytes, $"chunk {c.Id} holds {c.Cells} cells");
        var covered = new int[land.Length];
        foreach (var c in plan.Chunks)
            for (var r = c.Row0; r < c.Row0 + c.Rows; r++)
                for (var col = c.Column0; col < c.Column0 + c.Columns; col++)
                    covered[r * grid.Columns + col]++;
        for (var i = 0; i < land.Length; i++)
            Assert.Equal(land[i] ? 1 : covered[i], covered[i]);
        Assert.Equal(land.Count(x => x), plan.Chunks.Sum(c => c.LandPixels));
        Assert.All(covered, n => Assert.InRange(n, 0, 1));
    }

    /// <summary>Land by a formula of the cell (two continents' worth of it), so no mask is ever held.</summary>
    private static bool IsLand(RegularLatLonGrid grid, int row, int column)
    {
        var lat = grid.LatitudeOfRow(row);
        var lon = grid.LongitudeOfColumn(column);
        return lat is > -55 and < 75 && Math.Sin(lon * Math.PI / 90) + 0.5 * Math.Cos(lat * Math.PI / 45) > 0.4;
    }

    [Fact]
    public void Plan_OfGlobalLandAt005Degrees_CountsLandPerTile_WithoutAllocatingTheGrid()
    {
        var grid = RegularLatLonGrid.Global(0.05); // 3600 x 7200 = 26 million cells
        var budget = new MemoryBudget(256L << 20, batchPixels: 1024, modelBytesPerPixelDay: 0);
        long counted = 0;
        int LandIn(int row0, int rows, int column0, int columns)
        {
            var n = 0;
            for (var r = row0; r < row0 + rows; r++)
                for (var c = column0; c < column0 + columns; c++)
                    if (IsLand(grid, r, c))
                        n++;
            counted += n;
            return n;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var plan = ChunkPlanner.Plan(grid, LandIn, Year, budget);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A bool per cell would be 26 MB, a float land fraction 104 MB; the plan itself is a few thousand chunks.
        Assert.True(allocated < 4L << 20, $"planning allocated {allocated} bytes");
        Assert.Equal(counted, plan.Chunks.Sum(c => (long)c.LandPixels));
        Assert.InRange(plan.Chunks.Count, 500, 3000);
        var perPixelDay = MemoryBudget.DriverBytesPerPixelDay + MemoryBudget.OutputBytesPerPixelDay;
        Assert.All(plan.Chunks, c => Assert.True(c.Cells * Year.Days * perPixelDay <= budget.Bytes, $"chunk {c.Id} holds {c.Cells} cells"));
        // Ids are tile indices: unique, increasing, and the last tile's index bounds them.
        Assert.Equal(plan.Chunks.Select(c => c.Id).Order(), plan.Chunks.Select(c => c.Id));
        Assert.True(plan.Chunks[^1].Id < plan.TilesAcross * ((grid.Rows + plan.TileRows - 1) / plan.TileRows));
    }

    [Fact]
    public void Plan_LeavesOutTilesWithoutLand()
    {
        var grid = RegularLatLonGrid.Global(2);
        var land = new bool[grid.Rows * grid.Columns];
        land[10 * grid.Columns + 20] = true; // one land cell

        var plan = ChunkPlanner.Plan(grid, land, Year, new MemoryBudget(20L << 20, batchPixels: 16, modelBytesPerPixelDay: 0));

        var chunk = Assert.Single(plan.Chunks);
        Assert.Equal(1, chunk.LandPixels);
        Assert.InRange(10, chunk.Row0, chunk.Row0 + chunk.Rows - 1);
        Assert.InRange(20, chunk.Column0, chunk.Column0 + chunk.Columns - 1);
    }

    [Fact]
    public void Plan_GivesTheSameIds_ForTheSameGridPeriodAndBudget_WhateverTheLandMask()
    {
        var grid = RegularLatLonGrid.Global(1);
        var budget = new MemoryBudget(64L << 20, batchPixels: 64, modelBytesPerPixelDay: 0);
        var land = Land(grid);
        var first = ChunkPlanner.Plan(grid, land, Year, budget);
        var again = ChunkPlanner.Plan(grid, land, Year, budget);
        Assert.Equal(first.Chunks, again.Chunks);

        // Losing land in some tiles removes those chunks but renames none of the others.
        var less = (bool[])land.Clone();
        var removed = first.Chunks[0];
        for (var r = removed.Row0; r < removed.Row0 + removed.Rows; r++)
            for (var c = removed.Column0; c < removed.Column0 + removed.Columns; c++)
                less[r * grid.Columns + c] = false;
        var after = ChunkPlanner.Plan(grid, less, Year, budget);
        Assert.DoesNotContain(after.Chunks, c => c.Id == removed.Id);
        Assert.Equal(first.Chunks.Skip(1), after.Chunks);
    }

    [Fact]
    public void Plan_MakesSmallerTiles_ForALongerPeriodOrASmallerBudget()
    {
        var grid = RegularLatLonGrid.Global(0.5);
        var land = Land(grid);
        var month = ChunkPlanner.Plan(grid, land, DatePeriod.Month(2021, 1), new MemoryBudget(64L << 20, 64, 0));
        var year = ChunkPlanner.Plan(grid, land, Year, new MemoryBudget(64L << 20, 64, 0));
        var bigger = ChunkPlanner.Plan(grid, land, Year, new MemoryBudget(256L << 20, 64, 0));

        Assert.True(year.Chunks.Count > month.Chunks.Count);
        Assert.True(bigger.Chunks.Count < year.Chunks.Count);
    }

    [Theory]
    [InlineData(0.5, 256)] // a year at 256 MiB: 107 cells on a side, rounded to 96
    [InlineData(0.05, 1024)]
    [InlineData(2, 16)] // 26 x 26 cells: under one cube chunk, kept as it is
    [InlineData(2, 4096)] // the whole grid in one tile
    public void Plan_MakesTilesOfWholeCubeChunks_SoThatNoChunkOfTheCubeStraddlesTwoTiles(double resolution, int budgetMiB)
    {
        var grid = RegularLatLonGrid.Global(resolution);
        var plan = ChunkPlanner.Plan(grid, (_, _, _, _) => 1, Year, new MemoryBudget((long)budgetMiB << 20, 64, 0));

        foreach (var (side, gridSide) in new[] { (plan.TileRows, grid.Rows), (plan.TileColumns, grid.Columns) })
            Assert.True(side % ChunkPlanner.CubeChunk == 0 || side < ChunkPlanner.CubeChunk || side == gridSide,
                $"a tile side of {side} cells on a grid side of {gridSide}");
        Assert.True((long)plan.TileRows * plan.TileColumns <= plan.Budget.MaxPixels(Year.Days));
        Assert.True((long)plan.TileRows * plan.TileColumns > plan.Budget.MaxPixels(Year.Days) / 2 || plan.Chunks.Count == 1,
            $"{plan.TileRows} x {plan.TileColumns} tiles use under half the budget's {plan.Budget.MaxPixels(Year.Days)} cells");
    }

    [Fact]
    public void ChunksTouching_ReturnsExactlyTheChunksWhoseTilesOverlapTheBox()
    {
        var grid = RegularLatLonGrid.Global(1);
        var plan = ChunkPlanner.Plan(grid, Land(grid), Year, new MemoryBudget(16L << 20, 16, 0));
        var box = new BoundingBox(10, 40, 30, 60);

        var touched = plan.ChunksTouching(box);

        Assert.NotEmpty(touched);
        foreach (var c in plan.Chunks)
        {
            var west = grid.West + c.Column0 * grid.LongitudeResolution;
            var east = west + c.Columns * grid.LongitudeResolution;
            var north = grid.North - c.Row0 * grid.LatitudeResolution;
            var south = north - c.Rows * grid.LatitudeResolution;
            var overlaps = west < box.East && east > box.West && south < box.North && north > box.South;
            Assert.Equal(overlaps, touched.Contains(c));
        }
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void ChunkOf_FindsEveryChunkOfThePlan_FromItsIdAlone(double resolution)
    {
        var grid = RegularLatLonGrid.Global(resolution);
        var land = Land(grid);
        var budget = new MemoryBudget(64L << 20, 16, 0);
        var plan = ChunkPlanner.Plan(grid, land, Year, budget);
        int Count(int row0, int rows, int column0, int columns)
        {
            var n = 0;
            for (var r = row0; r < row0 + rows; r++)
                for (var c = column0; c < column0 + columns; c++)
                    n += land[r * grid.Columns + c] ? 1 : 0;
            return n;
        }

        Assert.True(plan.Chunks.Count > 1);
        foreach (var chunk in plan.Chunks)
            Assert.Equal(chunk, ChunkPlanner.ChunkOf(grid, chunk.Id, Count, Year, budget));
    }

    [Fact]
    public void ChunkOf_RefusesIdsWithoutATileOrWithoutLand()
    {
        var grid = RegularLatLonGrid.Global(2);
        var budget = new MemoryBudget(20L << 20, batchPixels: 16, modelBytesPerPixelDay: 0);
        Assert.Contains("no chunk 999999", Assert.Throws<ArgumentException>(() => ChunkPlanner.ChunkOf(grid, 999_999, (_, _, _, _) => 1, Year, budget)).Message);
        Assert.Contains("holds no land", Assert.Throws<ArgumentException>(() => ChunkPlanner.ChunkOf(grid, 0, (_, _, _, _) => 0, Year, budget)).Message);
    }

    [Fact]
    public void Find_NamesTheKnownIds_WhenTheChunkDoesNotExist()
    {
        var grid = RegularLatLonGrid.Global(2);
        var plan = ChunkPlanner.Plan(grid, Land(grid), Year, new MemoryBudget(16L << 20, 16, 0));

        var e = Assert.Throws<ArgumentException>(() => plan.Find(999_999));

        Assert.Contains("no chunk 999999", e.Message);
    }

    [Fact]
    public void MaxPixels_Throws_WhenTheBudgetCannotHoldTheModelsBatch()
    {
        var budget = new MemoryBudget(1L << 20, batchPixels: 1024, modelBytesPerPixelDay: 3600);

        var e = Assert.Throws<Core.Errors.TamRlException>(() => budget.MaxPixels(365));

        Assert.Contains("too small", e.Message);
    }

    [Theory]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("1048576", 1048576L)]
    public void ParseBytes_ReadsBinarySuffixes(string text, long expected) => Assert.Equal(expected, MemoryBudget.ParseBytes(text));
}
