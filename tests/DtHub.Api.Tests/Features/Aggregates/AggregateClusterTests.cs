using System.Text.RegularExpressions;
using DtHub.Api.Data;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Jobs;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>
/// The Quartz cluster with two real host processes on one database. Slow (tens of seconds): tagged
/// <c>Category=Cluster</c> so a quick run can leave them out (<c>--filter "Category!=Cluster"</c>).
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Cluster")]
public sealed partial class AggregateClusterTests(HubDatabase hub, ITestOutputHelper output)
{
    /// <summary>
    /// Repetitions of the 30-trigger round (each takes about 40 s: the job never runs concurrently, so the 30 queue behind
    /// each other); DTHUB_CLUSTER_REPETITIONS=20 for the full promise.
    /// </summary>
    private static int Repetitions => int.TryParse(Environment.GetEnvironmentVariable("DTHUB_CLUSTER_REPETITIONS"), out var n) ? n : 1;

    [GeneratedRegex(@"Refresh job fired: run (\d+)")]
    private static partial Regex Fired();

    /// <summary>A host process that only queues (its scheduler is not started), like an API node with RunScheduler off.</summary>
    private IHost Client(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DTHUB_DB"] = hub.ConnectionString,
            ["Jobs:RunScheduler"] = "false",
            ["Jobs:InstanceId"] = "test-client",
            ["Aggregates:ScheduleRefreshes"] = "false",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHubDatabase();
        builder.AddHubJobs();
        return builder.Build();
    }

    [Fact]
    public async Task Thirty_triggers_due_at_once_fire_exactly_once_each_across_two_hosts()
    {
        await hub.UseEmptyAsync();
        await AggregateTestWorld.BuildAsync(hub);
        var hosts = await Task.WhenAll(JobsHostProcess.StartAsync(hub.ConnectionString, "host-one"), JobsHostProcess.StartAsync(hub.ConnectionString, "host-two"));
        await using var one = hosts[0];
        await using var two = hosts[1];
        using var client = Client();
        var refresher = client.Services.GetRequiredService<AggregateRefresher>();
        var runs = client.Services.GetRequiredService<AggregateRunStore>();
        await using var watcher = await RunWatcher.ListenAsync(hub.ConnectionString);

        var queued = new List<long>();
        for (var round = 1; round <= Repetitions; round++)
        {
            var due = DateTimeOffset.UtcNow.AddSeconds(2);
            var ids = new List<long>();
            for (var i = 0; i < 30; i++) ids.Add((await refresher.QueueAsync(full: false, "test", due)).Id);
            queued.AddRange(ids);

            await watcher.UntilAsync(async () => (await runs.GetManyAsync(ids)).Values.All(r => r.Status is AggregateRunStatus.Succeeded or AggregateRunStatus.Failed),
                TimeSpan.FromSeconds(180), $"round {round}: 30 runs finished");
            var finished = await runs.GetManyAsync(ids);
            Assert.All(finished.Values, r => Assert.Equal((AggregateRunStatus.Succeeded, 1, (string?)null), (r.Status, r.Attempt, r.Error)));
        }

        // The runs' rows are final before the hosts' logs of them have been read from their pipes: wait for the lines.
        List<long> Fires() => one.Lines.Concat(two.Lines).Select(l => Fired().Match(l)).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var waited = 0; Fires().Count < queued.Count && waited < 100; waited++) await Task.Delay(100);

