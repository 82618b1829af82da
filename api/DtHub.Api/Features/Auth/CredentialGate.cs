using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// Runs after authentication. A request that presents credentials which did not validate (expired, wrong issuer,
/// wrong key, revoked API key…) is answered 401 instead of being served as anonymous; a request without
/// credentials reaches the data doors only when <see cref="AuthOptions.AllowAnonymousReads"/> is on.
/// </summary>
public sealed class CredentialGate(RequestDelegate next, AuthOptions options)
{
    /// <summary>Doors that serve data. The GraphiQL page and the SDL stay public: they hold no data.</summary>
    private static readonly PathString[] DataDoors = ["/graphql", "/ogc", "/tiles", "/exports", "/reports"];
    private static readonly PathString[] PublicUnderDataDoors = ["/graphql/ui", "/graphql/schema.graphql"];

    public async Task InvokeAsync(HttpContext http)
    {
        var presented = http.Request.Headers.Authorization.Count > 0 || http.Request.Headers.ContainsKey(ApiKeyDefaults.Header);
        var authenticated = http.User.Identity?.IsAuthenticated == true;
        if (presented && !authenticated)
        {
            Data.Outage.DatabaseOutageModule.ThrowIfAuthenticationHitOutage(http);
            await http.ChallengeAsync();
            if (!http.Response.HasStarted) await WriteAsync(http, "The credentials presented are not valid (expired, not yet valid, wrong issuer, audience or key, or revoked).");
            return;
        }
        if (!authenticated && !options.AllowAnonymousReads && IsDataDoor(http.Request.Path))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteAsync(http, "Sign in: this hub does not serve data to anonymous callers (Auth:AllowAnonymousReads is off). Send a bearer token or an X-Api-Key.");
            return;
        }
        await next(http);
    }

    private static bool IsDataDoor(PathString path) =>
        DataDoors.Any(d => path.StartsWithSegments(d)) && !PublicUnderDataDoors.Any(p => path.StartsWithSegments(p));

    private static Task WriteAsync(HttpContext http, string message)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { errors = new[] { new { message, extensions = new { code = "UNAUTHENTICATED" } } } }));
    }
}
