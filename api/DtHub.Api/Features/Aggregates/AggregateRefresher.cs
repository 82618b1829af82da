using Microsoft.Extensions.Options;
using Quartz;

namespace DtHub.Api.Features.Aggregates;

/// <summary>Queues refreshes on the cluster: what the <c>refreshAggregates</c> mutation calls.</summary>
public sealed class AggregateRefresher(ISchedulerFactory schedulers, AggregateRunStore runs, IOptions<AggregateOptions> options)
{
    /// <summary>
    /// Records a queued run and fires the refresh job for it on whichever host of the cluster is free first.
    /// Returns the run at once; follow it with <see cref="AggregateRunStore.GetAsync"/>.
    /// </summary>
    public async Task<AggregateRun> QueueAsync(bool full, string requestedBy = "api", DateTimeOffset? startAt = null, CancellationToken cancellationToken = default)
    {
        var run = await runs.CreateQueuedAsync(full ? AggregateRunKind.Full : AggregateRunKind.Incremental, requestedBy, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"run-{run.Id}", "aggregates-on-demand")
            .ForJob(RefreshAggregatesJob.Key)
            .UsingJobData(RefreshAggregatesJob.RunIdKey, run.Id)
            .UsingJobData(RefreshAggregatesJob.FullKey, full)
            .WithRetryPolicy(RefreshAggregatesJob.Retry(options.Value))
            .StartAt(startAt ?? DateTimeOffset.UtcNow)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
        return run;
    }
}
