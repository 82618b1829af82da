using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// One fixed window per client: an API key by its own per-minute limit, everyone else by IP. A refusal is
/// 429 with <c>Retry-After</c> (ASP.NET Core's limiter would say 503). Health probes are never limited.
/// </summary>
public static class ClientRateLimiter
{
    public static void Configure(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsJsonAsync(new
            {
                errors = new[] { new { message = $"Rate limit reached for {Partition(http).Describe}; retry after {retryAfter} s.", extensions = new { code = "RATE_LIMITED" } } },
            }, cancellationToken);
        };
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var partition = Partition(http);
            return partition.Permits is null
                ? RateLimitPartition.GetNoLimiter(partition.Key)
                : RateLimitPartition.GetFixedWindowLimiter(partition.Key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = partition.Permits.Value,
                    Window = partition.Window,
                    QueueLimit = 0,
                });
        });
    }

    private sealed record ClientPartition(string Key, int? Permits, TimeSpan Window, string Describe);

    private static ClientPartition Partition(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/healthz") || http.Request.Path.StartsWithSegments("/readyz"))
            return new("health", null, TimeSpan.Zero, "health probes");
        if (http.User.FindFirst(HubCaller.ApiKeyIdClaim)?.Value is { } keyId
            && int.TryParse(http.User.FindFirst(ApiKeyAuthenticationHandler.RateLimitClaim)?.Value, CultureInfo.InvariantCulture, out var perMinute))
        {
            // The limit is part of the partition key, so a changed limit takes effect at once.
            return new($"key:{keyId}:{perMinute}", perMinute, TimeSpan.FromMinutes(1), $"API key {keyId} ({perMinute} per minute)");
        }
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return new($"ip:{ip}", options.PerIpPermits, options.PerIpWindow,
            $"client {ip} ({options.PerIpPermits} per {options.PerIpWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)");
    }
}
