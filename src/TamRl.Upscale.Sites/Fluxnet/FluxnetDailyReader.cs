using System.Globalization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Sites.Fluxnet;

/// <summary>
/// Reads ONEFlux daily (DD) CSV files of FLUXNET2015, AmeriFlux FLUXNET, ICOS L2 FLUXNET and JapanFlux.
/// Columns are found by their header name, so reordered columns read the same; -9999 (and an empty
/// field) is missing. A missing required column, a row whose field count differs from the header's
/// (shifted columns), a value that is not a number, a date that does not parse or does not advance, or a
/// QC value outside its release's scale is refused with the file, the column and the line.
/// </summary>
public static class FluxnetDailyReader
{
    public const string Timestamp = "TIMESTAMP";

    /// <summary>The value the releases write for missing data.</summary>
    public const double Missing = -9999;

    /// <summary>Reads a file; the release comes from the file name unless given.</summary>
    /// <param name="extraColumns">More columns to return in <see cref="TowerRecord.Extra"/> (required to exist).</param>
    /// <param name="columns">The target and QC columns; default <see cref="TowerColumns.Default"/> (USTAR50, night-time partitioning).</param>
    public static TowerRecord Read(string path, FluxnetRelease? release = null, IEnumerable<string>? extraColumns = null, TowerColumns? columns = null)
    {
        columns ??= TowerColumns.Default;
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InvalidInputException(full, null, "tower file not found");
        var kind = release ?? FluxnetReleases.FromFileName(full)
            ?? throw new InvalidInputException(full, null, "cannot tell the release from the file name (expected a prefix FLX_, AMF_, ICOSETC_ or JPX_)");
        var site = FluxnetReleases.SiteIdFromFileName(full)
            ?? throw new InvalidInputException(full, null, "cannot read the site id from the file name (expected PREFIX_SITE_...)");
        var extras = (extraColumns ?? []).Distinct().ToArray();

        using var reader = new StreamReader(full);
        var headerLine = reader.ReadLine() ?? throw new InvalidInputException(full, null, "the file is empty (no header line)");
        var header = SplitFields(headerLine).Select(h => h.Trim().Trim('"')).ToArray();
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
            if (!columnOf.TryAdd(header[i], i))
                throw new InvalidInputException(full, header[i], $"line 1: the column appears twice (fields {columnOf[header[i]] + 1} and {i + 1})");

        int Column(string name) => columnOf.TryGetValue(name, out var c)
            ? c
            : throw new InvalidInputException(full, name, $"line 1: required column missing from the header ({header.Length} columns)");
        var timeColumn = Column(Timestamp);
        var fluxColumns = columns.All.Select(Column).ToArray();
        var extraIndices = extras.Select(Column).ToArray();

        var dates = new List<DateOnly>();
        var fluxes = new List<double>[4] { new(), new(), new(), new() };
        var extraValues = extras.Select(_ => new List<double>()).ToArray();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
                continue;
            var fields = SplitFields(line);
            if (fields.Length != header.Length)
                throw FieldCountMismatch(full, header, fields.Length, lineNumber);
            var date = ParseDate(full, fields[timeColumn], lineNumber);
            if (dates.Count > 0 && date <= dates[^1])
                throw new InvalidInputException(full, Timestamp,
                    $"line {lineNumber}: {date:yyyy-MM-dd} does not follow {dates[^1]:yyyy-MM-dd} (duplicate or out-of-order day)");
            // Days the file skips are kept as missing, so the record stays a consecutive daily series.
            if (dates.Count > 0)
                for (var gap = dates[^1].AddDays(1); gap < date; gap = gap.AddDays(1))
                {
                    dates.Add(gap);
                    foreach (var list in fluxes) list.Add(double.NaN);
                    foreach (var list in extraValues) list.Add(double.NaN);
                }
            dates.Add(date);
            var fluxNames = columns.All;
            for (var k = 0; k < 4; k++)
                fluxes[k].Add(ParseValue(full, fluxNames[k], fields[fluxColumns[k]], lineNumber));
            for (var k = 0; k < extras.Length; k++)
                extraValues[k].Add(ParseValue(full, extras[k], fields[extraIndices[k]], lineNumber));
            var qc = fluxes[3][^1];
            if (!double.IsNaN(qc))
                fluxes[3][^1] = QcScale.ToFraction(kind, qc)
                    ?? throw new InvalidInputException(full, columns.NeeQc, $"line {lineNumber}: {qc.ToString(CultureInfo.InvariantCulture)} is not {QcScale.Describe(kind)}");
        }
        if (dates.Count == 0)
            throw new InvalidInputException(full, null, "no data rows after the header");

        float[] Floats(List<double> values) => values.Select(v => (float)v).ToArray();
        var extraMap = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var k = 0; k < extras.Length; k++)
            extraMap[extras[k]] = extraValues[k].ToArray();
        return new TowerRecord(site, kind, full, dates[0], Floats(fluxes[0]), Floats(fluxes[1]), Floats(fluxes[2]), Floats(fluxes[3]), extraMap);
    }

    /// <summary>
    /// A row with more or fewer fields than the header: the columns from there on would be read shifted.
    /// Names the first header column the row leaves without a value (or, for a long row, the last one).
    /// </summary>
    internal static InvalidInputException FieldCountMismatch(string path, string[] header, int fields, int line)
    {
        var column = header[Math.Min(fields, header.Length - 1)];
        var where = fields < header.Length ? $"the row ends before column '{column}'" : $"the row runs past the last column '{column}'";
        return new InvalidInputException(path, column,
            $"line {line}: {fields} fields where the header has {header.Length}: {where} (shifted or missing columns)");
    }

    // FLUXNET-family files are plain comma-separated numbers: no quoting inside data rows.
    private static string[] SplitFields(string line) => line.TrimEnd('\r').Split(',');

    private static DateOnly ParseDate(string path, string field, int line)
    {
        var text = field.Trim();
        // TIMESTAMP is YYYYMMDD in DD files; a YYYYMMDDHHMM start stamp names the same day.
        if ((text.Length == 8 || text.Length == 12) && DateOnly.TryParseExact(text[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new InvalidInputException(path, Timestamp, $"line {line}: '{text}' is not a date YYYYMMDD");
    }

    private static double ParseValue(string path, string column, string field, int line)
    {
        var text = field.Trim();
        if (text.Length == 0)
            return double.NaN;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new InvalidInputException(path, column, $"line {line}: '{text}' is not a number");
        return value == Missing ? double.NaN : value;
    }
}
