namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>
/// The test assembly's own entry point. The test runner never calls it; tests start this assembly as a
/// child process (<c>dotnet TamRl.Upscale.Products.Tests.dll publish-child ...</c>) to kill it in the middle
/// of publishing.
/// </summary>
public static class ChildProcessEntry
{
    public static int Main(string[] args) => args.Length > 0 && args[0] == "publish-child" ? PublishChild.Run(args[1..]) : 0;
}
