using System.Diagnostics;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands Npgsql runs in this process while it is alive (through Npgsql's ActivitySource),
/// e.g. to prove a refused document ran no SQL or that nested lists are batched. Tests of the database collection
/// run one at a time, so the count is the test's own.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public SqlCommandCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = _ => Interlocked.Increment(ref _count),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
