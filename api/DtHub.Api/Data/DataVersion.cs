using Npgsql;

namespace DtHub.Api.Data;

/// <summary>
/// A counter bumped by every completed aggregate refresh or import. Tiles and GraphQL responses carry it
/// (ETag / <c>dataVersion</c>) so no cache serves figures older than the last refresh.
/// </summary>
public sealed class DataVersion(NpgsqlDataSource dataSource)
{
    /// <summary>The current version and when it changed, as one row (for a batch that reads it beside other data).</summary>
    public const string CurrentSql = "SELECT version, changed_at FROM data_version WHERE id = 1";

    public async Task<(long Version, DateTimeOffset ChangedAt)> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(CurrentSql);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : (0, DateTimeOffset.UnixEpoch);
    }

    /// <summary>Bumps the version inside the caller's transaction, so readers see new data and new version together.</summary>
    public static async Task<long> BumpAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken = default)
    {
        await using var cmd = new NpgsqlCommand(
            "UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1 RETURNING version", connection, transaction);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }
}
