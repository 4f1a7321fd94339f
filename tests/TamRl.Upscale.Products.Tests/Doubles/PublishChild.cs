using TamRl.Upscale.Products.Publishing;

namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>
/// Child-process body for the killed-mid-publish tests: publishes RUN into OUT, and after step STEP
/// writes MARKER and waits to be killed. Arguments: RUN OUT STEP MARKER.
/// </summary>
public static class PublishChild
{
    public static int Run(string[] args)
    {
        var (runDir, outDir, stopAfter, marker) = (args[0], args[1], Enum.Parse<PublishStep>(args[2]), args[3]);
        ProductPublisher.Publish(runDir, outDir, new PublishOptions
        {
            Quicklooks = false,
            Checks = TestChecks.Lenient,
            OnStep = step =>
            {
                if (step != stopAfter)
                    return;
                File.WriteAllText(marker, step.ToString());
                Thread.Sleep(Timeout.Infinite);
            },
        });
        return 0;
    }
}
