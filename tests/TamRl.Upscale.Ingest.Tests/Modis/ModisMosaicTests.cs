using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Modis;
using TamRl.Upscale.Ingest.Modis.Catalogue;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.Modis;

public class ModisMosaicTests
{
    // Tile h18v05 spans 30-40 N and, at 40 N, 0-13.05 E: a 0.05-degree grid over it.
    private static readonly RegularLatLonGrid Grid = new(200, 262, 0, 40, 0.05, 0.05);
    private static readonly ModisProduct Mcd15 = ModisCatalogue.Find("MCD15A2H")!;

    [Fact]
    public void Finish_EqualsGdalwarpAverage_OnTheTileWithoutQa()
    {
        using var dir = new TempDirectory();
        // Without a QA rule only the SDS's fill (255) and valid range (0..100) drop pixels; gdalwarp is told 255 is
        // nodata, so the two agree in every cell whose largest value (gdalwarp -r max) is in the valid range.
        var layer = new ModisLayer("lai", ["Lai_500m"], null);
        var mosaic = new ModisMosaic(Grid, minValidFraction: 0);
        mosaic.Add(ModisFile.Open(ModisRealFiles.Mcd15Tile, Mcd15).Read(layer, 0));
        var (values, fraction) = mosaic.Finish();

        var average = Warp(dir, "average");
        var max = Warp(dir, "max");
        var compared = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (max[i] == 255 || max[i] > 100)
                continue;
            Assert.Equal(average[i] * 0.1, values[i], 1e-4); // float32 values
            Assert.InRange(fraction[i], 0.001f, 1f); // the tile's fill (255) pixels count as not valid
            compared++;
        }
        Assert.True(compared > 1000, $"only {compared} cells compared");
    }

    [Fact]
    public void Finish_DropsCellsBelowTheMinimumValidFraction_AndRecordsTheFraction()
    {
        var image = ModisFile.Open(ModisRealFiles.Mcd15Tile, Mcd15).Read(Mcd15.Layer("lai")!, 0);
        var loose = new ModisMosaic(Grid, minValidFraction: 0);
        loose.Add(image);
        var strict = new ModisMosaic(Grid, minValidFraction: 0.9);
        strict.Add(image);
        var (all, fraction) = loose.Finish();
        var (kept, _) = strict.Finish();

        var dropped = 0;
        for (var i = 0; i < all.Length; i++)
        {
            Assert.InRange(fraction[i], 0f, 1f);
            if (fraction[i] >= 0.9f)
                Assert.Equal(all[i], kept[i]);
            else
            {
                Assert.True(float.IsNaN(kept[i]));
                if (!float.IsNaN(all[i]))
                    dropped++;
            }
        }
        Assert.True(dropped > 0, "the QA of this tile should leave some cells partly valid");
        // Outside the tile (north-east corner of the grid, beyond the sinusoidal edge at 40 N): no value, fraction 0.
        Assert.True(float.IsNaN(all[261]) && fraction[261] == 0);
    }

    [Fact]
    public void Finish_RecordsTheValidShareOfThePixelCentresInEachCell_CountedIndependently()
    {
        // The tile's pixel centres placed on the MODIS sphere by the sinusoidal formulas themselves (not PROJ,
        // not PixelCentres): latitude y / R, longitude x / (R cos latitude); a cell's fraction is its valid
        // (not NaN after QA) centres over all its centres.
        var image = ModisFile.Open(ModisRealFiles.Mcd15Tile, Mcd15).Read(Mcd15.Layer("lai")!, 0);
        var mosaic = new ModisMosaic(Grid, minValidFraction: 0);
        mosaic.Add(image);
        var (_, fraction) = mosaic.Finish();

        const double R = 6371007.181; // the MODIS sinusoidal sphere
        var all = new int[Grid.Rows * Grid.Columns];
        var valid = new int[all.Length];
        for (var y = 0; y < image.Height; y++)
        {
            var (_, northing) = image.GeoTransform.CellCenter(0, y);
            var latitude = northing / R * 180 / Math.PI;
            var row = (int)Math.Floor((40 - latitude) / 0.05);
            for (var x = 0; x < image.Width; x++)
            {
                var (easting, _) = image.GeoTransform.CellCenter(x, y);
                var longitude = easting / (R * Math.Cos(latitude * Math.PI / 180)) * 180 / Math.PI;
                var column = (int)Math.Floor(longitude / 0.05);
                if (row < 0 || row >= Grid.Rows || column < 0 || column >= Grid.Columns)
                    continue;
                all[row * Grid.Columns + column]++;
                if (!float.IsNaN(image.Values[y * image.Width + x]))
                    valid[row * Grid.Columns + column]++;
            }
        }
        var partial = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i] == 0)
            {
                Assert.Equal(0f, fraction[i]);
                continue;
            }
            // A centre within rounding of a cell edge may fall on either side: one pixel of slack.
            Assert.InRange(fraction[i], (valid[i] - 1.0) / all[i] - 1e-6, (valid[i] + 1.0) / all[i] + 1e-6);
            if (valid[i] > 0 && valid[i] < all[i])
                partial++;
        }
        Assert.True(partial > 100, $"only {partial} partly valid cells: the QA should leave many");
    }

    [Fact]
    public void Add_GivesTheSameMap_FromTheStoredCodes_AsFromTheDecodedValues()
    {
        // The mosaic warps the SDS's stored codes (scaled after averaging) when the image has them; the
        // decoded float values (the path for images without codes) must give the same map.
        var image = ModisFile.Open(ModisRealFiles.Mcd15Tile, Mcd15).Read(Mcd15.Layer("lai")!, 0);
        Assert.NotNull(image.Codes);
        var fromCodes = new ModisMosaic(Grid, minValidFraction: 0.5);
        fromCodes.Add(image);
        var fromValues = new ModisMosaic(Grid, minValidFraction: 0.5);
        fromValues.Add(image with { Codes = null });
        // As ingest reads tiles for the mosaic: codes only, no decoded values.
        var codesOnly = ModisFile.Open(ModisRealFiles.Mcd15Tile, Mcd15).Read(Mcd15.Layer("lai")!, 0, decodeValues: false);
        Assert.Empty(codesOnly.Values);
        var fromCodesOnly = new ModisMosaic(Grid, minValidFraction: 0.5);
        fromCodesOnly.Add(codesOnly);
        var (a, fa) = fromCodes.Finish();
        var (b, fb) = fromValues.Finish();

        Assert.Equal(fb, fa);
        var (c, fc) = fromCodesOnly.Finish();
        Assert.Equal(a, c);
        Assert.Equal(fa, fc);
        var compared = 0;
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(float.IsNaN(b[i]), float.IsNaN(a[i]));
            if (float.IsNaN(a[i]))
                continue;
            Assert.Equal(b[i], a[i], 1e-5);
            compared++;
        }
        Assert.True(compared > 1000, $"only {compared} cells compared");
    }

    private static double[] Warp(TempDirectory dir, string method)
    {
        var output = dir.File($"{method}.tif");
        ExternalTool.RunOk("gdalwarp", "-q", "-overwrite", "-of", "GTiff", "-t_srs", "EPSG:4326", "-te", "0", "30", "13.1", "40", "-ts", "262", "200",
            "-r", method, "-srcnodata", "255", "-dstnodata", "255", "-ot", "Float64", ModisRealFiles.Mcd15Sds("Lai_500m"), output);
        using var raster = GdalRaster.Open(output);
        return raster.ReadBand(1);
    }
}
