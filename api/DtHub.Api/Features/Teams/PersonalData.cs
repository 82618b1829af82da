using GraphQL;

namespace DtHub.Api.Features.Teams;

/// <summary>
/// Guards team members' personal data. Until roles exist (issue 9) nobody qualifies: the field is null and the
/// response carries an authorization error, never a silent leak.
/// </summary>
internal static class PersonalData
{
    public static object? Deny(IResolveFieldContext context)
    {
        context.Errors.Add(new ExecutionError("Personal data (team member contact) is visible to admins and to the officers of the team's ward only.")
        {
            Code = "AUTHORIZATION",
            Path = context.ResponsePath,
        });
        return null;
    }
}
