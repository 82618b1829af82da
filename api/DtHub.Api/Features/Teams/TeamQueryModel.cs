using System.Linq.Expressions;
using DtHub.Api.GraphQL.Filtering;

namespace DtHub.Api.Features.Teams;

/// <summary>What teams can be filtered and sorted by.</summary>
public sealed class TeamQueryModel : QueryModel<Team>
{
    public TeamQueryModel() : base("Team")
    {
        Field("name", t => t.Name);
        EnumField<TeamLevel, TeamLevelGraphType>("level", t => t.Level);
        Field("foundedOn", t => t.FoundedOn);
        Field("isSynthetic", t => t.IsSynthetic);
        Field("updatedAt", t => t.UpdatedAt);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<Team, int>>)(t => t.Id);
}

public sealed class TeamFilterInputType(TeamQueryModel model) : FilterInputGraphType<Team>(model);

public sealed class TeamSortInputType(TeamQueryModel model) : SortInputGraphType<Team>(model);

/// <summary>What team members can be filtered and sorted by.</summary>
public sealed class TeamMemberQueryModel : QueryModel<TeamMember>
{
    public TeamMemberQueryModel() : base("TeamMember")
    {
        EnumField<TeamRole, TeamRoleGraphType>("role", m => m.Role);
        Field("affiliation", m => m.Affiliation);
        Field("updatedAt", m => m.UpdatedAt);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<TeamMember, int>>)(m => m.Id);
}

public sealed class TeamMemberFilterInputType(TeamMemberQueryModel model) : FilterInputGraphType<TeamMember>(model);

public sealed class TeamMemberSortInputType(TeamMemberQueryModel model) : SortInputGraphType<TeamMember>(model);
