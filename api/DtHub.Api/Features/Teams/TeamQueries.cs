using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;

namespace DtHub.Api.Features.Teams;

/// <summary>Root fields for teams.</summary>
public sealed class TeamQueries(TeamQueryModel model) : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Connection<object?, TeamGraphType, Team, TeamFilterInputType, TeamSortInputType>("teams",
                "Community digital-technology teams.")
            .ResolveRows(model, db => db.Teams);

    public static INodeSource Node() => new NodeSource<Team>("Team",
        (c, id) => EntityLookup.Load(c, id, "Team", db => db.Teams, t => (long)t.Id));

    public static INodeSource MemberNode() => new NodeSource<TeamMember>("TeamMember",
        (c, id) => EntityLookup.Load(c, id, "TeamMember", db => db.TeamMembers, m => (long)m.Id));
}

public static class TeamModule
{
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddSingleton<TeamQueryModel>();
        services.AddSingleton<TeamMemberQueryModel>();
        services.AddSingleton<IQueryFields, TeamQueries>();
        services.AddSingleton(TeamQueries.Node());
        services.AddSingleton(TeamQueries.MemberNode());
        services.AddSingleton<IMutationFields, TeamMutations>();
        return services;
    }
}
