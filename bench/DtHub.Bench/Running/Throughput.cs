using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DtHub.Bench.Running;

/// <summary>
/// Fixed-concurrency load, bounded in time: wrk (Debian) replaying one GraphQL POST against 127.0.0.1, while the
/// API's resident memory is sampled from /proc. The floor's throughput is the same query from in-process tasks.
/// </summary>
public sealed partial class Throughput(int connections, TimeSpan duration, int? apiPid)
{
    public int Connections => connections;
    public TimeSpan Duration => duration;

    /// <summary>Highest RSS of the API seen during any DtHub load run, in MB.</summary>
    public double? PeakApiRssMb { get; private set; }

    public static bool WrkAvailable => File.Exists("/usr/bin/wrk");

    public async Task<double?> HttpAsync(string url, string body, bool sampleApi)
    {
        if (!WrkAvailable) return null;
        var dir = Directory.CreateTempSubdirectory("dthub-bench-wrk-");
        try
        {
            var bodyFile = Path.Combine(dir.FullName, "body.json");
            await File.WriteAllTextAsync(bodyFile, body);
            var script = Path.Combine(dir.FullName, "post.lua");
            await File.WriteAllTextAsync(script, $$"""
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                local f = io.open("{{bodyFile}}", "rb"); wrk.body = f:read("*a"); f:close()
                """);
            // An unmeasured load first, for every engine alike: JITs (.NET's tiers, V8's) settle under load, not at rest.
            await RunWrkAsync(script, url, WarmUp);
            using var sampling = new CancellationTokenSource();
            var sampler = sampleApi && apiPid is { } pid ? SampleRssAsync(pid, sampling.Token) : Task.CompletedTask;
            var output = await RunWrkAsync(script, url, duration);
            await sampling.CancelAsync();
            await sampler;
            if (NonSuccess().Match(output) is { Success: true } bad)
                throw new InvalidOperationException($"wrk against {url}: {bad.Value.Trim()}");
            var match = RequestsPerSecond().Match(output);
            return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private TimeSpan WarmUp => duration / 3;

    private async Task<string> RunWrkAsync(string script, string url, TimeSpan time)
    {
        var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{Math.Max(1, (int)time.TotalSeconds)}s", "-s", script, url])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return output;
    }

    public async Task<double> InProcessAsync(Func<Task> action)
    {
        await LoadAsync(action, WarmUp);
        return await LoadAsync(action, duration);
    }

    private async Task<double> LoadAsync(Func<Task> action, TimeSpan time)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            while (watch.Elapsed < time)
            {
                await action();
                Interlocked.Increment(ref count);
            }
        });
        await Task.WhenAll(workers);
        return count / watch.Elapsed.TotalSeconds;
    }

    private async Task SampleRssAsync(int pid, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (RssMb(pid) is { } rss) PeakApiRssMb = Math.Max(PeakApiRssMb ?? 0, rss);
            try { await Task.Delay(100, ct); } catch (OperationCanceledException) { break; }
        }
    }

    public static double? RssMb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return null;
        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        return null;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses: \d+")]
    private static partial Regex NonSuccess();
}
