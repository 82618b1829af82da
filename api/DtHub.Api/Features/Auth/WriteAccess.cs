using DtHub.Api.Data;
using DtHub.Api.GraphQL.Mutations;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// The one check every mutation makes before it saves: may this caller write in the target ward(s)?
/// Admins write everywhere; ward officers only in the ward of their token's ward claim — for an update or delete
/// both the row's current ward and, if it moves, the new one; everyone else never. A refusal is a typed payload
/// error <c>FORBIDDEN</c> naming the input field that decided the ward, and it is written to the audit log.
/// </summary>
public sealed class WriteAccess(IDbContextFactory<HubDbContext> contexts, AuthOptions options, IHttpContextAccessor http)
{
    public const string Code = "FORBIDDEN";

    /// <summary>HttpContext item holding the actor of an allowed write; the database audit trigger records it.</summary>
    public const string ActorItem = "dthub:write-actor";

    /// <summary>Entities whose current ward the check can look up by id.</summary>
    public enum Target
    {
        Merchant,
        WifiPoint,
        ModelStreet,
        Team,
        TeamMember,
        WardReport,
    }

    /// <summary>
    /// Null when the write may go ahead, else the payload error. <paramref name="existing"/> names a row whose
    /// current ward counts (updates, deletes, or the team a member joins); <paramref name="newWardId"/> the ward the
    /// row will be in.
    /// </summary>
    public static Task<MutationError?> DenyAsync(IResolveFieldContext context, string field, Target? target, long? existing, int? newWardId) =>
        context.RequestServices!.GetRequiredService<WriteAccess>().CheckAsync(context, field, target, existing, newWardId);

    /// <summary>Null when the caller is an admin, else the payload error (audited): key management is admin-only.</summary>
    public static async Task<MutationError?> DenyUnlessAdminAsync(IResolveFieldContext context, string field)
    {
        var services = context.RequestServices!;
        var caller = HubCaller.From(context.User, services.GetRequiredService<AuthOptions>());
        if (caller.IsAdmin)
        {
            if (services.GetRequiredService<IHttpContextAccessor>().HttpContext is { } h) h.Items[ActorItem] = caller.Actor;
            return null;
        }
        var error = new MutationError(Code, field, "Only admins manage API keys.");
        await AuditTrail.RecordDenialAsync(context, caller, "ApiKey", null, error);
        return error;
    }

    /// <summary>
    /// For mutations without payload errors (refreshAggregates): throws an <c>AUTHORIZATION</c> error unless the
    /// caller is a user with one of <paramref name="roles"/> (admins always qualify). The refusal is audited.
    /// </summary>
    public static async Task RequireRoleAsync(IResolveFieldContext context, params string[] roles)
    {
        var caller = HubCaller.From(context.User, context.RequestServices!.GetRequiredService<AuthOptions>());
        if (caller.IsAdmin || (caller.Kind == CallerKind.User && caller.Role is { } role && roles.Contains(role))) return;
        var message = $"{context.FieldDefinition.Name} needs the role {string.Join(" or ", roles.Append(HubRoles.Admin).Distinct())}.";
        await AuditTrail.RecordDenialAsync(context, caller, null, null, new MutationError(Code, null, message));
        throw new ExecutionError(message) { Code = "AUTHORIZATION" };
    }

    public async Task<MutationError?> CheckAsync(IResolveFieldContext context, string field, Target? target, long? existing, int? newWardId)
    {
        var caller = HubCaller.From(context.User, options);
        var reason = caller switch
        {
            { IsAdmin: true } => null,
            { Kind: CallerKind.Anonymous } => "Sign in to change data: writes need a bearer token of a ward officer or an admin.",
            { Kind: CallerKind.ApiKey } => "API keys are read-only.",
            { IsWardOfficer: true } => await OtherWardAsync(caller.WardCode!, target, existing, newWardId, context.CancellationToken),
            { Role: HubRoles.WardOfficer } => "Your token names no ward (claim '" + options.WardClaim + "'): a ward officer writes only in their ward.",
            _ => $"The {caller.Role ?? "(no role)"} role reads only; writes need a ward officer of the ward or an admin.",
        };
        if (reason is null)
        {
            if (http.HttpContext is { } h) h.Items[ActorItem] = caller.Actor;
            return null;
        }
        var error = new MutationError(Code, field, reason);
        await AuditTrail.RecordDenialAsync(context, caller, target?.ToString(), existing, error);
        return error;
    }

    private async Task<string?> OtherWardAsync(string wardCode, Target? target, long? existing, int? newWardId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var wards = new List<int>();
        if (target is { } t && existing is { } id && await CurrentWard(db, t, id).FirstOrDefaultAsync(cancellationToken) is { } current) wards.Add(current);
        if (newWardId is { } n) wards.Add(n);
        if (wards.Count == 0) return null; // nothing to protect: the mutation reports NOT_FOUND itself
        var foreign = await db.Wards.Where(w => wards.Contains(w.Id) && w.Code != wardCode).Select(w => w.Code).Distinct().ToListAsync(cancellationToken);
        return foreign.Count == 0
            ? null
            : $"A ward officer of {wardCode} writes only in that ward; this change touches ward {string.Join(", ", foreign)}.";
    }

    private static IQueryable<int?> CurrentWard(HubDbContext db, Target target, long id) => target switch
    {
        Target.Merchant => db.Merchants.Where(x => x.Id == id).Select(x => (int?)x.WardId),
        Target.WifiPoint => db.WifiPoints.Where(x => x.Id == id).Select(x => (int?)x.WardId),
        Target.ModelStreet => db.ModelStreets.Where(x => x.Id == id).Select(x => (int?)x.WardId),
        Target.Team => db.Teams.Where(x => x.Id == id).Select(x => (int?)x.WardId),
        Target.TeamMember => db.TeamMembers.Where(x => x.Id == id).Select(x => (int?)x.Team!.WardId),
        Target.WardReport => db.WardReports.Where(x => x.Id == id).Select(x => (int?)x.WardId),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };
}
