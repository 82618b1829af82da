using System.Globalization;
using Npgsql;

namespace DtHub.Api.Features.Reports;

public static class ReportsEndpoints
{
    /// <summary><c>GET /reports/monthly?month=2022-06&amp;format=csv|xlsx|html</c>: the city's monthly table for the web client.</summary>
    public static IEndpointRouteBuilder MapMonthlyReport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/monthly", async (string? month, string? format, NpgsqlDataSource dataSource, HttpContext http, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                return Results.Problem(statusCode: 400, title: "month must be given as YYYY-MM, e.g. month=2022-06");
            if (!MonthlyReportWriter.TryParseFormat(format, out var reportFormat))
                return Results.Problem(statusCode: 400, title: "format must be one of xlsx, csv, html");

            var report = await MonthlyReportQuery.LoadAsync(dataSource, first, ct);
            using var buffer = new MemoryStream();
            await MonthlyReportWriter.WriteAsync(report, reportFormat, buffer, ct);
            var fileName = reportFormat == MonthlyReportFormat.Html ? null : MonthlyReportWriter.FileName(first, reportFormat);
            return Results.File(buffer.ToArray(), MonthlyReportWriter.ContentType(reportFormat), fileName);
        }).WithName("MonthlyReport");
        return app;
    }
}
