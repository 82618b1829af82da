using Quartz;

namespace DtHub.Api.Features.Aggregates;

/// <summary>
/// The Quartz job behind every refresh: nightly full, incremental every few minutes, and on demand. One job key, so
/// refreshes never overlap within the cluster; recoverable, so a refresh interrupted by a dying host is run again by
/// another; retried with exponential back-off when it fails.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RefreshAggregatesJob(AggregateRefresh refresh, AggregateRunStore runs, ILogger<RefreshAggregatesJob> logger) : IJob
{
    public static readonly JobKey Key = new("refresh-aggregates", "aggregates");

    /// <summary>Job data: the recorded run an on-demand trigger executes.</summary>
    public const string RunIdKey = "runId";

    /// <summary>Job data: full (true) or incremental.</summary>
    public const string FullKey = "full";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        long runId;
        if (data.ContainsKey(RunIdKey))
        {
            // On demand: the run was recorded when it was queued; a retry or recovery carries it on.
            runId = Convert.ToInt64(data[RunIdKey], System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            var kind = data.ContainsKey(FullKey) && Convert.ToBoolean(data[FullKey], System.Globalization.CultureInfo.InvariantCulture)
                ? AggregateRunKind.Full : AggregateRunKind.Incremental;
            var requestedBy = context.Recovering ? "recovery" : context.RetryAttempt > 0 ? "retry" : "schedule";
            // One run per firing: a recovery (scheduled for the same time) takes the interrupted run over.
            var fired = context.Recovering ? context.RecoveringTriggerKey : context.Trigger.Key;
            var fireKey = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{fired}@{context.ScheduledFireTimeUtc?.UtcTicks}");
            runId = await runs.ForFiringAsync(kind, requestedBy, fireKey, cancellationToken);
        }
        var trigger = context.Trigger.Key.ToString();
        var instance = context.Scheduler.SchedulerInstanceId;
        LogFired(logger, runId, trigger, instance, context.Recovering, context.RetryAttempt);
        try
        {
            // A failure propagates: Quartz counts it and applies the trigger's retry policy.
            await refresh.ExecuteAsync(runId, instance, cancellationToken);
        }
        catch (AggregateRunSupersededException e)
        {
            LogSuperseded(logger, runId, trigger, instance, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh job superseded: run {RunId}, trigger {Trigger}, instance {Instance}: {Reason}")]
    private static partial void LogSuperseded(ILogger logger, long runId, string trigger, string instance, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refresh job fired: run {RunId}, trigger {Trigger}, instance {Instance}, recovering {Recovering}, retry {RetryAttempt}")]
    private static partial void LogFired(ILogger logger, long runId, string trigger, string instance, bool recovering, int retryAttempt);

    /// <summary>The back-off a failed refresh is retried with.</summary>
    public static RetryPolicy Retry(AggregateOptions options) => options.RetryAttempts == 0
        ? RetryPolicy.None
        : RetryPolicy.Exponential(options.RetryAttempts, options.RetryFirstDelay, 2, TimeSpan.FromMinutes(30));

    internal static void Configure(IQuartzBuilder quartz, AggregateOptions options)
    {
        quartz.AddJob<RefreshAggregatesJob>(job => job.WithIdentity(Key).StoreDurably().RequestRecovery());
        if (!options.ScheduleRefreshes) return;
        quartz.AddTrigger(trigger => trigger
            .WithIdentity("full-refresh", "aggregates")
            .ForJob(Key)
            .UsingJobData(FullKey, true)
            .WithRetryPolicy(Retry(options))
            .WithCronSchedule(options.FullRefreshCron, cron => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        quartz.AddTrigger(trigger => trigger
            .WithIdentity("incremental-refresh", "aggregates")
            .ForJob(Key)
            .UsingJobData(FullKey, false)
            .WithRetryPolicy(Retry(options))
            .WithCronSchedule(options.IncrementalRefreshCron, cron => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
