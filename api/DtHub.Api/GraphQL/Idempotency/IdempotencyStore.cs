using Npgsql;

namespace DtHub.Api.GraphQL.Idempotency;

/// <summary>A claimed key: whose, which body, and — once complete — the response to replay.</summary>
public sealed record IdempotencyClaim(long Id, byte[] RequestHash, DateTimeOffset CreatedAt, bool Applied, bool Completed,
    int? Status, string? ContentType, byte[]? Body);

/// <summary>
/// The <c>idempotency_keys</c> table. Requests with the same caller and key are serialised by a session advisory lock
/// held on the connection the caller keeps for the whole request: a second request waits, and a crashed host's
/// lock goes with its connection, so nothing stays stuck.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, request_hash, created_at, applied_at IS NOT NULL, completed_at IS NOT NULL, response_status, response_content_type, response_body";

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Waits for the key's lock (cancellation: give up waiting).</summary>
    public static async Task LockAsync(NpgsqlConnection connection, string caller, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, 7))", connection);
        command.Parameters.Add(new() { Value = $"{caller}\n{key}" });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task UnlockAsync(NpgsqlConnection connection, string caller, string key)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 7))", connection);
        command.Parameters.Add(new() { Value = $"{caller}\n{key}" });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>The live claim of this caller's key; an expired one is deleted and counts as none.</summary>
    public static async Task<IdempotencyClaim?> FindAsync(NpgsqlConnection connection, string caller, string key, TimeSpan expiry, CancellationToken cancellationToken)
    {
        await using (var expired = new NpgsqlCommand("DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND created_at < now() - $3", connection))
        {
            expired.Parameters.Add(new() { Value = caller });
            expired.Parameters.Add(new() { Value = key });
            expired.Parameters.Add(new() { Value = expiry });
            await expired.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM idempotency_keys WHERE caller = $1 AND key = $2", connection);
        command.Parameters.Add(new() { Value = caller });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new IdempotencyClaim(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetBoolean(3), reader.GetBoolean(4),
            reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7));
    }

    public static async Task<long> ClaimAsync(NpgsqlConnection connection, string caller, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3) RETURNING id", connection);
        command.Parameters.Add(new() { Value = caller });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = requestHash });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Stores the response; returns whether the request had written anything (the trigger's mark).</summary>
    public static async Task CompleteAsync(NpgsqlConnection connection, long id, int status, string? contentType, byte[] body)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE idempotency_keys SET completed_at = now(), response_status = $2, response_content_type = $3, response_body = $4 WHERE id = $1
            """, connection);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = status });
        command.Parameters.Add(new() { Value = (object?)contentType ?? DBNull.Value });
        command.Parameters.Add(new() { Value = body });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Drops a claim whose request wrote nothing and failed, so that a retry runs it afresh; keeps it if anything was written.</summary>
    public static async Task<bool> ReleaseUnlessAppliedAsync(NpgsqlConnection connection, long id)
    {
        await using var command = new NpgsqlCommand("DELETE FROM idempotency_keys WHERE id = $1 AND applied_at IS NULL", connection);
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteNonQueryAsync(CancellationToken.None) == 1;
    }

    /// <summary>Deletes expired claims; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(TimeSpan expiry, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < now() - $1");
        command.Parameters.Add(new() { Value = expiry });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
