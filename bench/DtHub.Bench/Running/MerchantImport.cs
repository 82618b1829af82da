using System.Globalization;
using System.Text.RegularExpressions;

namespace DtHub.Bench.Running;

/// <summary>
/// The merchant import (issue 6) through the API binary's own <c>import bench-merchants N</c>: N new merchants in a
/// registry file (every tenth with a VietQR code) imported end to end (read, parse, validate, place, binary COPY,
/// match, insert, audit, commit) into a scratch copy of the dataset, which <c>bench/run.sh</c> makes from it as a
/// template and drops afterwards. The floor is a raw <c>COPY</c> of the same file into a bare table, measured just
/// before and just after the import.
/// </summary>
public static partial class MerchantImport
{
    public const string Name = "merchant-import";
    private const double GoalRowsPerSecond = 100_000;

    public static async Task<ScenarioResult> MeasureAsync(string apiDll, string scratchDatabase, string label, int rows)
    {
        var description = $"Import of a registry of {rows:N0} new merchants (`import bench-merchants {rows}`) into a copy of the dataset";
        var outcome = await ApiCli.RunAsync(apiDll, scratchDatabase, "import", "bench-merchants", rows.ToString(CultureInfo.InvariantCulture));
        var result = Result().Match(outcome.Output);
        if (!result.Success)
        {
            Console.WriteLine($"  {Name} failed: {outcome.Both}");
            return new(Name, label, description, null, null, null, null, null, null, "failed", outcome.Both);
        }
        double Value(string key) => double.Parse(result.Groups[key].Value, CultureInfo.InvariantCulture);
        var (raw, import, inserted, rejected) = (Value("raw"), Value("import"), Value("inserted"), Value("rejected"));
        var rate = rows / (import / 1000);
        var rawRate = rows / (raw / 1000);
        var note = string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} rows ({inserted:N0} inserted, {rejected:N0} rejected): {rate:N0} rows/s (goal ≥ {GoalRowsPerSecond:N0}, {(rate >= GoalRowsPerSecond ? "met" : "not met")}); raw COPY {rawRate:N0} rows/s; one run, exit code {outcome.ExitCode}");
        Console.WriteLine($"  {Name,-24} floor {raw:F0} ms  dthub {import:F0} ms  {note}");
        return new(Name, label, description, new Timing(raw, raw, 1), new Timing(import, import, 1), null, rate, null, rawRate,
            outcome.ExitCode == 0 ? "measured" : "failed", note);
    }

    [GeneratedRegex(@"bench-merchants result: rows=\d+ raw_copy_ms=(?<raw>[\d.]+) import_ms=(?<import>[\d.]+) inserted=(?<inserted>\d+) updated=\d+ unchanged=\d+ rejected=(?<rejected>\d+)")]
    private static partial Regex Result();
}
