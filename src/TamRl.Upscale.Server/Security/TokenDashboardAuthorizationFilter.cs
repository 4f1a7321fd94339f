using Hangfire.Dashboard;

namespace TamRl.Upscale.Server.Security;

/// <summary>
/// The dashboard's own gate, replacing Hangfire's local-requests-only default: on a loopback-only server
/// every request is from this machine; otherwise the token is required (the middleware has asked for it already).
/// </summary>
public sealed class TokenDashboardAuthorizationFilter(TokenCheck? check) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => check is null || check.IsAuthorized(context.GetHttpContext().Request);
}
