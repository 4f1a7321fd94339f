namespace TamRl.Upscale.Ingest.Modis.Catalogue;

/// <summary>
/// One documented field of a MODIS QA word: bits <see cref="FirstBit"/>..FirstBit+BitCount-1 (bit 0 the
/// least significant, as every MODIS user guide counts them), and the field values a usable pixel may have.
/// </summary>
/// <param name="Meaning">What the field is, in the user guide's words (e.g. "MODLAND_QA").</param>
public sealed record QaBitField(int FirstBit, int BitCount, IReadOnlyList<int> Accepted, string Meaning)
{
    public int ValueOf(long word) => (int)((word >> FirstBit) & ((1L << BitCount) - 1));

    public bool Accepts(long word) => Accepted.Contains(ValueOf(word));

    public override string ToString() =>
        $"{Meaning} (bits {FirstBit}{(BitCount > 1 ? $"-{FirstBit + BitCount - 1}" : "")}) in {{{string.Join(", ", Accepted)}}}";
}
