using System.Globalization;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DtHub.Api.Data.Outage;

/// <summary>
/// Recognises "PostgreSQL cannot be reached or is restarting" among exceptions, and empties the connection pools
/// when it happens: a pool keeps connections a restart has broken, and each would fail one more request.
/// </summary>
public sealed class DatabaseOutage(IServiceProvider services, ILogger<DatabaseOutage> logger)
{
    /// <summary><c>extensions.code</c> of the GraphQL error, and <c>code</c> of the problem document, during an outage.</summary>
    public const string Code = "DATABASE_UNAVAILABLE";

    /// <summary>Seconds a client should wait before retrying (<c>Retry-After</c>); PostgreSQL restarts in a few.</summary>
    public const int RetryAfterSeconds = 5;

    public static string RetryAfter => RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    public const string Message =
        "The database is unavailable (PostgreSQL cannot be reached or is restarting). Retry in a few seconds; a write whose answer was lost may or may not have been applied.";

    private long _lastClearTicks;

    /// <summary>True when <paramref name="exception"/> (or an inner one) says the server is down, restarting or refusing connections — not that the query was wrong.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 08: connection exception; 57P01–57P03: admin/crash shutdown, cannot connect now (starting up, recovering); 53300: too many connections.
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300";
                // Socket, stream and connect-timeout failures below the protocol.
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
            }
        }
        return false;
    }

    /// <summary>The GraphQL error a resolver's outage becomes: the cause stays in the log (<see cref="Report"/>), not in the answer.</summary>
    public static ExecutionError Error() => new(Message) { Code = Code };

    /// <summary>Logs the outage and drops every pooled connection (primary and read replica), so requests after the restart open fresh ones.</summary>
    public void Report(Exception exception)
    {
        // One clear per second is enough: a burst of failing requests should not thrash the pools.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastClearTicks);
        if (now - last < 1000 || Interlocked.CompareExchange(ref _lastClearTicks, now, last) != last) return;
        logger.LogWarning("Database unavailable ({Error}); connection pools cleared", exception.GetBaseException().Message);
        services.GetRequiredService<NpgsqlDataSource>().Clear();
        services.GetKeyedService<NpgsqlDataSource>(Replica.ReadReplicaModule.Key)?.Clear();
    }
}
