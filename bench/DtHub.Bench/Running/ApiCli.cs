using System.Diagnostics;

namespace DtHub.Bench.Running;

/// <summary>One of the API binary's own commands (<c>refresh</c>, <c>import …</c>) run against a database, as an operator runs it.</summary>
public static class ApiCli
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public string Both => (Error + Output).ReplaceLineEndings(" ").Trim();
    }

    public static async Task<Outcome> RunAsync(string apiDll, string database, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [apiDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        start.Environment["DTHUB_DB"] = database;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Outcome(process.ExitCode, await output, await error);
    }
}
