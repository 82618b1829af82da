using System.Diagnostics;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>A Node project of the repository (its own package.json and lockfile) that tests run scripts from.</summary>
public sealed class NodeProject
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    private NodeProject(string directory) => Directory = directory;

    /// <summary>Absolute folder of the project.</summary>
    public string Directory { get; }

    /// <summary>The project at <paramref name="relativePath"/> from the repository root (the folder holding DtHub.sln).</summary>
    public static NodeProject At(string relativePath) => new(Path.Combine(RepositoryRoot(), relativePath));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DtHub.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No DtHub.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Runs <c>npm ci</c> once when node_modules is missing (the lockfile pins every version).</summary>
    public async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules"))) return;
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (install.ExitCode != 0) throw new InvalidOperationException($"npm ci failed in {Directory}:\n{install.Output}\n{install.Errors}");
        }
        finally
        {
            Install.Release();
        }
    }

    /// <summary>Runs a command in the project folder and collects its output.</summary>
    public async Task<(int ExitCode, string Output, string Errors)> RunAsync(string command, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', start.ArgumentList)} did not finish within {timeout} in {Directory}.");
        }
        return (process.ExitCode, await output, await errors);
    }
}
