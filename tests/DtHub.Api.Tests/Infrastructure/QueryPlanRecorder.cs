using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>Records the PostgreSQL plan of every query EF sends, by running EXPLAIN with the same text and parameters first.</summary>
public sealed class QueryPlanRecorder : DbCommandInterceptor
{
    private readonly List<(string Sql, string Plan)> _plans = [];

    public IReadOnlyList<(string Sql, string Plan)> Plans
    {
        get { lock (_plans) return _plans.ToList(); }
    }

    public void Clear()
    {
        lock (_plans) _plans.Clear();
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN " + command.CommandText, (NpgsqlConnection)command.Connection!, (NpgsqlTransaction?)command.Transaction);
        foreach (NpgsqlParameter p in command.Parameters) explain.Parameters.Add(p.Clone());
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(0));
        lock (_plans) _plans.Add((command.CommandText, string.Join('\n', lines)));
        return result;
    }
}
