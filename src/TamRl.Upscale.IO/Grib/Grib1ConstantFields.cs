namespace TamRl.Upscale.IO.Grib;

/// <summary>
/// The value of each constant GRIB1 message (bits per value 0), read from the message's own headers.
/// <para>
/// Why: GDAL 3.6's GRIB1 decoder applies the binary scale factor E to a constant field's reference value,
/// which a constant field must not have (Y = (R + X 2^E) / 10^D with no X): a field of 300 that cdo encodes
/// with E = -2 comes back as 75 (cdo, ecCodes underneath, reads 300). All-zero fields (ssrd at night, tp
/// when dry) are unaffected, but a constant non-zero field (a one-point request, a flat daily field) would be
/// silently wrong, so <see cref="GribDataset"/> puts the reference value back for these messages.
/// </para>
/// <para>
/// Only the fixed-position header fields are read (section 0 length and edition; section 1 flags and
/// decimal scale factor D; the lengths of sections 2 and 3; section 4's bits per value and IBM-float
/// reference value R). A file that is not GRIB1 throughout gives no corrections.
/// </para>
/// </summary>
public static class Grib1ConstantFields
{
    /// <summary>Per message in file order: the constant value (R / 10^D) when bits per value is 0, else null; empty when the file is not all GRIB1.</summary>
    public static IReadOnlyList<double?> Read(string path)
    {
        var result = new List<double?>();
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
            result.Add(ConstantValue(message));
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
