using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DtHub.Api.Tests.Operations;

/// <summary>The built API binary run as its own process (<c>dotnet DtHub.Api.dll</c>) on a free port of 127.0.0.1.</summary>
internal sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    /// <summary>Starts the web host with <paramref name="environment"/> (ASP.NET configuration as environment variables) and waits until it listens.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment) =>
        await StartCoreAsync([], environment, waitForListening: true);

    /// <summary>Runs a CLI command of the binary (e.g. <c>token --role admin</c>) and returns its standard output.</summary>
    public static async Task<string> RunCommandAsync(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        await using var command = await StartCoreAsync(arguments, environment, waitForListening: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await command._process.WaitForExitAsync(timeout.Token);
        command._process.WaitForExit(); // flushes the redirected output
        if (command._process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', arguments)} failed:\n{string.Join('\n', command.Lines)}");
        return string.Join('\n', command.Lines).Trim();
    }

    private static async Task<ApiProcess> StartCoreAsync(string[] arguments, IReadOnlyDictionary<string, string> environment, bool waitForListening)
    {
        var dll = ApiBinary();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        if (waitForListening) { info.ArgumentList.Add("--urls"); info.ArgumentList.Add("http://127.0.0.1:0"); }
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var api = new ApiProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        api._process.OutputDataReceived += (_, e) => api.Receive(e.Data);
        api._process.ErrorDataReceived += (_, e) => api.Receive(e.Data);
        api._process.Exited += (_, _) => api._listening.TrySetException(new InvalidOperationException($"The API exited:\n{string.Join('\n', api.Lines)}"));
        api._process.Start();
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        if (waitForListening) api.BaseAddress = new Uri((await api._listening.Task.WaitAsync(TimeSpan.FromSeconds(90))).ToString().TrimEnd('/') + "/");
        return api;
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        if (Listening().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>The API binary the test project was built with (same configuration); DTHUB_API_DLL overrides.</summary>
    private static string ApiBinary()
    {
        if (Environment.GetEnvironmentVariable("DTHUB_API_DLL") is { Length: > 0 } configured) return configured;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DtHub.sln"))) directory = directory.Parent;
        var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("DtHub.sln not found above the test binaries"),
            "api", "DtHub.Api", "bin", configuration, "net10.0", "DtHub.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the API first", dll);
    }
}
