using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace DtHub.Api.Features.Auth;

/// <summary>An integration's key as stored: never the secret, only its SHA-256 and the prefix shown to people.</summary>
public sealed record ApiKey(long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, int RateLimitPerMinute,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, long? ReplacedBy, bool PersistedOperationsOnly = false);

/// <summary>A key just made: the full secret is shown once and never again.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>
/// API keys in PostgreSQL. A key reads <c>dthub_PREFIX_SECRET</c>; the prefix finds the row, the SHA-256 of the
/// whole key must match (compared in constant time). Nothing is cached, so a revoked key fails on its very next request.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, name, prefix, scopes, rate_limit_per_minute, created_at, created_by, revoked_at, replaced_by, persisted_operations_only";

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public async Task<IssuedApiKey> CreateAsync(string name, IReadOnlyList<string> scopes, int rateLimitPerMinute, string createdBy, CancellationToken cancellationToken,
        bool persistedOperationsOnly = false)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = $"dthub_{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO api_keys (name, prefix, secret_hash, scopes, rate_limit_per_minute, created_by, persisted_operations_only)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = prefix });
        command.Parameters.Add(new() { Value = Hash(secret) });
        command.Parameters.Add(new() { Value = scopes.ToArray() });
        command.Parameters.Add(new() { Value = rateLimitPerMinute });
        command.Parameters.Add(new() { Value = createdBy });
        command.Parameters.Add(new() { Value = persistedOperationsOnly });
        return new IssuedApiKey((await ReadAsync(command, cancellationToken)).Single(), secret);
    }

    /// <summary>Revokes a key; null when no such key. Revoking twice keeps the first time.</summary>
    public async Task<ApiKey?> RevokeAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING {Columns}");
        command.Parameters.Add(new() { Value = id });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>A new secret with the same name, scopes, limit and flags; the old key is revoked in the same transaction.</summary>
    public async Task<IssuedApiKey?> RotateAsync(long id, string rotatedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var find = new NpgsqlCommand($"SELECT {Columns} FROM api_keys WHERE id = $1 AND revoked_at IS NULL FOR UPDATE", connection, transaction);
        find.Parameters.Add(new() { Value = id });
        if ((await ReadAsync(find, cancellationToken)).SingleOrDefault() is not { } old) return null;

        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = $"dthub_{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO api_keys (name, prefix, secret_hash, scopes, rate_limit_per_minute, created_by, persisted_operations_only)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {Columns}
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = old.Name });
        insert.Parameters.Add(new() { Value = prefix });
        insert.Parameters.Add(new() { Value = Hash(secret) });
        insert.Parameters.Add(new() { Value = old.Scopes.ToArray() });
        insert.Parameters.Add(new() { Value = old.RateLimitPerMinute });
        insert.Parameters.Add(new() { Value = rotatedBy });
        insert.Parameters.Add(new() { Value = old.PersistedOperationsOnly });
        var created = (await ReadAsync(insert, cancellationToken)).Single();
        await using var revoke = new NpgsqlCommand("UPDATE api_keys SET revoked_at = now(), replaced_by = $2 WHERE id = $1", connection, transaction);
        revoke.Parameters.Add(new() { Value = id });
        revoke.Parameters.Add(new() { Value = created.Id });
        await revoke.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedApiKey(created, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM api_keys ORDER BY id");
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The live key matching the presented secret, or null (unknown, malformed, wrong secret or revoked).</summary>
    public async Task<ApiKey?> FindLiveAsync(string presented, CancellationToken cancellationToken)
    {
        // dthub_ + 8 hex + _ + secret; the secret is base64url and may itself contain '_'.
        if (presented.Length < 16 || !presented.StartsWith("dthub_", StringComparison.Ordinal) || presented[14] != '_') return null;
        var prefix = presented[6..14];
        await using var command = dataSource.CreateCommand($"SELECT {Columns}, secret_hash FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new() { Value = prefix });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var stored = reader.GetFieldValue<byte[]>(10);
        return CryptographicOperations.FixedTimeEquals(stored, Hash(presented)) ? Read(reader) : null;
    }

    private static async Task<List<ApiKey>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken)) keys.Add(Read(reader));
        return keys;
    }

    private static ApiKey Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetInt32(4),
        r.GetFieldValue<DateTimeOffset>(5), r.GetString(6),
        r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetInt64(8), r.GetBoolean(9));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
