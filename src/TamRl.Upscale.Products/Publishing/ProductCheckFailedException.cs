using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Products.Checks;

namespace TamRl.Upscale.Products.Publishing;

/// <summary>A check failed, so nothing was published; the report (also in OUT/products/checks.json) names the pixels and steps.</summary>
public sealed class ProductCheckFailedException(string checksPath, CheckReport report)
    : InvalidInputException(checksPath, null, $"checks failed, nothing published: {report.Summary()}")
{
    public CheckReport Report { get; } = report;
}
