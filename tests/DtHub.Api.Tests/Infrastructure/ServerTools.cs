using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>Running PostgreSQL's server tools (as the postgres user when the tests run as root) and picking free ports.</summary>
internal static class ServerTools
{
    public static async Task RunAsync(string file, string[] args, string? asUser)
    {
        var start = new ProcessStartInfo(asUser is null ? file : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asUser is not null) foreach (var a in new[] { "-u", asUser, "--", file }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
