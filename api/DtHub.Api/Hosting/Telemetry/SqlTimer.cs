using System.Diagnostics;

namespace DtHub.Api.Hosting.Telemetry;

/// <summary>
/// Sums the duration of Npgsql's command spans (its "Npgsql" ActivitySource) into the GraphQL operation running in the
/// same async flow. An AsyncLocal carries the operation's tally into every resolver, parallel ones included.
/// </summary>
public sealed class SqlTimer : IDisposable
{
    private static readonly AsyncLocal<Tally?> Current = new();
    private static readonly ActivityListener Listener = CreateListener();

    /// <summary>SQL time and command count of one operation.</summary>
    public sealed class Tally
    {
        private long _ticks;
        private int _commands;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public int Commands => Volatile.Read(ref _commands);

        internal void Add(TimeSpan duration)
        {
            Interlocked.Add(ref _ticks, duration.Ticks);
            Interlocked.Increment(ref _commands);
        }
    }

    private readonly Tally? _previous;

    private SqlTimer()
    {
        _previous = Current.Value;
        Current.Value = Measured = new Tally();
    }

    public Tally Measured { get; }

    /// <summary>Starts timing SQL in this async flow (and the flows it starts).</summary>
    public static SqlTimer Start()
    {
        _ = Listener; // make sure Npgsql's spans are created even with no exporter configured
        return new SqlTimer();
    }

    public void Dispose() => Current.Value = _previous;

    private static ActivityListener CreateListener()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            // Propagation only: the span exists and is timed, but is not recorded unless an exporter asks for it.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName != "connect" && Current.Value is { } tally) tally.Add(activity.Duration);
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
