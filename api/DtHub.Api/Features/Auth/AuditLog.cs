using System.Text;
using DtHub.Api.GraphQL.Relay;
using Npgsql;

namespace DtHub.Api.Features.Auth;

/// <summary>One recorded write or refused write.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Entity, string? EntityId, bool Allowed,
    string? Before, string? After, string? Reason);

/// <summary>What an admin may filter the audit log by.</summary>
public sealed record AuditFilter(string? Actor, string? Entity, string? EntityId, bool? Allowed, DateTimeOffset? Since, DateTimeOffset? Until);

/// <summary>Reads the audit log, newest first, a page at a time (the cursor is the last id seen).</summary>
public sealed class AuditLogReader(NpgsqlDataSource dataSource)
{
    public async Task<Connection<AuditEntry>> PageAsync(int first, string? after, AuditFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT id, at, actor, action, entity, entity_id, allowed, before::text, after::text, reason FROM audit_log WHERE true");
        await using var command = dataSource.CreateCommand();
        void Where(string condition, object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            sql.Append(" AND ").Append(condition.Replace("$", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }
        if (after is not null) Where("id < $", DecodeCursor(after));
        if (filter.Actor is { } actor) Where("actor ILIKE '%' || $ || '%'", actor);
        if (filter.Entity is { } entity) Where("entity = $", entity);
        if (filter.EntityId is { } entityId) Where("entity_id = $", entityId);
        if (filter.Allowed is { } allowed) Where("allowed = $", allowed);
        if (filter.Since is { } since) Where("at >= $", since);
        if (filter.Until is { } until) Where("at < $", until);
        sql.Append(" ORDER BY id DESC LIMIT ").Append(first + 1);
        command.CommandText = sql.ToString();

        var rows = new List<AuditEntry>();
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                rows.Add(new AuditEntry(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetString(5), r.GetBoolean(6), r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9)));
            }
        }
        var page = rows.Take(first).ToList();
        var edges = page.Select(e => new Edge<AuditEntry>(EncodeCursor(e.Id), e)).ToList();
        return new Connection<AuditEntry>
        {
            Edges = edges,
            PageInfo = new PageInfo(rows.Count > first, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
            TotalCount = null,
        };
    }

    private static string EncodeCursor(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"audit:{id}"));

    private static long DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("audit:", StringComparison.Ordinal) && long.TryParse(text[6..], System.Globalization.CultureInfo.InvariantCulture, out var id)) return id;
        }
        catch (FormatException)
        {
        }
        throw new global::GraphQL.ExecutionError($"\"{cursor}\" is not a cursor of the audit log.") { Code = "INVALID_CURSOR" };
    }
}
