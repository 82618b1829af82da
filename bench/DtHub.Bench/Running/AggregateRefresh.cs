using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DtHub.Bench.Running;

/// <summary>
/// The aggregate refresh through the API binary's own command (<c>refresh [--full]</c>), timed by the run it
/// records (so .NET start-up is not counted). An incremental refresh right after a full one has nothing to do:
/// it measures the cost of finding that out. No floor yet: the SQL that computes the same indicators is the
/// aggregates feature's own, so the ratio needs a hand-written equivalent first.
/// </summary>
public static partial class AggregateRefresh
{
    public static async Task<ScenarioResult> MeasureAsync(string apiDll, string database, bool full, string label, bool quick)
    {
        var name = full ? "aggregate-refresh-full" : "aggregate-refresh-incremental";
        var description = full ? "Full refresh of the aggregates (`refresh --full`)" : "Incremental refresh right after a full one (`refresh`)";
        var start = new ProcessStartInfo("dotnet", full ? [apiDll, "refresh", "--full"] : [apiDll, "refresh"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        start.Environment["DTHUB_DB"] = database;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = Seconds().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            var why = (error + output).ReplaceLineEndings(" ").Trim();
            Console.WriteLine($"  {name,-24} failed: {why}");
            return new ScenarioResult(name, label, description, null, null, null, null, null, null, "failed", why.Length > 300 ? why[..300] : why);
        }
        var ms = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 1000;
        Console.WriteLine($"  {name,-24} dthub {ms:F0} ms ({output.Trim()})");
        return new ScenarioResult(name, label, description, null, new Timing(ms, ms, 1), null, null, null, null, "measured",
            "one run, as recorded by the refresh itself; no SQL floor yet");
    }

    [GeneratedRegex(@"succeeded in ([\d.]+) s")]
    private static partial Regex Seconds();
}
