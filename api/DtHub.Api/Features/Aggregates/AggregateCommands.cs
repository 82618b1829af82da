using System.Globalization;
using DtHub.Api.Data;
using DtHub.Api.Features.Jobs;

namespace DtHub.Api.Features.Aggregates;

/// <summary>Command-line entries of the aggregates: <c>refresh [--full]</c> and <c>jobs-host</c>.</summary>
public static class AggregateCommands
{
    /// <summary>
    /// <c>refresh [--full]</c>: runs one refresh in this process, at once (no scheduler needed, so it works before any
    /// host is up); it queues behind a refresh the cluster may be running. Prints the run; exit code 1 if it failed.
    /// </summary>
    public static async Task<int> RefreshAsync(IServiceProvider services, string[] args)
    {
        var kind = args.Contains("--full") ? AggregateRunKind.Full : AggregateRunKind.Incremental;
        var refresh = services.GetRequiredService<AggregateRefresh>();
        var instance = $"cli@{Environment.MachineName}";
        try
        {
            var run = await refresh.RunNowAsync(kind, "cli", instance);
            var seconds = (run.FinishedAt - run.StartedAt)?.TotalSeconds ?? 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run.Id} ({AggregateRunStore.KindName(run.Kind)}) succeeded in {seconds:0.00} s: {run.UnitsTouched} ward(s), {run.RowsWritten} row(s), data version {run.DataVersion}"));
            return 0;
        }
        catch (Exception e)
        {
            var failed = (await services.GetRequiredService<AggregateRunStore>().ListAsync(1)).FirstOrDefault();
            Console.Error.WriteLine($"  run {failed?.Id} failed: {failed?.Error ?? e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// <c>jobs-host</c>: a host that runs only the clustered scheduler (no HTTP), until stopped. Start several on one
    /// database and they share the work; the clustering tests start two.
    /// </summary>
    public static async Task<int> JobsHostAsync(IServiceProvider _, string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddHubDatabase();
        builder.AddHubJobs();
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}
