using System.Text.Json;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>The aggregates over GraphQL (real HTTP): the contract query and the refresh mutation.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AggregateGraphQLTests(HubDatabase hub)
{
    [Fact]
    public async Task The_contract_query_answers_city_ward_trend_and_runs()
    {
        await hub.UseEmptyAsync();
        var world = await AggregateTestWorld.BuildAsync(hub);
        await using (var services = AggregateTestWorld.Services(hub))
            await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "test", "test-host");

        var result = await hub.Api.ExecuteAsync("""
            { city { indicators(month: "2022-06") { accountOwnership { holders residents15Plus rate target gap } } }
              wards(first: 50) { nodes { name
                indicators(month: "2022-06") {
                  accountOwnership { holders residents15Plus rate target gap }
                  qrAdoption { merchants withQr rate }
                  wifiCoverage { areaShare residentsShare }
                  teamCoverage { neighborhoods withTeam rate } }
                trend(from: "2022-01", to: "2024-12", indicator: ACCOUNT_OWNERSHIP) { month rate } } }
              aggregateRuns(first: 5) { nodes { id status startedAt finishedAt error } }
              dataAsOf { status kind } }
            """);

        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var data = result.GetProperty("data");
        Assert.Equal("""{"holders":900,"residents15Plus":1600,"rate":0.5625,"target":0.65,"gap":-0.0875}""",
            data.GetProperty("city").GetProperty("indicators").GetProperty("accountOwnership").GetRawText());
        var a = data.GetProperty("wards").GetProperty("nodes").EnumerateArray().Single(w => w.GetProperty("name").GetString() == world.A.Name);
        var indicators = a.GetProperty("indicators");
        Assert.Equal(0.6m, indicators.GetProperty("accountOwnership").GetProperty("rate").GetDecimal());
        Assert.Equal("""{"merchants":4,"withQr":3,"rate":0.75}""", indicators.GetProperty("qrAdoption").GetRawText());
        Assert.Equal("""{"neighborhoods":2,"withTeam":1,"rate":0.5}""", indicators.GetProperty("teamCoverage").GetRawText());
        Assert.InRange(indicators.GetProperty("wifiCoverage").GetProperty("areaShare").GetDouble(), 0.1, 0.12);
        Assert.Equal(["2022-06", "2023-03", "2024-06"], a.GetProperty("trend").EnumerateArray().Select(p => p.GetProperty("month").GetString()));
        var run = data.GetProperty("aggregateRuns").GetProperty("nodes").EnumerateArray().Single();
        Assert.Equal(("SUCCEEDED", JsonValueKind.Null), (run.GetProperty("status").GetString(), run.GetProperty("error").ValueKind));
        Assert.Equal("FULL", data.GetProperty("dataAsOf").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task RefreshAggregates_queues_a_run_that_the_scheduler_completes()
    {
        await hub.UseEmptyAsync();
        await AggregateTestWorld.BuildAsync(hub);
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:RunScheduler"] = "true",
            ["Jobs:InstanceId"] = "graphql-test",
            ["Jobs:IdleWaitTime"] = "00:00:01",
            ["Aggregates:ScheduleRefreshes"] = "false",
        });
        await using var watcher = await RunWatcher.ListenAsync(hub.ConnectionString);

        var result = await Auth.AccessTokens.ExecuteAsAsync(api, Auth.AccessTokens.For(api, "planner"), "mutation { refreshAggregates(full: true) { run { id runNumber status kind } } }");

        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var run = result.GetProperty("data").GetProperty("refreshAggregates").GetProperty("run");
        Assert.Equal(("QUEUED", "FULL"), (run.GetProperty("status").GetString(), run.GetProperty("kind").GetString()));
        var store = new AggregateRunStore(hub.DataSource);
        var id = run.GetProperty("runNumber").GetInt64();
        await watcher.UntilAsync(async () => (await store.GetAsync(id))!.Status == AggregateRunStatus.Succeeded, TimeSpan.FromSeconds(60), "queued run succeeded");
        Assert.Equal("graphql-test", (await store.GetAsync(id))!.SchedulerInstanceId);
    }

    [Fact]
    public async Task A_failed_refresh_is_counted_and_retried_with_back_off_until_it_succeeds()
    {
        await hub.UseEmptyAsync();
        await AggregateTestWorld.BuildAsync(hub);
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:RunScheduler"] = "true",
            ["Jobs:InstanceId"] = "retry-test",
            ["Jobs:IdleWaitTime"] = "00:00:01",
            ["Aggregates:ScheduleRefreshes"] = "false",
            ["Aggregates:RetryAttempts"] = "3",
            ["Aggregates:RetryFirstDelay"] = "00:00:01",
            ["Aggregates:LockTimeout"] = "00:00:01",
            ["Aggregates:IdleInTransactionTimeout"] = "00:00:00.5",
        });
        _ = api.BaseAddress; // starts the host, and with it the scheduler
        var failures = 0L;
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "dthub.aggregates.refresh.failures") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        meters.Start();
        await using var watcher = await RunWatcher.ListenAsync(hub.ConnectionString);
        var store = new AggregateRunStore(hub.DataSource);

        // Another session holds the refresh lock: the refresh times out waiting for it and fails.
        await using var blocker = await hub.DataSource.OpenConnectionAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        await using (var take = new Npgsql.NpgsqlCommand(
            "INSERT INTO aggregate_state DEFAULT VALUES ON CONFLICT DO NOTHING; SELECT 1 FROM aggregate_state FOR UPDATE", blocker, blocking))
            await take.ExecuteNonQueryAsync();
        var run = await api.Services.GetRequiredService<AggregateRefresher>().QueueAsync(full: true, "test");
        await watcher.UntilAsync(async () => (await store.GetAsync(run.Id))!.Status == AggregateRunStatus.Failed, TimeSpan.FromSeconds(30), "run failed");
        Assert.Contains("lock timeout", (await store.GetAsync(run.Id))!.Error);
        Assert.True(Interlocked.Read(ref failures) >= 1);

        // The lock is released; the retry (same run, next attempt) succeeds.
        await blocking.RollbackAsync();
        await watcher.UntilAsync(async () => (await store.GetAsync(run.Id))!.Status == AggregateRunStatus.Succeeded, TimeSpan.FromSeconds(30), "retried run succeeded");
        var retried = (await store.GetAsync(run.Id))!;
        Assert.True(retried.Attempt >= 2, $"attempt {retried.Attempt}");
        Assert.Null(retried.Error);
    }
}
