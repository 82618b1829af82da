using DtHub.Api.Features.Aggregates;
using Npgsql;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>Waits for conditions on aggregate runs, woken by the runs' NOTIFY messages rather than by sleeping.</summary>
internal sealed class RunWatcher : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private RunWatcher(NpgsqlConnection connection) => _connection = connection;

    public static async Task<RunWatcher> ListenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var listen = new NpgsqlCommand($"LISTEN {AggregateRunStore.Channel}", connection);
        await listen.ExecuteNonQueryAsync();
        return new RunWatcher(connection);
    }

    /// <summary>Returns once <paramref name="condition"/> holds; it is checked now and after every run notification.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _connection.WaitAsync(left))
                if (!await condition()) throw new TimeoutException($"{what}: not within {timeout.TotalSeconds} s");
                else return;
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
