using System.Globalization;
using System.Text.RegularExpressions;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// What a MODIS file's name says, in the LP DAAC convention
/// <c>PRODUCT.AYYYYDDD.hHHvVV.CCC.YYYYDDDHHMMSS.hdf</c> (CMG files have no tile; tools such as MODIStsp
/// prefix the name, so the pattern is searched, not anchored) or AppEEARS' <c>PRODUCT.CCC_aidNNNN.nc</c>,
/// which carries no date (its dates are on the time axis).
/// </summary>
/// <param name="Start">The date AYYYYDDD (year, day of year), or null for AppEEARS files.</param>
/// <param name="Tile">"h18v05", or null for CMG and AppEEARS files.</param>
/// <param name="Collection">"006", "061", "005"...</param>
public sealed partial record ModisFileName(string Product, DateOnly? Start, string? Tile, string Collection)
{
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<product>M[OYC]D[0-9A-Z]+)\.A(?<year>\d{4})(?<doy>\d{3})\.(?:(?<tile>h\d{2}v\d{2})\.)?(?<collection>\d{3})\.")]
    private static partial Regex Granule();

    [GeneratedRegex(@"^(?<product>M[OYC]D[0-9A-Z]+)\.(?<collection>\d{3})_aid\d+")]
    private static partial Regex AppEears();

    /// <summary>The parsed name, or null when the name follows neither convention.</summary>
    public static ModisFileName? TryParse(string path)
    {
        var name = Path.GetFileName(path);
        var m = Granule().Match(name);
        if (m.Success)
        {
            var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            var doy = int.Parse(m.Groups["doy"].Value, CultureInfo.InvariantCulture);
            if (doy < 1 || doy > (DateTime.IsLeapYear(year) ? 366 : 365))
                return null;
            return new ModisFileName(m.Groups["product"].Value, new DateOnly(year, 1, 1).AddDays(doy - 1),
                m.Groups["tile"].Success ? m.Groups["tile"].Value : null, m.Groups["collection"].Value);
        }
        m = AppEears().Match(name);
        return m.Success ? new ModisFileName(m.Groups["product"].Value, null, null, m.Groups["collection"].Value) : null;
    }
}
