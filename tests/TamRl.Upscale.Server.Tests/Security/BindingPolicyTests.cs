using TamRl.Upscale.Server.Security;

namespace TamRl.Upscale.Server.Tests.Security;

public class BindingPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.2:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://10.1.2.3:5080", false)]
    [InlineData("http://tamrl.example.org:5080", false)]
    public void Only_loopback_addresses_count_as_loopback(string url, bool loopback) =>
        Assert.Equal(loopback, BindingPolicy.IsLoopback(url));

    [Fact]
    public void One_non_loopback_binding_among_loopback_ones_makes_the_server_public() =>
        Assert.False(BindingPolicy.IsLoopbackOnly(["http://127.0.0.1:1", "http://0.0.0.0:2"]));
}
