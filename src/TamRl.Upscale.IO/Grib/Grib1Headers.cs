namespace TamRl.Upscale.IO.Grib;

/// <summary>What GDAL's GRIB driver does not tell (or tells wrongly) about a GRIB1 message.</summary>
/// <param name="Constant">A constant field's value (bits per value 0): R / 10^D; null otherwise.</param>
/// <param name="TimeRangeIndicator">Section 1 octet 21 (0 forecast at P1, 4 accumulation from P1 to P2...).</param>
/// <param name="AccumulationHours">For an accumulation (indicator 4), P2 - P1 in hours; null otherwise.</param>
/// <param name="EnsembleMember">ECMWF's <c>number</c> for a member of an ensemble (local definitions 1 and 36: octet 50, with octet 51, the ensemble size, above 0); null otherwise.</param>
public sealed record Grib1Header(double? Constant, int TimeRangeIndicator, double? AccumulationHours, int? EnsembleMember = null);

/// <summary>
/// Reads each GRIB1 message's own headers: the value of a constant message (bits per value 0), the
/// accumulation window and the ensemble member.
/// <para>
/// Why: GDAL 3.6's GRIB1 decoder applies the binary scale factor E to a constant field's reference value,
/// which a constant field must not have (Y = (R + X 2^E) / 10^D with no X): a field of 300 that cdo encodes
/// with E = -2 comes back as 75 (cdo, ecCodes underneath, reads 300). All-zero fields (ssrd at night, tp
/// when dry) are unaffected, but a constant non-zero field (a one-point request, a flat daily field) would be
/// silently wrong, so <see cref="GribDataset"/> puts the reference value back for these messages.
/// </para>
/// <para>
/// Why the window: GDAL 3.6 reports a GRIB1 message's valid time (reference + P2 for an accumulation) but
/// not P1, so it cannot tell ERA5's hourly accumulations (P2 - P1 = 1 h) from running totals since the
/// reference time (ERA5-Land, forecasts): the grib layout refuses the latter.
/// </para>
/// <para>
/// Only the fixed-position header fields are read (section 0 length and edition; section 1 flags, time
/// unit, P1, P2, time range indicator, decimal scale factor D and ECMWF's ensemble member number; the lengths of sections 2 and 3; section
/// 4's bits per value and IBM-float reference value R). A file that is not GRIB1 throughout gives nothing.
/// </para>
/// </summary>
public static class Grib1Headers
{
    /// <summary>Per message in file order; empty when the file is not all GRIB1.</summary>
    public static IReadOnlyList<Grib1Header> Read(string path)
    {
        var result = new List<Grib1Header>();
        using var stream = File.OpenRead(path);
        var header = new byte[8];
        long position = 0;
        while ((position = FindNext(stream, position)) >= 0)
        {
            stream.Position = position;
            if (stream.Read(header, 0, 8) != 8 || header[7] != 1)
                return [];
            var length = (header[4] << 16) | (header[5] << 8) | header[6];
            if ((length & 0x800000) != 0 || length < 8 + 28 + 11)
                return []; // ECMWF's large-message length convention: leave such files to GDAL alone
            var message = new byte[length - 8];
            if (stream.Read(message, 0, message.Length) != message.Length)
                return [];
            result.Add(new Grib1Header(ConstantValue(message), message[20], AccumulationHours(message), EnsembleMember(message)));
            position += length;
        }
        return result;
    }

    /// <summary>Sections 1 to 4 of one message (after section 0).</summary>
    private static double? ConstantValue(ReadOnlySpan<byte> m)
    {
        var pdsLength = Length3(m);
        var flags = m[7];
        var d = Signed16(m[26], m[27]); // octets 27-28: decimal scale factor
        var offset = pdsLength;
        if ((flags & 0x80) != 0)
            offset += Length3(m[offset..]);
        if ((flags & 0x40) != 0)
            offset += Length3(m[offset..]);
        var bds = m[offset..];
        if (bds.Length < 11 || bds[10] != 0 || (bds[3] & 0x80) != 0) // bits per value 0, grid-point data
            return null;
        return Ibm32(bds.Slice(6, 4)) * Math.Pow(10, -d);
    }

    /// <summary>P2 - P1 in hours for time range indicator 4 (octets 18-21 of section 1: unit, P1, P2, indicator).</summary>
    private static double? AccumulationHours(ReadOnlySpan<byte> m)
    {
        if (m[20] != 4)
            return null;
        double? unitHours = m[17] switch
        {
            0 => 1 / 60.0, 1 => 1, 2 => 24, 10 => 3, 11 => 6, 12 => 12, 13 => 0.25, 14 => 0.5, 254 => 1 / 3600.0, _ => null,
        };
        return unitHours * (m[19] - m[18]);
    }

    /// <summary>
    /// ECMWF (centre 98) local extension of section 1, definitions 1 and 36 (the ERA5 ensemble's, as in the
    /// cfgrib sample): octet 41 the definition, 50 the member number, 51 the number of members (0 outside an
    /// ensemble). GDAL 3.6 does not report it for GRIB1.
    /// </summary>
    private static int? EnsembleMember(ReadOnlySpan<byte> m)
    {
        var pdsLength = Length3(m);
        if (pdsLength < 51 || m[4] != 98 || m[40] is not (1 or 36) || m[50] == 0)
            return null;
        return m[49];
    }

    private static int Length3(ReadOnlySpan<byte> s) => (s[0] << 16) | (s[1] << 8) | s[2];

    private static int Signed16(byte high, byte low) => ((high & 0x80) != 0 ? -1 : 1) * (((high & 0x7F) << 8) | low);

    /// <summary>IBM System/360 single precision: sign, 7-bit base-16 exponent biased by 64, 24-bit fraction.</summary>
    private static double Ibm32(ReadOnlySpan<byte> b)
    {
        var sign = (b[0] & 0x80) != 0 ? -1 : 1;
        var exponent = (b[0] & 0x7F) - 64;
        var fraction = (b[1] << 16) | (b[2] << 8) | b[3];
        return sign * fraction / 16777216.0 * Math.Pow(16, exponent);
    }

    /// <summary>The position of the next "GRIB" at or after <paramref name="from"/> (messages may be padded), or -1.</summary>
    private static long FindNext(Stream stream, long from)
    {
        var buffer = new byte[4096];
        while (from < stream.Length)
        {
            stream.Position = from;
            var read = stream.Read(buffer, 0, buffer.Length);
            if (read < 4)
                return -1;
            var at = buffer.AsSpan(0, read).IndexOf("GRIB"u8);
            if (at >= 0)
                return from + at;
            from += read - 3;
        }
        return -1;
    }
}
