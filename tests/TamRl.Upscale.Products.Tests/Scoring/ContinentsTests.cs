using TamRl.Upscale.Products.Scoring;

namespace TamRl.Upscale.Products.Tests.Scoring;

public class ContinentsTests
{
    [Theory]
    [InlineData(48.9, 2.3, Continents.Europe)]         // Paris
    [InlineData(55.8, 37.6, Continents.Europe)]        // Moscow
    [InlineData(-1.3, 36.8, Continents.Africa)]        // Nairobi
    [InlineData(30.0, 31.2, Continents.Africa)]        // Cairo
    [InlineData(-18.9, 47.5, Continents.Africa)]       // Antananarivo
    [InlineData(24.7, 46.7, Continents.Asia)]          // Riyadh
    [InlineData(39.9, 32.9, Continents.Asia)]          // Ankara
    [InlineData(39.9, 116.4, Continents.Asia)]         // Beijing
    [InlineData(-6.2, 106.8, Continents.Asia)]         // Jakarta
    [InlineData(-33.9, 151.2, Continents.Oceania)]     // Sydney
    [InlineData(-6.0, 145.0, Continents.Oceania)]      // New Guinea
    [InlineData(39.7, -105.0, Continents.NorthAmerica)]// Denver
    [InlineData(72.0, -40.0, Continents.NorthAmerica)] // Greenland
    [InlineData(9.0, -79.5, Continents.NorthAmerica)]  // Panama City
    [InlineData(10.5, -66.9, Continents.SouthAmerica)] // Caracas
    [InlineData(-3.1, -60.0, Continents.SouthAmerica)] // Manaus
    [InlineData(-75.0, 0.0, Continents.Antarctica)]
    [InlineData(-70.0, 190.0, Continents.Antarctica)]  // 0..360 longitudes too
    public void Of_NamesTheContinent_OfWellKnownPlaces(double latitude, double longitude, string expected) =>
        Assert.Equal(expected, Continents.Of(latitude, longitude));
}
