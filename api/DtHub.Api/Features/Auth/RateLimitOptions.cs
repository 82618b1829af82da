using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.Features.Auth;

/// <summary><c>RateLimit</c> settings: per client IP for people and anonymous callers; each API key carries its own per-minute limit.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Requests one IP may make per <see cref="PerIpWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int PerIpPermits { get; set; } = 1200;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit given to a new API key when the admin names none.</summary>
    [Range(1, 100_000)]
    public int DefaultKeyPerMinute { get; set; } = 600;
}
