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

        output.WriteLine($"{Repetitions} round(s) of 30: host-one fired {one.Lines.Count(l => Fired().IsMatch(l))}, host-two {two.Lines.Count(l => Fired().IsMatch(l))}");
        var fires = one.Lines.Concat(two.Lines).Select(l => Fired().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
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
}
