using System.Globalization;
using Spectre.Console;

namespace DtHub.Api.Features.Import;

/// <summary>
/// <c>dthub import ward-report FILE --month YYYY-MM | merchants FILE | wifi FILE | boundaries FILE</c>
/// [<c>--mode all-or-nothing|accept-valid-rows</c>] [<c>--by NAME</c>]. Exit code 0 only when the file was accepted.
/// </summary>
public static class ImportCommands
{
    private const string Usage = "usage: import ward-report FILE --month YYYY-MM | import merchants FILE | import wifi FILE | import boundaries FILE  [--mode all-or-nothing|accept-valid-rows] [--by NAME]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2) return Fail(Usage);
        if (args[0] == "bench-merchants" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var benchRows))
            return await MerchantImportBench.RunAsync(services, benchRows);
        var kind = args[0];
        var path = args[1];
        if (!File.Exists(path)) return Fail($"no such file: {path}");
        ImportMode? mode;
        switch (Option(args, "--mode"))
        {
            case null: mode = null; break;
            case "all-or-nothing": mode = ImportMode.AllOrNothing; break;
            case "accept-valid-rows": mode = ImportMode.AcceptValidRows; break;
            case var other: return Fail($"unknown mode '{other}': use all-or-nothing or accept-valid-rows");
        }
        var importedBy = Option(args, "--by") ?? Environment.UserName;
        var import = services.GetRequiredService<ImportService>();
        var fileName = Path.GetFileName(path);

        Func<IProgress<int>?, CancellationToken, Task<ImportResult>> run;
        switch (kind)
        {
            case "ward-report":
                if (!TryMonth(Option(args, "--month"), out var month)) return Fail("ward-report needs --month YYYY-MM");
                run = async (_, ct) => { await using var f = File.OpenRead(path); return await import.ImportWardReportAsync(f, fileName, month, mode, importedBy, cancellationToken: ct); };
                break;
            case "merchants":
                run = async (progress, ct) => { await using var f = File.OpenRead(path); return await import.ImportMerchantsAsync(f, fileName, mode, importedBy, progress, cancellationToken: ct); };
                break;
            case "wifi":
                run = async (_, ct) => { await using var f = File.OpenRead(path); return await import.ImportWifiAsync(f, fileName, mode, importedBy, cancellationToken: ct); };
                break;
            case "boundaries":
                run = async (_, ct) => { await using var f = File.OpenRead(path); return await import.ImportBoundariesAsync(f, fileName, mode, importedBy, cancellationToken: ct); };
                break;
            default:
                return Fail(Usage);
        }

        ImportResult result;
        try { result = await WithProgressAsync(path, run); }
        catch (ImportFileTooLargeException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        PrintSummary(result);
        return result.Accepted ? 0 : 1;
    }

    private static async Task<ImportResult> WithProgressAsync(string path, Func<IProgress<int>?, CancellationToken, Task<ImportResult>> run)
    {
        var size = new FileInfo(path).Length;
        if (size < 1_000_000 || Console.IsOutputRedirected) return await run(null, CancellationToken.None);
        var estimatedRows = EstimateRows(path);
        ImportResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"importing {Markup.Escape(Path.GetFileName(path))}", maxValue: Math.Max(estimatedRows, 1));
                var progress = new Progress<int>(rows => task.Value = Math.Min(rows, task.MaxValue));
                result = await run(progress, CancellationToken.None);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Lines in a CSV; for a workbook the size over a typical row. Only drives the progress bar.</summary>
    private static long EstimateRows(string path)
    {
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) return new FileInfo(path).Length / 40;
        long lines = 0;
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }

    public static void PrintSummary(ImportResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("inserted").AddColumn("updated").AddColumn("unchanged").AddColumn("rejected").AddColumn("flagged");
        table.AddRow(N(result.Inserted), N(result.Updated), N(result.Unchanged), N(result.Rejected), N(result.Flagged));
        table.Title = new TableTitle($"{Markup.Escape(result.Kind)} · {Markup.Escape(result.FileName)} · {result.Mode}");
        AnsiConsole.Write(table);

        if (result.Errors.Count > 0)
        {
            var errors = new Table().Border(TableBorder.Simple).AddColumn("row").AddColumn("field").AddColumn("reason");
            foreach (var e in result.Errors.Take(200))
                errors.AddRow(e.Row == 0 ? "file" : N(e.Row), Markup.Escape(e.Field ?? ""), Markup.Escape(e.Reason));
            AnsiConsole.MarkupLine("[red]rejected:[/]");
            AnsiConsole.Write(errors);
            if (result.Errors.Count > 200) AnsiConsole.MarkupLine($"… and {result.Errors.Count - 200} more");
        }
        foreach (var w in result.Warnings.Take(50)) AnsiConsole.MarkupLine($"[yellow]warning[/] {Markup.Escape(w.ToString())}");

        AnsiConsole.MarkupLine(result switch
        {
            { Accepted: false } => "[red]file rejected: nothing was written[/]",
            { AlreadyImported: true } => "[green]this file was already imported: nothing changed[/]",
            { BatchId: null } => "[green]accepted: the hub already had these figures[/]",
            _ => $"[green]accepted as import batch {result.BatchId}[/]",
        });
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static bool TryMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
