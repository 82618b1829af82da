using DtHub.Api.Data;
using DtHub.Api.Features.Auth;
using DtHub.Api.GraphQL.DataLoading;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Features.Teams;

/// <summary>
/// Guards team members' personal data: admins and the ward officers of the team's ward see it; everyone else
/// gets null and an authorization error entry, never a silent leak. Callers who can never qualify cost no SQL.
/// </summary>
internal static class PersonalData
{
    private sealed record Guarded(string WardCode, TeamMemberContact? Contact);

    public static object? Resolve(IResolveFieldContext<TeamMember> context)
    {
        var caller = HubCaller.From(context.User, context.RequestServices!.GetRequiredService<AuthOptions>());
        if (!caller.IsAdmin && !caller.IsWardOfficer) return Deny(context);

        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var loader = context.RequestServices!.GetRequiredService<DataLoaders>().GetOrAdd<int, Guarded?>(
            "TeamMember#contact",
            async (ids, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var rows = await db.TeamMembers.AsNoTracking()
                    .Where(m => ids.Contains(m.Id))
                    .Select(m => new { m.Id, m.Team!.Ward!.Code, m.Contact })
                    .ToListAsync(ct);
                return rows.ToDictionary(r => r.Id, r => (Guarded?)new Guarded(r.Code, r.Contact));
            },
            null);
        return new Checked(loader.Load(context.Source.Id), guarded =>
            guarded is null ? null
            : caller.IsAdmin || guarded.WardCode == caller.WardCode ? guarded.Contact
            : Deny(context));
    }

    /// <summary>Applies the ward check once the batch has loaded (the executor awaits it after the level).</summary>
    private sealed class Checked(IDataLoaderResult<Guarded?> pending, Func<Guarded?, TeamMemberContact?> check) : IDataLoaderResult<TeamMemberContact?>
    {
        public async Task<TeamMemberContact?> GetResultAsync(CancellationToken cancellationToken = default) =>
            check(await pending.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    private static TeamMemberContact? Deny(IResolveFieldContext context)
    {
        context.Errors.Add(new ExecutionError("Personal data (team member contact) is visible to admins and to the officers of the team's ward only.")
        {
            Code = "AUTHORIZATION",
            Path = context.ResponsePath,
        });
        return null;
    }
}
