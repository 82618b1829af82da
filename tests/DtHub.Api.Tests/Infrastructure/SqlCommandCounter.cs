using System.Diagnostics;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>Counts the SQL commands Npgsql runs (its "Npgsql" ActivitySource) while the counter is alive.</summary>
public sealed class SqlCommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;
    private readonly List<string> _commands = [];

    public SqlCommandCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Npgsql also traces physical connection opens, whose number depends on timing: count statements only.
                var statement = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string;
                if (statement is null) return;
                Interlocked.Increment(ref _count);
                lock (_commands) _commands.Add(statement);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => _count;

    public IReadOnlyList<string> Commands
    {
        get { lock (_commands) return _commands.ToList(); }
    }

    public void Dispose() => _listener.Dispose();
}
