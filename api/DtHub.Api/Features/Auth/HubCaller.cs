using System.Security.Claims;

namespace DtHub.Api.Features.Auth;

/// <summary>How a caller proved who it is.</summary>
public enum CallerKind
{
    Anonymous,
    User,
    ApiKey,
}

/// <summary>
/// Who is asking, read from the authenticated principal: a user with a role (and a ward for officers),
/// an integration's API key with its read scopes, or nobody.
/// </summary>
public sealed record HubCaller(CallerKind Kind, string Name, string? Role, string? WardCode, long? ApiKeyId, IReadOnlySet<string> Scopes)
{
    public const string ApiKeyIdClaim = "dthub:api_key_id";
    public const string ScopeClaim = "scope";

    public static readonly HubCaller Anonymous = new(CallerKind.Anonymous, "anonymous", null, null, null, new HashSet<string>());

    public bool IsAdmin => Kind == CallerKind.User && Role == HubRoles.Admin;

    public bool IsWardOfficer => Kind == CallerKind.User && Role == HubRoles.WardOfficer && !string.IsNullOrEmpty(WardCode);

    /// <summary>How the audit log names the caller, e.g. <c>user:demo-admin (admin)</c> or <c>key:12</c>.</summary>
    public string Actor => Kind switch
    {
        CallerKind.User => $"user:{Name} ({Role ?? "no role"}{(WardCode is null ? "" : $", ward {WardCode}")})",
        CallerKind.ApiKey => $"key:{ApiKeyId} ({Name})",
        _ => "anonymous",
    };

    /// <summary>True when an API key may read the given entity type (<c>read:Merchant</c> or <c>read:*</c>).</summary>
    public bool MayRead(string entityType) =>
        Kind != CallerKind.ApiKey || Scopes.Contains("read:*") || Scopes.Contains($"read:{entityType}");

    public static HubCaller From(ClaimsPrincipal? user, AuthOptions options)
    {
        if (user?.Identity?.IsAuthenticated != true) return Anonymous;
        if (user.FindFirst(ApiKeyIdClaim)?.Value is { } keyId)
        {
            return new HubCaller(CallerKind.ApiKey, user.Identity.Name ?? "key", null, null, long.Parse(keyId, System.Globalization.CultureInfo.InvariantCulture),
                user.FindAll(ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
        }
        var name = user.FindFirst("sub")?.Value ?? user.Identity.Name ?? "user";
        var role = user.FindAll(options.RoleClaim).Select(c => c.Value).FirstOrDefault(HubRoles.All.Contains);
        return new HubCaller(CallerKind.User, name, role, user.FindFirst(options.WardClaim)?.Value, null, new HashSet<string>());
    }
}
