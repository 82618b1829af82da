using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DtHub.Api.Features.Auth;

/// <summary>Authenticates <c>X-Api-Key</c>: a live key becomes a principal carrying its id, read scopes and rate limit.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string RateLimitClaim = "dthub:rate_limit_per_minute";

    /// <summary>Present ("true") when the key may run registered GraphQL operations only.</summary>
    public const string PersistedOnlyClaim = "dthub:persisted_operations_only";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyDefaults.Header, out var values)) return AuthenticateResult.NoResult();
        var key = await keys.FindLiveAsync(values.ToString().Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Unknown or revoked API key.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(HubCaller.ApiKeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
            new(RateLimitClaim, key.RateLimitPerMinute.ToString(CultureInfo.InvariantCulture)),
        };
        if (key.PersistedOperationsOnly) claims.Add(new(PersistedOnlyClaim, "true"));
        claims.AddRange(key.Scopes.Select(s => new Claim(HubCaller.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyDefaults.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyDefaults.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey";
        return Task.CompletedTask;
    }
}
