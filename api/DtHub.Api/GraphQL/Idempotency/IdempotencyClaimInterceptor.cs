using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DtHub.Api.GraphQL.Idempotency;

/// <summary>
/// Gives each connection a request with an <c>Idempotency-Key</c> opens the claim's id (<c>dthub.idempotency_id</c>), so
/// the trigger marks the claim applied inside the write's own transaction. Other requests pay nothing.
/// </summary>
public sealed class IdempotencyClaimInterceptor(IHttpContextAccessor http) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (http.HttpContext?.Items[IdempotencyKeyMiddleware.ClaimItem] is long id)
            await SetAsync(connection, id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
    }

    public override async ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (http.HttpContext?.Items.ContainsKey(IdempotencyKeyMiddleware.ClaimItem) == true) await SetAsync(connection, "", CancellationToken.None);
        return result;
    }

    private static async Task SetAsync(DbConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT set_config('dthub.idempotency_id', @id, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
