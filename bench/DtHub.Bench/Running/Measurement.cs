using System.Diagnostics;

namespace DtHub.Bench.Running;

/// <summary>Median and 95th percentile of sequential runs, in milliseconds.</summary>
public sealed record Timing(double MedianMs, double P95Ms, int Runs)
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then up to <paramref name="runs"/> times
    /// timed (stopping early after <paramref name="budget"/> once at least five runs are in).</summary>
    public static async Task<Timing> MeasureAsync(Func<Task> action, int warmup, int runs, TimeSpan budget)
    {
        // A run slower than a second needs little warming and fewer repetitions, so one slow engine cannot hold
        // the whole bench for an hour; its median and p95 then come from at least three runs.
        var slow = false;
        for (var i = 0; i < warmup && !slow; i++)
        {
            var warm = Stopwatch.StartNew();
            await action();
            slow = warm.Elapsed > TimeSpan.FromSeconds(1);
        }
        var samples = new List<double>(runs);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            samples.Add(watch.Elapsed.TotalMilliseconds);
            if (samples.Count >= (slow ? 3 : 5) && total.Elapsed > budget) break;
        }
        samples.Sort();
        return new Timing(Percentile(samples, 0.5), Percentile(samples, 0.95), samples.Count);
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
