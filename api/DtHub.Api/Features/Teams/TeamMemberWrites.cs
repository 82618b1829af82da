using DtHub.Api.Data;
using DtHub.Api.Features.Auth;
using DtHub.Api.GraphQL.Mutations;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Features.Teams;

/// <summary>Creating and changing team seats; contact details go to their own table.</summary>
internal static class TeamMemberWrites
{
    public static async Task<Payload<TeamMember>> SaveAsync(IResolveFieldContext context, bool creating)
    {
        var input = new InputReader((IDictionary<string, object?>)context.Arguments!["input"].Value!);
        var id = creating ? null : input.Id("id", "TeamMember", required: true);
        var teamId = creating ? input.Id("teamId", "Team", required: true) : null;
        var role = input.Value<TeamRole>("role", required: creating);
        var affiliation = input.Text("affiliation", required: false, maxLength: 200);
        var fullName = input.Text("fullName", required: creating, maxLength: 200);
        var phone = input.Text("phone", required: false, maxLength: 32);
        if (phone is not null && !phone.All(ch => char.IsDigit(ch) || ch is ' ' or '+' or '.' or '-'))
            input.Errors.Add(new MutationError("INVALID_VALUE", "phone", "phone may hold digits, spaces, '+', '.' and '-' only."));
        var email = input.Text("email", required: false, maxLength: 200);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
            input.Errors.Add(new MutationError("INVALID_VALUE", "email", "email must contain '@'."));
        if (input.Errors.Count > 0) return Payload<TeamMember>.Failed(input.Errors);

        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        TeamMember? member;
        if (creating)
        {
            if (!await db.Teams.AnyAsync(t => t.Id == teamId, context.CancellationToken))
                return Payload<TeamMember>.Failed(MutationError.NotFound("teamId", "team"));
            member = new TeamMember { TeamId = (int)teamId!.Value, Contact = new TeamMemberContact { FullName = fullName! } };
            db.TeamMembers.Add(member);
        }
        else
        {
            member = await db.TeamMembers.Include(m => m.Contact).FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken);
            if (member is null) return Payload<TeamMember>.Failed(MutationError.NotFound("id", "team member"));
            member.Contact ??= new TeamMemberContact { FullName = fullName ?? "" };
        }
        if (role is { } r) member.Role = r;
        if (input.Has("affiliation")) member.Affiliation = affiliation;
        if (fullName is not null) member.Contact!.FullName = fullName;
        if (input.Has("phone")) member.Contact!.Phone = phone;
        if (input.Has("email")) member.Contact!.Email = email;
        var (field, target, existing) = creating ? ("teamId", WriteAccess.Target.Team, teamId) : ("id", WriteAccess.Target.TeamMember, id);
        if (await WriteAccess.DenyAsync(context, field, target, existing, null) is { } denied)
            return Payload<TeamMember>.Failed(denied);
        member.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(context.CancellationToken);
        return new Payload<TeamMember>(member, []);
    }
}

public sealed class TeamMemberPayloadGraphType() : PayloadGraphType<TeamMemberGraphType, TeamMember>("TeamMemberPayload", "teamMember");

public abstract class TeamMemberInputGraphType : InputObjectGraphType
{
    protected TeamMemberInputGraphType(string name, bool creating)
    {
        Name = name;
        Description = creating ? "A new seat on a team and who holds it." : "Fields to change; omitted fields stay as they are.";
        if (creating) Field<NonNullGraphType<IdGraphType>>("teamId").Description("The team.");
        else Field<NonNullGraphType<IdGraphType>>("id").Description("The seat to change.");
        Field<TeamRoleGraphType>("role").Description("Role on the team (required on create).");
        Field<StringGraphType>("affiliation").Description("Organisation or position.");
        Field<StringGraphType>("fullName").Description("Member's full name — personal data (required on create).");
        Field<StringGraphType>("phone").Description("Phone number — personal data.");
        Field<StringGraphType>("email").Description("E-mail — personal data.");
    }
}

public sealed class CreateTeamMemberInputGraphType() : TeamMemberInputGraphType("CreateTeamMemberInput", creating: true);

public sealed class UpdateTeamMemberInputGraphType() : TeamMemberInputGraphType("UpdateTeamMemberInput", creating: false);
