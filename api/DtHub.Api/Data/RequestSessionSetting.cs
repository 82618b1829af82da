using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DtHub.Api.Data;

/// <summary>
/// Carries a value of the current request (an <c>HttpContext.Items</c> entry) into a PostgreSQL session setting on
/// every connection the request opens, for triggers to read, and clears it before the connection goes back to the
/// pool. Requests without the value pay nothing.
/// </summary>
public abstract class RequestSessionSetting(IHttpContextAccessor http, string itemKey, string setting) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (http.HttpContext?.Items[itemKey] is { } value)
            await SetAsync(connection, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", cancellationToken);
    }

    public override async ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (http.HttpContext?.Items.ContainsKey(itemKey) == true) await SetAsync(connection, "", CancellationToken.None);
        return result;
    }

    private async Task SetAsync(DbConnection connection, string value, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT set_config(@setting, @value, false)";
        foreach (var (name, text) in new[] { ("setting", setting), ("value", value) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = text;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
