using GraphQL;

namespace DtHub.Api.Features.Auth;

/// <summary>Admin-only reads (API keys, the audit log): anyone else gets null and an authorization error entry.</summary>
public static class AdminReads
{
    public static bool Allowed(IResolveFieldContext context)
    {
        if (HubCaller.From(context.User, context.RequestServices!.GetRequiredService<AuthOptions>()).IsAdmin) return true;
        context.Errors.Add(new ExecutionError($"{context.FieldDefinition.Name} is visible to admins only.") { Code = "AUTHORIZATION", Path = context.ResponsePath });
        return false;
    }
}
