namespace TamRl.Upscale.Ingest.Modis.Catalogue;

/// <summary>
/// A product's QA rule: a pixel is kept when its QA word (read raw from one of <see cref="Sds"/>, the
/// first present) passes every field. The QA SDS's own fill value always rejects.
/// </summary>
/// <param name="Sds">Names of the QA dataset, in the order tried (collections and AppEEARS spell them differently).</param>
/// <param name="Source">The document the bit layout comes from.</param>
public sealed record QaRule(IReadOnlyList<string> Sds, IReadOnlyList<QaBitField> Fields, string Source)
{
    public bool Accepts(long word)
    {
        foreach (var field in Fields)
            if (!field.Accepts(word))
                return false;
        return true;
    }

    public override string ToString() => $"{Sds[0]}: {string.Join(" and ", Fields)}";
}
