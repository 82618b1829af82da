using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DtHub.Api.Features.Auth;

/// <summary>The local development issuer: signs demo tokens with <see cref="AuthOptions.SigningKey"/> (HS256).</summary>
public sealed class DevTokenIssuer(AuthOptions options)
{
    public static SymmetricSecurityKey Key(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey)) { KeyId = "dthub-dev" };

    /// <summary>A token for <paramref name="role"/> (and <paramref name="wardCode"/> for officers), valid from <paramref name="notBefore"/>.</summary>
    public string Issue(string subject, string role, string? wardCode, DateTime? notBefore = null, TimeSpan? lifetime = null)
    {
        if (!options.HasDevelopmentIssuer)
            throw new InvalidOperationException("Auth:SigningKey is not set: the development issuer is off (set it in user secrets or appsettings.Development.json).");
        var from = notBefore ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = subject, [options.RoleClaim] = role };
        if (wardCode is not null) claims[options.WardClaim] = wardCode;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            IssuedAt = from,
            NotBefore = from,
            Expires = from + (lifetime ?? options.DevTokenLifetime),
            SigningCredentials = new SigningCredentials(Key(options.SigningKey!), SecurityAlgorithms.HmacSha256),
        });
    }
}
