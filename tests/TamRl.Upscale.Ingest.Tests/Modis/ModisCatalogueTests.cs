using TamRl.Upscale.Ingest.Modis.Catalogue;

namespace TamRl.Upscale.Ingest.Tests.Modis;

public class ModisCatalogueTests
{
    [Theory]
    [InlineData("MOD13A1")] [InlineData("MOD13A2")] [InlineData("MOD13Q1")] [InlineData("MYD13A2")] [InlineData("MOD13C1")]
    [InlineData("MOD11A1")] [InlineData("MOD11A2")] [InlineData("MOD11B2")] [InlineData("MOD11C2")]
    [InlineData("MOD15A2H")] [InlineData("MCD15A2H")] [InlineData("MCD43A4")] [InlineData("MCD43A3")] [InlineData("MOD09A1")] [InlineData("MCD12Q1")]
    public void Find_HoldsEachProductTheIssueNames(string name)
    {
        var product = ModisCatalogue.Find(name);
        Assert.NotNull(product);
        Assert.NotEmpty(product!.Layers);
        Assert.False(string.IsNullOrWhiteSpace(product.UserGuide));
    }

    [Theory]
    // MOD13 VI Quality bits 0-1: 00 good, 01 check other QA kept; 10 cloudy, 11 not produced dropped. Higher bits do not matter.
    [InlineData(0b00, true)] [InlineData(0b01, true)] [InlineData(0b10, false)] [InlineData(0b11, false)] [InlineData(0b1000_0000_0001, true)]
    public void ViQuality_KeepsModlandQa00And01Only(int word, bool kept) =>
        Assert.Equal(kept, ModisCatalogue.Find("MOD13A2")!.Layer("ndvi")!.Qa!.Accepts(word));

    [Theory]
    // FparLai_QC: bit 0 main algorithm; bits 3-4 cloud state 00 clear or 11 assumed clear; bits 5-7 SCF_QC 000 or 001.
    [InlineData(0b000_00_0_0_0, true)]   // main method, clear
    [InlineData(0b001_11_0_1_0, true)]   // main method with saturation, cloud state not set (assumed clear), Aqua
    [InlineData(0b000_00_0_0_1, false)]  // MODLAND_QC 1: back-up or fill
    [InlineData(0b000_01_0_0_0, false)]  // significant clouds present
    [InlineData(0b000_10_0_0_0, false)]  // mixed clouds
    [InlineData(0b010_00_0_0_0, false)]  // back-up empirical method
    [InlineData(0b100_00_0_0_0, false)]  // not produced
    public void FparLaiQc_FollowsTheDocumentedBitFields(int word, bool kept) =>
        Assert.Equal(kept, ModisCatalogue.Find("MCD15A2H")!.Layer("lai")!.Qa!.Accepts(word));

    [Theory]
    [InlineData(0, true)] [InlineData(1, true)] [InlineData(2, false)] [InlineData(255, false)]
    public void Mcd43MandatoryQuality_KeepsFullAndMagnitudeInversions(int value, bool kept) =>
        Assert.Equal(kept, ModisCatalogue.Find("MCD43A4")!.Layer("nbar_b1")!.Qa!.Accepts(value));

    [Theory]
    [InlineData(0b00, true)] [InlineData(0b01, true)] [InlineData(0b10, false)] [InlineData(0b11, false)] [InlineData(0b1100_0000, true)]
    public void QcDay_KeepsMandatoryQa00And01_WhateverTheErrorBits(int word, bool kept) =>
        Assert.Equal(kept, ModisCatalogue.Find("MOD11A2")!.Layer("lst")!.Qa!.Accepts(word));

    [Fact]
    public void Lst_IsConvertedFromKelvin_AndMod13StatesItsScaleAsADivisor()
    {
        Assert.Equal(-273.15, ModisCatalogue.Find("MOD11C2")!.Layer("lst")!.UnitOffset);
        Assert.True(ModisCatalogue.Find("MOD13Q1")!.ScaleIsDivisor);
        Assert.False(ModisCatalogue.Find("MCD15A2H")!.ScaleIsDivisor);
    }
}

public class ModisCatalogueSchemaTests
{
    [Fact]
    public void PipelineSchema_ListsExactlyTheCatalogueProducts()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TamRl.Upscale.TestSupport.RepoPaths.Root, "schemas", "pipeline-config.schema.json")));
        var product = schema.RootElement.GetProperty("properties").GetProperty("ingest").GetProperty("properties").GetProperty("modis")
            .GetProperty("items").GetProperty("properties").GetProperty("product");
        var listed = product.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(ModisCatalogue.Products.Keys.Order(StringComparer.Ordinal).ToArray(), listed);
    }
}
