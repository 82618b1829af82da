using DtHub.Api.Data;
using DtHub.Api.Features.Auth;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Mutations;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Features.Teams;

/// <summary>createTeam / updateTeam / deleteTeam and the same trio for team members.</summary>
public sealed class TeamMutations : IMutationFields
{
    public void AddTo(HubMutation mutation)
    {
        mutation.AddCrud<TeamPayloadGraphType, CreateTeamInputGraphType, UpdateTeamInputGraphType, Team>(
            "Team", "Founds a team serving a ward (wardId) or one neighbourhood (neighborhoodId).", SaveTeamAsync,
            (db, id) => db.Teams.Where(t => t.Id == id));
        mutation.AddCrud<TeamMemberPayloadGraphType, CreateTeamMemberInputGraphType, UpdateTeamMemberInputGraphType, TeamMember>(
            "TeamMember", "Adds a seat to a team, with the member's contact details (personal data).", TeamMemberWrites.SaveAsync,
            (db, id) => db.TeamMembers.Where(m => m.Id == id));
    }

    private static async Task<Payload<Team>> SaveTeamAsync(IResolveFieldContext context, bool creating)
    {
        var input = new InputReader((IDictionary<string, object?>)context.Arguments!["input"].Value!);
        var id = creating ? null : input.Id("id", "Team", required: true);
        var name = input.Text("name", required: creating, maxLength: 200);
        var foundedOn = input.Value<DateOnly>("foundedOn", required: false);
        long? wardId = null, neighborhoodId = null;
        if (creating)
        {
            wardId = input.Id("wardId", "Ward", required: false);
            neighborhoodId = input.Id("neighborhoodId", "Neighborhood", required: false);
            if ((wardId is null) == (neighborhoodId is null) && input.Errors.Count == 0)
                input.Errors.Add(new MutationError("INVALID_VALUE", "wardId", "Give exactly one of wardId (a ward-level team) or neighborhoodId (a neighbourhood team)."));
        }
        if (input.Errors.Count > 0) return Payload<Team>.Failed(input.Errors);

        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        Team? team;
        if (creating)
        {
            team = new Team { Name = name!, FoundedOn = foundedOn ?? DateOnly.FromDateTime(DateTime.UtcNow) };
            if (neighborhoodId is { } n)
            {
                var ward = await db.Neighborhoods.Where(x => x.Id == n).Select(x => (int?)x.WardId).FirstOrDefaultAsync(context.CancellationToken);
                if (ward is null) return Payload<Team>.Failed(MutationError.NotFound("neighborhoodId", "neighbourhood"));
                (team.Level, team.NeighborhoodId, team.WardId) = (TeamLevel.Neighborhood, (int)n, ward.Value);
            }
            else
            {
                if (!await db.Wards.AnyAsync(w => w.Id == wardId, context.CancellationToken))
                    return Payload<Team>.Failed(MutationError.NotFound("wardId", "ward"));
                (team.Level, team.WardId) = (TeamLevel.Ward, (int)wardId!.Value);
            }
            db.Teams.Add(team);
        }
        else
        {
            team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, context.CancellationToken);
            if (team is null) return Payload<Team>.Failed(MutationError.NotFound("id", "team"));
            if (name is not null) team.Name = name;
            if (foundedOn is { } f) team.FoundedOn = f;
        }
        var wardField = creating ? (neighborhoodId is null ? "wardId" : "neighborhoodId") : "id";
        if (await WriteAccess.DenyAsync(context, wardField, WriteAccess.Target.Team, id, team.WardId) is { } denied)
            return Payload<Team>.Failed(denied);
        team.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(context.CancellationToken);
        return new Payload<Team>(team, []);
    }
}

public sealed class TeamPayloadGraphType() : PayloadGraphType<TeamGraphType, Team>("TeamPayload", "team");

public sealed class CreateTeamInputGraphType : InputObjectGraphType
{
    public CreateTeamInputGraphType()
    {
        Name = "CreateTeamInput";
        Description = "A new team: give wardId for a ward-level team or neighborhoodId for a neighbourhood team.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Team name.");
        Field<IdGraphType>("wardId").Description("The ward served (ward-level team).");
        Field<IdGraphType>("neighborhoodId").Description("The neighbourhood served (neighbourhood team).");
        Field<DateOnlyGraphType>("foundedOn").Description("Founding date (default today).");
    }
}

public sealed class UpdateTeamInputGraphType : InputObjectGraphType
{
    public UpdateTeamInputGraphType()
    {
        Name = "UpdateTeamInput";
        Description = "Fields to change; omitted fields stay as they are.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The team to change.");
        Field<StringGraphType>("name").Description("Team name.");
        Field<DateOnlyGraphType>("foundedOn").Description("Founding date.");
    }
}
