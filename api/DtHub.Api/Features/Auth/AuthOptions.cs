using System.ComponentModel.DataAnnotations;
using System.Text;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// <c>Auth</c> settings: which bearer tokens the hub accepts and what callers without one may do.
/// Any OIDC issuer works through <see cref="Authority"/> (signing keys from its discovery document); the local
/// development issuer signs with <see cref="SigningKey"/> (HMAC-SHA256) and is for demos and tests.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>OIDC authority (e.g. a Keycloak realm URL); its JWKS supplies the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>Expected <c>iss</c>; defaults to <see cref="Authority"/>. The development issuer uses it as <c>iss</c> too.</summary>
    public string Issuer { get; set; } = "dthub-dev";

    /// <summary>Expected <c>aud</c>.</summary>
    [Required]
    public string Audience { get; set; } = "dthub-api";

    /// <summary>Symmetric key (≥ 32 bytes of UTF-8) of the local development issuer; keep it in user secrets, never in production config.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Claim carrying the hub role (leader, planner, ward_officer, admin).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Claim carrying a ward officer's ward code.</summary>
    public string WardClaim { get; set; } = "ward";

    /// <summary>Tolerance for clocks that disagree; the library's 5 min default is far too generous.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of tokens printed by <c>dthub token</c>.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Lets callers without a token read (never write). On in the demo, off by default.</summary>
    public bool AllowAnonymousReads { get; set; }

    /// <summary>Refuses an http:// authority unless turned off (for a local identity provider).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool HasDevelopmentIssuer => !string.IsNullOrEmpty(SigningKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey is not null && Encoding.UTF8.GetByteCount(SigningKey) < 32)
            yield return new ValidationResult("Auth:SigningKey must be at least 32 bytes (HMAC-SHA256).", [nameof(SigningKey)]);
    }
}
