using System.Linq.Expressions;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using GraphQL.Types;

namespace DtHub.Api.Features.Teams;

/// <summary>GraphQL type of a community digital-technology team.</summary>
public sealed class TeamGraphType : ObjectGraphType<Team>
{
    /// <summary>The id as a lookup key, built once: an inline lambda in a resolver is rebuilt, with reflection, for every row.</summary>
    public static readonly Expression<Func<Team, long>> Key = t => t.Id;
    private static readonly Expression<Func<TeamMember, int>> MembersOfTeam = m => m.TeamId;

    public TeamGraphType(TeamMemberQueryModel members)
    {
        Name = "Team";
        Description = "A community digital-technology team (Tổ công nghệ số cộng đồng).";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is Team;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field(t => t.Name).Description("Team name.");
        Field<NonNullGraphType<TeamLevelGraphType>>("level").Description("Serves a whole ward or one neighbourhood.").Resolve(c => c.Source.Level)
            .FieldType.CompilesTo(new EnumSql(nameof(Team.Level)));
        Field(t => t.FoundedOn).Description("Founding date.");
        Field(t => t.IsSynthetic).Description("True for generated demo rows.");
        Field(t => t.UpdatedAt).Description("Last change.");
        Field<NonNullGraphType<WardGraphType>>("ward")
            .Description("The ward served, or the ward of the neighbourhood served.")
            .ResolveReference(x => x.WardId, nameof(Team.WardId), "Ward", db => db.Wards, WardGraphType.Key);
        Field<NeighborhoodGraphType>("neighborhood")
            .Description("The neighbourhood served, for neighbourhood-level teams.")
            .ResolveReference(x => x.NeighborhoodId, nameof(Team.NeighborhoodId), "Neighborhood", db => db.Neighborhoods, NeighborhoodGraphType.Key);
        this.Connection<Team, TeamMemberGraphType, TeamMember, TeamMemberFilterInputType, TeamMemberSortInputType>("members", "Seats on the team and their roles.")
            .ResolveChildren(x => x.Id, members, db => db.TeamMembers, MembersOfTeam, nameof(TeamMember.TeamId));
    }
}

/// <summary>GraphQL type of a team seat; the person's contact details are personal data and guarded.</summary>
public sealed class TeamMemberGraphType : ObjectGraphType<TeamMember>
{
    public TeamMemberGraphType()
    {
        Name = "TeamMember";
        Description = "A seat on a team. Who holds it (name, phone) is personal data: see contact.";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is TeamMember;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field<NonNullGraphType<TeamRoleGraphType>>("role").Description("Role on the team.").Resolve(c => c.Source.Role)
            .FieldType.CompilesTo(new EnumSql(nameof(TeamMember.Role)));
        Field(m => m.Affiliation, nullable: true).Description("Organisation or position, e.g. \"Đoàn Thanh niên\".");
        Field(m => m.UpdatedAt).Description("Last change.");
        Field<NonNullGraphType<TeamGraphType>>("team")
            .Description("The team.")
            .ResolveReference(x => x.TeamId, nameof(TeamMember.TeamId), "Team", db => db.Teams, TeamGraphType.Key);
        Field<TeamMemberContactGraphType>("contact")
            .Description("Name and phone of the member: personal data, visible to admins and the officers of the team's ward only.")
            .Resolve(PersonalData.Resolve);
    }
}

/// <summary>Name and contact of a team member (personal data).</summary>
public sealed class TeamMemberContactGraphType : ObjectGraphType<TeamMemberContact>
{
    public TeamMemberContactGraphType()
    {
        Name = "TeamMemberContact";
        Description = "Personal data of a team member.";
        Field(c => c.FullName).Description("Full name.");
        Field(c => c.Phone, nullable: true).Description("Phone number.");
        Field(c => c.Email, nullable: true).Description("E-mail address.");
    }
}

public sealed class TeamLevelGraphType : EnumerationGraphType<TeamLevel>
{
    public TeamLevelGraphType()
    {
        Name = "TeamLevel";
        Description = "WARD or NEIGHBORHOOD.";
    }
}

public sealed class TeamRoleGraphType : EnumerationGraphType<TeamRole>
{
    public TeamRoleGraphType()
    {
        Name = "TeamRole";
        Description = "LEADER, DEPUTY, MEMBER or BANK_STAFF.";
    }
}
