using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DtHub.Api.Hosting;

/// <summary>Readiness as JSON: the overall status and, per check, its status, description and data (e.g. the scheduler's state).</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        }, cancellationToken: http.RequestAborted);
    }
}
