using System.Globalization;
using System.Text;
using Npgsql;

namespace DtHub.Api.Features.Changes;

/// <summary>The entity types an integration can mirror, with the GraphQL type each change points at.</summary>
public enum ChangeEntity
{
    Ward,
    Neighborhood,
    Team,
    TeamMember,
    Merchant,
    WifiPoint,
    ModelStreet,
    WardReport,
    Target,
}

/// <summary>One row of the feed: an upsert (fetch the entity) or a tombstone (delete it).</summary>
public sealed record Change(ChangeEntity Entity, long Id, bool Deleted, DateTimeOffset At, string Cursor);

/// <summary>A page of changes and the cursor to continue from.</summary>
public sealed record ChangePage(IReadOnlyList<Change> Changes, string Cursor, bool HasMore);

/// <summary>
/// Reads <c>change_log</c> (filled by triggers) in (transaction id, position) order, handing out only changes
/// of transactions older than the oldest one still running (<c>pg_snapshot_xmin</c>). Every change that could
/// still appear later belongs to a transaction at or above that horizon, so it sorts after any cursor handed
/// out: a slow transaction delays the feed, it never slips behind a cursor.
/// </summary>
public sealed class ChangeFeed(NpgsqlDataSource dataSource)
{
    public static string FeedName(ChangeEntity entity) => entity switch
    {
        ChangeEntity.TeamMember => "TEAM_MEMBER",
        ChangeEntity.WifiPoint => "WIFI_POINT",
        ChangeEntity.ModelStreet => "MODEL_STREET",
        ChangeEntity.WardReport => "WARD_REPORT",
        _ => entity.ToString().ToUpperInvariant(),
    };

    public async Task<ChangePage> ReadAsync(ChangeEntity entity, string? since, int first, CancellationToken cancellationToken)
    {
        var (xid, position) = since is null ? (0UL, 0L) : Decode(since);
        await using var command = dataSource.CreateCommand("""
            SELECT xid::text, position, entity_id, deleted, at
            FROM change_log
            WHERE entity = $1
              AND (xid, position) > ($2::text::xid8, $3)
              AND xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY xid, position
            LIMIT $4
            """);
        command.Parameters.Add(new() { Value = FeedName(entity) });
        command.Parameters.Add(new() { Value = xid.ToString(CultureInfo.InvariantCulture) });
        command.Parameters.Add(new() { Value = position });
        command.Parameters.Add(new() { Value = first + 1 });
        var changes = new List<Change>();
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                changes.Add(new Change(entity, long.Parse(r.GetString(2), CultureInfo.InvariantCulture), r.GetBoolean(3), r.GetFieldValue<DateTimeOffset>(4),
                    Encode(ulong.Parse(r.GetString(0), CultureInfo.InvariantCulture), r.GetInt64(1))));
            }
        }
        var page = changes.Take(first).ToList();
        return new ChangePage(page, page.Count > 0 ? page[^1].Cursor : since ?? Encode(0, 0), changes.Count > first);
    }

    private static string Encode(ulong xid, long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"chg:{xid}:{position}")));

    private static (ulong Xid, long Position) Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts is ["chg", var x, var p] && ulong.TryParse(x, CultureInfo.InvariantCulture, out var xid) && long.TryParse(p, CultureInfo.InvariantCulture, out var position))
                return (xid, position);
        }
        catch (FormatException)
        {
        }
        throw new global::GraphQL.ExecutionError($"\"{cursor}\" is not a change-feed cursor; pass the cursor of a previous page, or nothing to start from the beginning.") { Code = "INVALID_CURSOR" };
    }
}
