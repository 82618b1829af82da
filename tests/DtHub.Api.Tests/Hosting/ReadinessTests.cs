using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DtHub.Api.Tests.Hosting;

/// <summary>/readyz reports the database and the Quartz scheduler: ready when the scheduler runs or is off on this instance, not in standby.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReadinessTests(HubDatabase hub)
{
    private static async Task<(int Status, JsonElement Scheduler)> ReadyzAsync(HubApiFactory api)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync("readyz");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        return ((int)response.StatusCode, body.GetProperty("checks").GetProperty("scheduler").Clone());
    }

    [Fact]
    public async Task Ready_when_the_scheduler_is_disabled_on_this_instance()
    {
        await hub.UseEmptyAsync();
        var (status, scheduler) = await ReadyzAsync(hub.Api);
        Assert.Equal(200, status);
        Assert.Equal("disabled", scheduler.GetProperty("data").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Ready_while_the_scheduler_runs_and_not_ready_in_standby()
    {
        await hub.UseEmptyAsync();
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:RunScheduler"] = "true",
            ["Jobs:InstanceId"] = "readyz-test",
            ["Aggregates:ScheduleRefreshes"] = "false",
        });

        // The hosted service starts the scheduler once the host has started: wait for that event, not for time.
        var scheduler = await api.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var started = new StartedListener();
        scheduler.ListenerManager.AddSchedulerListener(started);
        if (await scheduler.GetStatus() != SchedulerStatus.Running) await started.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var running = await ReadyzAsync(api);
        Assert.True(running.Status == 200, running.Scheduler.GetRawText());
        Assert.Equal("Running", running.Scheduler.GetProperty("data").GetProperty("state").GetString());
        Assert.Equal("readyz-test", running.Scheduler.GetProperty("data").GetProperty("instanceId").GetString());

        await scheduler.Standby();
        var standby = await ReadyzAsync(api);
        Assert.Equal(503, standby.Status);
        Assert.Equal("Standby", standby.Scheduler.GetProperty("data").GetProperty("state").GetString());
        Assert.Contains("Standby", standby.Scheduler.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private sealed class StartedListener : ISchedulerListener
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask SchedulerStarted(IScheduler scheduler, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            return default;
        }
    }
}
