using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.Features.Jobs;

/// <summary>The Quartz scheduler every host runs: a cluster over the hub's PostgreSQL. Section <c>Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the scheduler on this host. Off, the host can still queue jobs for the others.</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>This host's id in the cluster; "AUTO" derives one from the machine name and time.</summary>
    [Required]
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>How often a host tells the cluster it is alive.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long past a missed check-in the others wait before recovering a host's jobs.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an idle host waits before asking the store for due triggers again. Also how soon another host picks up
    /// a refresh queued behind a running one (the job never runs concurrently). At least one second.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Worker threads per host.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;
}
