using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using GraphQL;
using Microsoft.IdentityModel.Tokens;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// Wires who may do what: bearer tokens (any OIDC issuer, or the development issuer), the credential gate
/// (bad credentials are 401, never silently anonymous) and the write checks the mutations call.
/// </summary>
public static class AuthModule
{
    /// <summary>The default scheme: an API key when <c>X-Api-Key</c> is present, else a bearer token.</summary>
    public const string HubScheme = "Hub";

    public static IHostApplicationBuilder AddHubAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);
        builder.Services.AddSingleton<DevTokenIssuer>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<WriteAccess>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, AuditActorInterceptor>();

        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<AuditLogReader>();
        builder.Services.AddSingleton<DtHub.Api.GraphQL.IQueryFields, AccessQueries>();
        builder.Services.AddSingleton<DtHub.Api.GraphQL.IMutationFields, ApiKeyMutations>();
        builder.Services.AddGraphQL(graphql => graphql.UseMiddleware<EntityScopes>());
        builder.Services.AddAuthentication(HubScheme)
            .AddPolicyScheme(HubScheme, "Bearer token or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyDefaults.Header) ? ApiKeyDefaults.Scheme : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => ConfigureBearer(jwt, auth.Value));
        builder.Services.AddAuthorization();

        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(ClientRateLimiter.Configure);
        return builder;
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        if (!string.IsNullOrEmpty(auth.Authority)) jwt.Authority = auth.Authority;
        var issuers = new List<string>();
        if (!string.IsNullOrEmpty(auth.Issuer)) issuers.Add(auth.Issuer);
        if (!string.IsNullOrEmpty(auth.Authority) && !issuers.Contains(auth.Authority)) issuers.Add(auth.Authority);
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = issuers,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = auth.ClockSkew,
            NameClaimType = "sub",
            RoleClaimType = auth.RoleClaim,
            // The development key joins the authority's JWKS keys; without either, no token validates.
            IssuerSigningKeys = auth.HasDevelopmentIssuer ? [DevTokenIssuer.Key(auth.SigningKey!)] : [],
        };
    }

    /// <summary>Authentication, the per-client rate limit, then the gate that turns presented-but-invalid credentials into 401.</summary>
    public static WebApplication UseHubAccess(this WebApplication app)
    {
        app.UseAuthentication();
        // After authentication (an API key is limited by its own limit), before the gate (bad credentials count too).
        app.UseRateLimiter();
        app.UseMiddleware<CredentialGate>();
        app.UseAuthorization();
        return app;
    }
}
