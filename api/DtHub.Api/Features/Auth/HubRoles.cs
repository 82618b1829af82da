namespace DtHub.Api.Features.Auth;

/// <summary>The hub's roles, as they appear in the token's role claim.</summary>
public static class HubRoles
{
    /// <summary>City and ward chairs: read everything.</summary>
    public const string Leader = "leader";

    /// <summary>The culture-and-information office: read everything, run analytics.</summary>
    public const string Planner = "planner";

    /// <summary>Reads everything; writes only the ward named by the ward claim.</summary>
    public const string WardOfficer = "ward_officer";

    /// <summary>Everything, including API keys and the audit log.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Leader, Planner, WardOfficer, Admin];
}
