using Npgsql;

namespace DtHub.Api.Features.Aggregates;

/// <summary>Records refresh runs in <c>aggregate_runs</c> and answers questions about them ("data as of").</summary>
public sealed class AggregateRunStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, kind, status, requested_by, requested_at, started_at, finished_at, units_touched, rows_written,
        error, attempt, scheduler_instance_id, data_version
        """;

    /// <summary>Records a run that has been asked for but not started.</summary>
    public async Task<AggregateRun> CreateQueuedAsync(AggregateRunKind kind, string requestedBy, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"INSERT INTO aggregate_runs (kind, status, requested_by) VALUES ($1, 'queued', $2) RETURNING {Columns}");
        cmd.Parameters.AddWithValue(KindName(kind));
        cmd.Parameters.AddWithValue(requestedBy);
        return (await ReadAsync(cmd, cancellationToken)).Single();
    }

    /// <summary>
    /// The run of one firing of a scheduled trigger (<paramref name="fireKey"/>: trigger key @ scheduled time): recorded
    /// queued by the first firing; a recovery of the same firing gets the same run back and takes it over.
    /// </summary>
    public async Task<long> ForFiringAsync(AggregateRunKind kind, string requestedBy, string fireKey, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH created AS (
                INSERT INTO aggregate_runs (kind, status, requested_by, fire_key) VALUES ($1, 'queued', $2, $3)
                ON CONFLICT (fire_key) WHERE fire_key IS NOT NULL DO NOTHING
                RETURNING id)
            SELECT id FROM created UNION ALL SELECT id FROM aggregate_runs WHERE fire_key = $3
            LIMIT 1
            """);
        cmd.Parameters.AddWithValue(KindName(kind));
        cmd.Parameters.AddWithValue(requestedBy);
        cmd.Parameters.AddWithValue(fireKey);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The run with this id, or null.</summary>
    public async Task<AggregateRun?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM aggregate_runs WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Runs with these ids (for batched loading), keyed by id.</summary>
    public async Task<IReadOnlyDictionary<long, AggregateRun>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM aggregate_runs WHERE id = ANY($1)");
        cmd.Parameters.AddWithValue(ids.ToArray());
        return (await ReadAsync(cmd, cancellationToken)).ToDictionary(r => r.Id);
    }

    /// <summary>Runs newest first: <paramref name="first"/> at most after skipping <paramref name="offset"/>, optionally of one status.</summary>
    public async Task<IReadOnlyList<AggregateRun>> ListAsync(int first, int offset = 0, AggregateRunStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM aggregate_runs
            WHERE ($1::text IS NULL OR status = $1)
            ORDER BY id DESC LIMIT $2 OFFSET $3
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status is { } s ? StatusName(s) : null });
        cmd.Parameters.AddWithValue(first);
        cmd.Parameters.AddWithValue(offset);
        return await ReadAsync(cmd, cancellationToken);
    }

    /// <summary>How many runs there are (of one status).</summary>
    public async Task<int> CountAsync(AggregateRunStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*)::int FROM aggregate_runs WHERE ($1::text IS NULL OR status = $1)");
        cmd.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status is { } s ? StatusName(s) : null });
        return (int)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The most recently finished successful run: what the aggregates are "as of". Null before the first.</summary>
    public async Task<AggregateRun?> LatestSuccessfulAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {Columns} FROM aggregate_runs WHERE status = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT 1");
        return (await ReadAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Marks the run started on <paramref name="connection"/> (committed at once, outside the refresh transaction),
    /// remembering that session so a run whose session disappears can be recognised as abandoned. Returns the attempt number.
    /// </summary>
    internal static async Task<int> MarkRunningAsync(NpgsqlConnection connection, long runId, string instanceId, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE aggregate_runs
            SET status = 'running', started_at = clock_timestamp(), finished_at = NULL, error = NULL,
                attempt = attempt + 1, scheduler_instance_id = $2,
                backend_pid = pg_backend_pid(),
                backend_started_at = (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())
            WHERE id = $1 AND status IN ('queued', 'running', 'failed')
            RETURNING attempt
            """, connection);
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(instanceId);
        var attempt = await cmd.ExecuteScalarAsync(cancellationToken) as int?
            ?? throw new AggregateRunSupersededException($"aggregate run {runId} does not exist or has already succeeded; nothing to do");
        await NotifyAsync(connection, null, runId, AggregateRunStatus.Running, cancellationToken);
        return attempt;
    }

    /// <summary>Channel on which every change of a run's status is announced (payload "id:status"), delivered at commit.</summary>
    public const string Channel = "aggregate_runs";

    internal static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long runId, AggregateRunStatus status, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand($"SELECT pg_notify('{Channel}', $1)", connection, transaction);
        cmd.Parameters.AddWithValue($"{runId}:{StatusName(status)}");
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether this attempt still owns the run (no later attempt has taken it over, and it has not finished).</summary>
    internal async Task<bool> OwnsAsync(long runId, int attempt, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM aggregate_runs WHERE id = $1 AND attempt = $2 AND status = 'running')");
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(attempt);
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Marks the attempt failed, unless a later attempt (a recovery) has taken the run over. False when it had:
    /// this attempt was superseded.
    /// </summary>
    internal async Task<bool> MarkFailedAsync(long runId, int attempt, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("""
            UPDATE aggregate_runs SET status = 'failed', finished_at = clock_timestamp(), error = $3
            WHERE id = $1 AND attempt = $2 AND status = 'running'
            """, connection);
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(attempt);
        cmd.Parameters.AddWithValue(error);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
        await NotifyAsync(connection, null, runId, AggregateRunStatus.Failed, cancellationToken);
        return true;
    }

    /// <summary>
    /// Fails 'running' runs whose PostgreSQL session no longer exists (their host died; the transaction was rolled back).
    /// Returns how many. A run still holding its session is left alone, however old.
    /// </summary>
    public async Task<int> FailAbandonedAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE aggregate_runs r
            SET status = 'failed', finished_at = clock_timestamp(),
                error = 'abandoned: the host running it (' || coalesce(r.scheduler_instance_id, '?') || ') stopped before it finished'
            WHERE r.status = 'running'
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                              WHERE a.pid = r.backend_pid AND a.backend_start = r.backend_started_at)
            """);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string KindName(AggregateRunKind kind) => kind == AggregateRunKind.Full ? "full" : "incremental";

    internal static string StatusName(AggregateRunStatus status) => status.ToString().ToLowerInvariant();

    private static async Task<List<AggregateRun>> ReadAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        var runs = new List<AggregateRun>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new AggregateRun(
                reader.GetInt64(0),
                reader.GetString(1) == "full" ? AggregateRunKind.Full : AggregateRunKind.Incremental,
                Enum.Parse<AggregateRunStatus>(reader.GetString(2), ignoreCase: true),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetInt64(12)));
        }
        return runs;
    }
}
