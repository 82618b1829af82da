using DtHub.Api.GraphQL.Mutations;
using GraphQL;
using Npgsql;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// Records refused writes in the audit log. Allowed writes are recorded by the database trigger, in the same
/// transaction as the change; a refusal changes nothing, so it has its own one-row insert.
/// </summary>
public static class AuditTrail
{
    public static async Task RecordDenialAsync(IResolveFieldContext context, HubCaller caller, string? entity, long? id, MutationError error)
    {
        var dataSource = context.RequestServices!.GetRequiredService<NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit_log (actor, action, entity, entity_id, allowed, reason)
            VALUES ($1, $2, $3, $4, false, $5)
            """);
        command.Parameters.Add(new() { Value = caller.Actor });
        command.Parameters.Add(new() { Value = context.FieldDefinition.Name });
        command.Parameters.Add(new() { Value = entity ?? "(new)" });
        command.Parameters.Add(new() { Value = (object?)id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? DBNull.Value });
        command.Parameters.Add(new() { Value = $"{error.Field}: {error.Message}" });
        // Recorded even when the client has gone: a refusal must leave a trace.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
