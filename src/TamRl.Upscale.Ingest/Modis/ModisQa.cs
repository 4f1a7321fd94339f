namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// Bit-field QA masking. MODIS CMG products carry a 16-bit QA word whose bits 0-1 are the overall quality
/// (00 good, 01 good with caveats, 10 cloudy/probably cloudy, 11 not produced); a composite pixel is
/// dropped when any bit of the reject mask is set (default 0b10: the two bad classes).
/// </summary>
public static class ModisQa
{
    public static bool IsRejected(double rawQa, int rejectMask)
    {
        if (double.IsNaN(rawQa))
            return true;
        var word = (long)rawQa;
        return (word & rejectMask) != 0;
    }
}
