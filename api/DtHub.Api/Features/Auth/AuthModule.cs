using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// Wires who may do what: bearer tokens (any OIDC issuer, or the development issuer), the credential gate
/// (bad credentials are 401, never silently anonymous) and the write checks the mutations call.
/// </summary>
public static class AuthModule
{
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

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => ConfigureBearer(jwt, auth.Value));
        builder.Services.AddAuthorization();
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

    /// <summary>Authentication, then the gate that turns presented-but-invalid credentials into 401.</summary>
    public static WebApplication UseHubAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<CredentialGate>();
        app.UseAuthorization();
        return app;
    }
}
