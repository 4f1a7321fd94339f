using TamRl.Upscale.Model.Runtime;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void Libtorch_LoadsAndMultiplies()
    {
        TorchRuntime.Initialise();
        using var a = ones(2, 3);
        using var b = ones(3, 4);
        using var c = a.matmul(b);
        Assert.Equal(3f, c[1, 2].item<float>());
    }

    [Fact]
    public void OmpWaitPolicy_ReachesTheNativeEnvironment()
    {
        TorchRuntime.Initialise();
        // Environment.GetEnvironmentVariable reads the native block on Linux only through libc when the
        // variable was not set from .NET, which is exactly the path setenv takes.
        var value = Marshal_GetEnv("OMP_WAIT_POLICY");
        Assert.False(string.IsNullOrEmpty(value));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv(string name);

    private static string? Marshal_GetEnv(string name) =>
        System.Runtime.InteropServices.Marshal.PtrToStringAnsi(GetEnv(name));

    [Theory]
    [InlineData("cpu")]
    [InlineData("auto")]
    public void ResolveDevice_GivesCpuWithoutCuda(string choice)
    {
        if (cuda.is_available())
            return;
        Assert.Equal(TorchSharp.DeviceType.CPU, TorchRuntime.ResolveDevice(choice).type);
    }

    [Fact]
    public void ResolveDevice_RefusesAnUnknownChoice() =>
        Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu"));
}
