using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.GraphQL.Transport;

/// <summary>The graphql-http audit suite (the GraphQL-over-HTTP spec's own conformance checks) against the real host.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class GraphQLOverHttpAuditTests(HubDatabase hub)
{
    [Fact]
    public async Task Graphql_http_server_audits_report_no_error()
    {
        var audit = NodeProject.At("tests/graphql-http-audit");
        await audit.EnsureInstalledAsync();

        var run = await audit.RunAsync("node", ["audit.mjs", new Uri(hub.Api.BaseAddress, "graphql").ToString()], TimeSpan.FromMinutes(2));

        Assert.True(run.Output.TrimStart().StartsWith('{'), $"The audit printed no report (exit {run.ExitCode}):\n{run.Output}\n{run.Errors}");
        using var report = JsonDocument.Parse(run.Output);
        var failing = report.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("status").GetString() == "error")
            .Select(r => $"{r.GetProperty("id").GetString()} {r.GetProperty("name").GetString()}: {r.GetProperty("reason").GetString()}")
            .ToList();
        Assert.True(failing.Count == 0, "graphql-http audits failed:\n" + string.Join("\n", failing));
        Assert.True(report.RootElement.GetProperty("ok").GetInt32() > 0);
    }
}
