namespace TamRl.Upscale.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: bench/run.sh [io]");
        return 1;
    }
}
