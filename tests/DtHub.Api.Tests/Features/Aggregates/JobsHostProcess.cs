using System.Diagnostics;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>A separate process running the API binary's <c>jobs-host</c> command: one node of the Quartz cluster.</summary>
internal sealed class JobsHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string InstanceId { get; }

    private JobsHostProcess(Process process, string instanceId)
    {
        _process = process;
        InstanceId = instanceId;
    }

    /// <summary>Lines the host has written so far.</summary>
    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public bool HasExited => _process.HasExited;

    public static async Task<JobsHostProcess> StartAsync(string connectionString, string instanceId, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = ApiBinary();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("jobs-host");
        info.Environment["DTHUB_DB"] = connectionString;
        info.Environment["Jobs__InstanceId"] = instanceId;
        info.Environment["Jobs__CheckinInterval"] = "00:00:01";
        info.Environment["Jobs__CheckinMisfireThreshold"] = "00:00:03";
        info.Environment["Jobs__IdleWaitTime"] = "00:00:01";
        info.Environment["Aggregates__ScheduleRefreshes"] = "false";
        info.Environment["Logging__Console__FormatterName"] = "systemd";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var host = new JobsHostProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, instanceId);
        host._process.OutputDataReceived += (_, e) => host.Receive(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Receive(e.Data);
        host._process.Exited += (_, _) => host._started.TrySetException(new InvalidOperationException($"jobs-host {instanceId} exited:\n{string.Join('\n', host.Lines)}"));
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host._started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        TaskCompletionSource arrived;
        lock (_lines)
        {
            _lines.Add(line);
            arrived = _lineArrived;
            _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        arrived.TrySetResult();
        if (line.Contains($"Scheduler dthub_$_{InstanceId} started", StringComparison.Ordinal)) _started.TrySetResult();
    }

    /// <summary>Returns the first line (so far or to come) matching <paramref name="match"/>; woken by each new line.</summary>
    public async Task<string> LineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task next;
            lock (_lines)
            {
                if (_lines.FirstOrDefault(match) is { } found) return found;
                next = _lineArrived.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
                throw new TimeoutException($"{InstanceId}: {what}: not within {timeout.TotalSeconds} s");
        }
    }

    /// <summary>SIGSTOP: the process is frozen (as by a long GC pause, a swap storm or a paused VM), its sockets stay open.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT: the frozen process carries on where it stopped, unaware of the time that passed.</summary>
    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {_process.Id} failed");
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, the way a host dies when its machine does.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Thaw(); // a frozen process cannot even be killed cleanly from the test's point of view
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
