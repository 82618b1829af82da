using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace DtHub.Api.Features.Jobs;

/// <summary>
/// Readiness of the Quartz scheduler on this instance: healthy when it runs (started, not in standby), or when
/// <c>Jobs:RunScheduler</c> is off here (other instances run the jobs); reports its state either way.
/// </summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers, IOptions<JobOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.RunScheduler)
            return HealthCheckResult.Healthy("Scheduler not run on this instance (Jobs:RunScheduler = false).", new Dictionary<string, object> { ["state"] = "disabled" });

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        var state = status.ToString();
        var data = new Dictionary<string, object>
        {
            ["state"] = state,
            ["instanceId"] = await scheduler.GetSchedulerInstanceId(cancellationToken),
        };
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("Scheduler running.", data)
            : HealthCheckResult.Unhealthy($"Scheduler is {state}, not Running.", data: data);
    }
}