        output.WriteLine($"{Repetitions} round(s) of 30: host-one fired {one.Lines.Count(l => Fired().IsMatch(l))}, host-two {two.Lines.Count(l => Fired().IsMatch(l))}");
        var fires = Fires();
        Assert.Equal(queued.Order(), fires.Order());
        Assert.Equal(queued.Count, fires.Distinct().Count());
    }

    [Fact]
    public async Task A_host_killed_mid_run_is_recovered_by_the_other_within_30_seconds()
    {
        await hub.UseEmptyAsync();
        await AggregateTestWorld.BuildAsync(hub);
        // Small hexagons make a refresh slow enough (seconds) to be killed in the middle.
        var slow = new Dictionary<string, string> { ["Aggregates__HexSizeMeters"] = "20" };
        var hosts = await Task.WhenAll(JobsHostProcess.StartAsync(hub.ConnectionString, "host-one", slow), JobsHostProcess.StartAsync(hub.ConnectionString, "host-two", slow));
        await using var one = hosts[0];
        await using var two = hosts[1];
        using var client = Client();
        var runs = client.Services.GetRequiredService<AggregateRunStore>();
        await using var watcher = await RunWatcher.ListenAsync(hub.ConnectionString);

        var run = await client.Services.GetRequiredService<AggregateRefresher>().QueueAsync(full: true, "test");
        await watcher.UntilAsync(async () => (await runs.GetAsync(run.Id))!.Status == AggregateRunStatus.Running, TimeSpan.FromSeconds(30), "run started");
        var running = (await runs.GetAsync(run.Id))!;
        var (victim, survivor) = running.SchedulerInstanceId == one.InstanceId ? (one, two) : (two, one);
        await victim.KillAsync();
        var killedAt = DateTime.UtcNow;

        await watcher.UntilAsync(async () => (await runs.GetAsync(run.Id))!.Status == AggregateRunStatus.Succeeded, TimeSpan.FromSeconds(30), "recovered run succeeded");
        Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(30));
        var recovered = (await runs.GetAsync(run.Id))!;
        output.WriteLine($"killed {victim.InstanceId} {(recovered.StartedAt!.Value - running.StartedAt!.Value).TotalSeconds:0.0} s into the run; recovered run took {(recovered.FinishedAt - recovered.StartedAt)!.Value.TotalSeconds:0.0} s, done {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
        Assert.Equal((survivor.InstanceId, 2), (recovered.SchedulerInstanceId, recovered.Attempt));
        Assert.Contains(survivor.Lines, l => l.Contains($"run {run.Id}", StringComparison.Ordinal) && l.Contains("recovering True", StringComparison.Ordinal));

        // The recovered figures equal a clean run's.
        var recoveredFigures = await AggregateSnapshot.TakeAsync(hub);
        await using var clean = AggregateTestWorld.Services(hub, o => o.HexSizeMeters = 20);
        await clean.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "test", "clean");
        Assert.Equal(await AggregateSnapshot.TakeAsync(hub), recoveredFigures);
        Assert.Equal(1, (await new DataVersion(hub.DataSource).CurrentAsync()).Version - (long)recovered.DataVersion!);
    }

    /// <summary>
    /// SIGSTOP a host mid-run, long enough for the other to declare it dead and take the run over, then SIGCONT it while
    /// its refresh transaction (and the lock) is still open: the thawed attempt reaches its commit, finds the run owned by
    /// the later attempt, rolls back and is not retried; the survivor then commits the figures of a clean run.
    /// </summary>
    [Fact]
    public async Task A_frozen_host_is_overtaken_and_its_stale_run_neither_commits_nor_runs_again()
    {
        await hub.UseEmptyAsync();
        await AggregateTestWorld.BuildAsync(hub);
        var settings = new Dictionary<string, string>
        {
            ["Aggregates__HexSizeMeters"] = "20", // slow enough (seconds) to be frozen in the middle
            // The frozen session must outlive the freeze so that the stale attempt really tries to commit.
            ["Aggregates__IdleInTransactionTimeout"] = "00:10:00",
            ["Aggregates__LockTimeout"] = "00:15:00",
            // A wrongly retried stale attempt would fire again within the test.
            ["Aggregates__RetryFirstDelay"] = "00:00:01",
        };
        var hosts = await Task.WhenAll(JobsHostProcess.StartAsync(hub.ConnectionString, "host-one", settings), JobsHostProcess.StartAsync(hub.ConnectionString, "host-two", settings));
        await using var one = hosts[0];
        await using var two = hosts[1];
        using var client = Client();
        var runs = client.Services.GetRequiredService<AggregateRunStore>();
        await using var watcher = await RunWatcher.ListenAsync(hub.ConnectionString);
        var versionBefore = (await new DataVersion(hub.DataSource).CurrentAsync()).Version;

        var run = await client.Services.GetRequiredService<AggregateRefresher>().QueueAsync(full: true, "test");
        await watcher.UntilAsync(async () => (await runs.GetAsync(run.Id))!.Status == AggregateRunStatus.Running, TimeSpan.FromSeconds(30), "run started");
        var first = (await runs.GetAsync(run.Id))!;
        var (frozen, survivor) = first.SchedulerInstanceId == one.InstanceId ? (one, two) : (two, one);
        // Freeze it once its refresh transaction holds the lock and has written (it has a transaction id).
        await PollAsync($"SELECT a.backend_xid IS NOT NULL FROM pg_stat_activity a JOIN aggregate_runs r ON r.backend_pid = a.pid WHERE r.id = {run.Id} AND r.attempt = 1",
            TimeSpan.FromSeconds(30), "the first attempt's transaction under way");
        frozen.Freeze();

        // The survivor declares the frozen host dead, takes the run over (attempt 2) and waits for the lock.
        await watcher.UntilAsync(async () => (await runs.GetAsync(run.Id))!.Attempt == 2, TimeSpan.FromSeconds(30), "run taken over");
        Assert.Equal(survivor.InstanceId, (await runs.GetAsync(run.Id))!.SchedulerInstanceId);
        await PollAsync($"SELECT a.wait_event_type = 'Lock' FROM pg_stat_activity a JOIN aggregate_runs r ON r.backend_pid = a.pid WHERE r.id = {run.Id} AND r.attempt = 2",
            TimeSpan.FromSeconds(30), "the second attempt waiting for the first one's lock");
        frozen.Thaw();

        await watcher.UntilAsync(async () => (await runs.GetAsync(run.Id))!.Status == AggregateRunStatus.Succeeded, TimeSpan.FromSeconds(120), "run succeeded");
        var finished = (await runs.GetAsync(run.Id))!;
        Assert.Equal((survivor.InstanceId, 2, (string?)null), (finished.SchedulerInstanceId, finished.Attempt, finished.Error));
        await frozen.LineAsync(l => l.Contains($"Refresh job superseded: run {run.Id}", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "stale attempt gives up");
        // Its trigger is spent: no retry is pending anywhere in the cluster.
        await PollAsync($"SELECT NOT EXISTS (SELECT 1 FROM {JobsModule.TablePrefix}triggers WHERE trigger_name = 'run-{run.Id}')",
            TimeSpan.FromSeconds(60), "no pending retry of the trigger");

        // Each host fired it once: the frozen host's original firing and the survivor's recovery; no retry, no third run.
        var fired = $"Refresh job fired: run {run.Id},";
        Assert.Single(frozen.Lines, l => l.Contains(fired, StringComparison.Ordinal));
        Assert.Single(survivor.Lines, l => l.Contains(fired, StringComparison.Ordinal) && l.Contains("recovering True", StringComparison.Ordinal));
        Assert.DoesNotContain(survivor.Lines.Concat(frozen.Lines), l => l.Contains($"Aggregate run {run.Id} (Full) attempt", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
        // One committed refresh: the survivor's. The stale attempt's version bump was rolled back with the rest.
        Assert.Equal(versionBefore + 1, (await new DataVersion(hub.DataSource).CurrentAsync()).Version);
        Assert.Equal(versionBefore + 1, finished.DataVersion);

        // The stored figures are a clean run's.
        var stored = await AggregateSnapshot.TakeAsync(hub);
        await using var clean = AggregateTestWorld.Services(hub, o => o.HexSizeMeters = 20);
        await clean.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "test", "clean");
        Assert.Equal(await AggregateSnapshot.TakeAsync(hub), stored);
    }

    /// <summary>Polls a boolean query until it is true (database state has no notification to wait on).</summary>
    private async Task PollAsync(string sql, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var cmd = hub.DataSource.CreateCommand(sql);
            if (await cmd.ExecuteScalarAsync() is true) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not within {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
