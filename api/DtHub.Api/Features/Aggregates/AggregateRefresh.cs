using System.Data;
using System.Diagnostics;
using System.Globalization;
using DtHub.Api.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DtHub.Api.Features.Aggregates;

/// <summary>
/// Computes the aggregates: the SQL in <c>Sql/*.sql</c>, in file order, inside one repeatable-read transaction per
/// refresh. Readers keep seeing the previous figures until the commit (MVCC; nothing they read is locked), and the
/// commit also bumps the data version. Refreshes queue behind each other on the <c>aggregate_state</c> table lock.
/// </summary>
public sealed partial class AggregateRefresh(
    NpgsqlDataSource dataSource,
    AggregateRunStore runs,
    IOptions<AggregateOptions> options,
    ILogger<AggregateRefresh> logger)
{
    private static readonly IReadOnlyList<(string Name, string Sql)> Steps = LoadSteps();

    /// <summary>Test seam: runs inside the refresh transaction just before it commits.</summary>
    internal Func<NpgsqlConnection, NpgsqlTransaction, Task>? BeforeCommit { get; set; }

    /// <summary>Records a new run and executes it at once, on this host.</summary>
    public async Task<AggregateRun> RunNowAsync(AggregateRunKind kind, string requestedBy, string instanceId, CancellationToken cancellationToken = default)
    {
        var run = await runs.CreateQueuedAsync(kind, requestedBy, cancellationToken);
        return await ExecuteAsync(run.Id, instanceId, cancellationToken);
    }

    /// <summary>
    /// Executes a recorded run (queued, or running on a host that died, or failed and being retried).
    /// On failure the transaction is rolled back, the run is marked failed with the error, and the exception is rethrown.
    /// </summary>
    public async Task<AggregateRun> ExecuteAsync(long runId, string instanceId, CancellationToken cancellationToken = default)
    {
        await runs.FailAbandonedAsync(cancellationToken);
        var run = await runs.GetAsync(runId, cancellationToken)
            ?? throw new InvalidOperationException($"Aggregate run {runId} does not exist.");
        var full = run.Kind == AggregateRunKind.Full;
        var settings = options.Value;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var attempt = await AggregateRunStore.MarkRunningAsync(connection, runId, instanceId, cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            // One snapshot for the whole refresh (repeatable read), taken after the lock: the change queue it consumes
            // and the tables it recounts then agree, so a change is counted once, by a recount or by its delta.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await ExecuteAsync(connection, transaction, $"""
                SET LOCAL lock_timeout = '{(int)settings.LockTimeout.TotalMilliseconds}ms';
                SET LOCAL client_connection_check_interval = '1s';
                -- JIT compiles each big statement for seconds and gains nothing on function-heavy spatial SQL.
                SET LOCAL jit = off;
                SET LOCAL idle_in_transaction_session_timeout = '{(int)settings.IdleInTransactionTimeout.TotalMilliseconds}ms';
                LOCK TABLE aggregate_state IN EXCLUSIVE MODE;
                -- Writers that bump the version (imports) finish theirs before the snapshot, and wait for this commit
                -- after it: a bump committed after the snapshot would fail this refresh's own (repeatable read).
                LOCK TABLE data_version IN SHARE ROW EXCLUSIVE MODE;
                INSERT INTO aggregate_state DEFAULT VALUES ON CONFLICT DO NOTHING;
                """, cancellationToken);
            // Every completed refresh bumps the version, even one that found nothing changed: "data as of" moved.
            var version = await DataVersion.BumpAsync(connection, transaction, cancellationToken);
            await using (var parameters = new NpgsqlCommand("""
                CREATE TEMP TABLE agg_params ON COMMIT DROP AS
                SELECT $1::boolean AS full_refresh, $2::double precision AS street_distance_m,
                       $3::double precision AS hex_size_m, $4::int AS grid_srid
                """, connection, transaction))
            {
                parameters.Parameters.AddWithValue(full);
                parameters.Parameters.AddWithValue(settings.StreetDistanceMeters);
                parameters.Parameters.AddWithValue(settings.HexSizeMeters);
                parameters.Parameters.AddWithValue(settings.GridSrid);
                await parameters.ExecuteNonQueryAsync(cancellationToken);
            }

            var nothingQueued = false;
            foreach (var (name, sql) in Steps)
            {
                // An incremental refresh that found nothing to recompute (the every-few-minutes case on a quiet day) only
                // remembers its inputs: the figure steps would each plan and run a few dozen statements over empty sets.
                if (nothingQueued && !name.StartsWith(RememberStep, StringComparison.Ordinal)) continue;
                var step = Stopwatch.StartNew();
                try
                {
                    await ExecuteAsync(connection, transaction, sql, cancellationToken);
                    if (!full && name.StartsWith(ChangesStep, StringComparison.Ordinal))
                        nothingQueued = await NothingToRecomputeAsync(connection, transaction, cancellationToken);
                }
                catch (PostgresException e)
                {
                    throw new AggregateRefreshException($"{name}: {e.MessageText}", e);
                }
                LogStep(logger, runId, name, step.ElapsedMilliseconds);
            }

            var (unitsTouched, rowsWritten) = nothingQueued ? (0, 0) : await CountWrittenAsync(connection, transaction, cancellationToken);
            await using (var finish = new NpgsqlCommand("""
                UPDATE aggregate_runs
                SET status = 'succeeded', finished_at = clock_timestamp(), units_touched = $3, rows_written = $4, data_version = $5
                WHERE id = $1 AND attempt = $2 AND status = 'running'
                """, connection, transaction))
            {
                finish.Parameters.AddWithValue(runId);
                finish.Parameters.AddWithValue(attempt);
                finish.Parameters.AddWithValue(unitsTouched);
                finish.Parameters.AddWithValue(rowsWritten);
                finish.Parameters.AddWithValue(version);
                // A later attempt (recovery by another host) owns the run now: this stale attempt must not commit.
                if (await finish.ExecuteNonQueryAsync(cancellationToken) != 1)
                    throw new AggregateRefreshException($"run {runId} attempt {attempt} was taken over by a later attempt; discarding its results");
            }

            await using (var state = new NpgsqlCommand("UPDATE aggregate_state SET last_run_id = $1", connection, transaction))
            {
                state.Parameters.AddWithValue(runId);
                await state.ExecuteNonQueryAsync(cancellationToken);
            }

            await AggregateRunStore.NotifyAsync(connection, transaction, runId, AggregateRunStatus.Succeeded, cancellationToken);
            if (BeforeCommit is { } hook) await hook(connection, transaction);
            await ExecuteAsync(connection, transaction, DropWorkTables, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("Aggregate run {RunId} ({Kind}) succeeded in {Elapsed} ms: {Units} ward(s), {Rows} row(s), data version {Version}",
                runId, run.Kind, clock.ElapsedMilliseconds, unitsTouched, rowsWritten, version);
        }
        catch (Exception e)
        {
            var error = e is AggregateRefreshException or PostgresException ? e.Message : e.ToString();
            // A later attempt (another host's recovery) owns the run: this one's end is no failure and must not be retried.
            if (!await runs.OwnsAsync(runId, attempt, CancellationToken.None))
            {
                logger.LogWarning("Aggregate run {RunId} ({Kind}) attempt {Attempt} was superseded by a later attempt after {Elapsed} ms; its work is discarded ({Error})",
                    runId, run.Kind, attempt, clock.ElapsedMilliseconds, e.Message);
                throw new AggregateRunSupersededException($"aggregate run {runId} attempt {attempt} was superseded by a later attempt", e);
            }
            logger.LogError(e, "Aggregate run {RunId} ({Kind}) attempt {Attempt} failed after {Elapsed} ms: {Error}",
                runId, run.Kind, attempt, clock.ElapsedMilliseconds, error);
            AggregateMetrics.RefreshFailures.Add(1, new KeyValuePair<string, object?>("kind", AggregateRunStore.KindName(run.Kind)));
            await runs.MarkFailedAsync(runId, attempt, error, CancellationToken.None);
            throw;
        }
        return (await runs.GetAsync(runId, cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Aggregate run {RunId}: step {Step} took {Elapsed} ms")]
    private static partial void LogStep(ILogger logger, long runId, string step, long elapsed);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string ChangesStep = "00_", RememberStep = "90_";

    /// <summary>
    /// The steps' work tables and functions that parallel workers read (unlogged tables, not temporary ones: see
    /// <c>15_shapes.sql</c>) end with the refresh that made them; a failed one rolls them back. An incremental refresh
    /// that found nothing to recompute made none.
    /// </summary>
    private const string DropWorkTables = """
        DROP TABLE IF EXISTS agg_ward_shape, agg_neighborhood_shape, agg_discs, agg_ward_cover_shape, agg_cover_parts, agg_figure_cells;
        DROP FUNCTION IF EXISTS pg_temp.agg_ward_union(geometry), pg_temp.agg_covered_planar(geometry);
        """;

    /// <summary>Whether <c>00_changed_wards</c> found no queued change and no ward, cell or month to recompute.</summary>
    private static async Task<bool> NothingToRecomputeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT NOT EXISTS (SELECT 1 FROM agg_changes) AND NOT EXISTS (SELECT 1 FROM agg_dirty)
               AND NOT EXISTS (SELECT 1 FROM agg_grid_wards) AND NOT EXISTS (SELECT 1 FROM agg_wifi_wards)
               AND NOT EXISTS (SELECT 1 FROM agg_wifi_cells) AND NOT EXISTS (SELECT 1 FROM agg_month_wards)
            """, connection, transaction);
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Wards some figure of which was recomputed, and the aggregate rows that now stand for them (what the run wrote).</summary>
    private static async Task<(int Units, int Rows)> CountWrittenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH touched AS (SELECT ward_id FROM agg_touched_wards)
            SELECT (SELECT count(*) FROM touched)::int,
                   ((SELECT count(*) FROM agg_ward_month WHERE ward_id IN (SELECT ward_id FROM agg_month_wards))
                  + (SELECT count(*) FROM agg_city_month
                     WHERE (SELECT full_refresh FROM agg_params) OR month IN (SELECT month FROM agg_dirty_months))
                  + (SELECT count(*) FROM agg_ward_current WHERE ward_id IN (SELECT ward_id FROM touched))
                  + (SELECT count(*) FROM agg_ward_qr_category WHERE ward_id IN (SELECT ward_id FROM touched))
                  + (SELECT count(*) FROM agg_neighborhood_current WHERE ward_id IN (SELECT ward_id FROM touched))
                  + (SELECT count(*) FROM agg_model_street WHERE ward_id IN (SELECT ward_id FROM touched))
                  + (SELECT count(*) FROM agg_figures_now) + (SELECT count(*) FROM agg_grid_cells))::int
            """, connection, transaction);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static List<(string, string)> LoadSteps()
    {
        var assembly = typeof(AggregateRefresh).Assembly;
        const string prefix = "DtHub.Api.Features.Aggregates.Sql.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var text = new StreamReader(stream);
                return (n[prefix.Length..], text.ReadToEnd());
            })
            .ToList();
    }
}

/// <summary>
/// The attempt no longer owns its run (a host frozen or cut off was overtaken by another host's recovery, or the run
/// had already succeeded): nothing of it was committed, and it is neither a failure nor to be retried.
/// </summary>
public sealed class AggregateRunSupersededException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A refresh step failed; the message names the step.</summary>
public sealed class AggregateRefreshException(string message, Exception? inner = null) : Exception(message, inner);
