using DtHub.Api.Features.Import;
using Npgsql;

namespace DtHub.Api.Features.Reports;

/// <summary><c>dthub report --month YYYY-MM --format xlsx|csv|html [-o FILE]</c>; without -o, CSV and HTML go to standard output.</summary>
public static class ReportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (!ImportCommands.TryMonth(ImportCommands.Option(args, "--month"), out var month))
        {
            Console.Error.WriteLine("usage: report --month YYYY-MM --format xlsx|csv|html [-o FILE]");
            return 2;
        }
        if (!MonthlyReportWriter.TryParseFormat(ImportCommands.Option(args, "--format"), out var format))
        {
            Console.Error.WriteLine("format must be one of xlsx, csv, html");
            return 2;
        }
        var output = ImportCommands.Option(args, "-o") ?? ImportCommands.Option(args, "--output")
            ?? (format == MonthlyReportFormat.Xlsx ? MonthlyReportWriter.FileName(month, format) : null);

        var report = await MonthlyReportQuery.LoadAsync(services.GetRequiredService<NpgsqlDataSource>(), month);
        if (output is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await MonthlyReportWriter.WriteAsync(report, format, stdout);
            return 0;
        }
        await using (var file = File.Create(output)) await MonthlyReportWriter.WriteAsync(report, format, file);
        Console.Error.WriteLine($"  {output}: {report.Lines.Count} wards, city rate {MonthlyReportWriter.Rate(report.CityRate)}");
        return 0;
    }
}
