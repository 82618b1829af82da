using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// Tells the database who is writing: when <see cref="WriteAccess"/> has allowed a write in this request, each
/// connection the request opens carries <c>dthub.actor</c>, which the audit trigger records. Reads pay nothing;
/// the setting is cleared before the connection goes back to the pool.
/// </summary>
public sealed class AuditActorInterceptor(IHttpContextAccessor http) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (http.HttpContext?.Items[WriteAccess.ActorItem] is string actor) await SetAsync(connection, actor, cancellationToken);
    }

    public override async ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (http.HttpContext?.Items.ContainsKey(WriteAccess.ActorItem) == true) await SetAsync(connection, "", CancellationToken.None);
        return result;
    }

    private static async Task SetAsync(DbConnection connection, string actor, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT set_config('dthub.actor', @actor, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "actor";
        parameter.Value = actor;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
