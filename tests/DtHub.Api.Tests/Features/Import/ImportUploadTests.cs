using System.Collections.Concurrent;
using DtHub.Api.Features.Auth;
using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DtHub.Api.Tests.Features.Import;

/// <summary>The import mutations over real HTTP with real multipart bodies (GraphQL multipart request spec).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ImportUploadTests(HubDatabase hub)
{
    private const string ImportMerchants = $"mutation($file: Upload!) {{ importMerchants(file: $file) {{ {ImportUploads.Summary} }} }}";

    [Fact]
    public async Task Admin_uploads_a_registry_and_gets_the_summary_with_every_row_error()
    {
        await AccessWorld.SeedAsync(hub);
        var file = ImportUploads.Merchants(("Quán Tây", 107.003), ("Quán Đông", 107.013)) + "Quán lạc,Nhà hàng,107.005,10.305\n";

        var (status, body) = await hub.Api.UploadAsync(AccessTokens.Admin(hub.Api), ImportMerchants, "co-so.csv", file);

        Assert.Equal(200, status);
        var payload = body.GetProperty("data").GetProperty("importMerchants");
        Assert.True(payload.GetProperty("accepted").GetBoolean());
        Assert.Equal(2, payload.GetProperty("inserted").GetInt32());
        Assert.Equal(1, payload.GetProperty("rejected").GetInt32());
        var error = payload.GetProperty("rowErrors")[0];
        Assert.Equal(4, error.GetProperty("row").GetInt32());
        Assert.Equal("latitude", error.GetProperty("field").GetString());
        Assert.Contains("swapped", error.GetProperty("reason").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, payload.GetProperty("batchId").ValueKind);
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM import_batches WHERE kind = 'merchants' AND file_name = 'co-so.csv'"));
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM merchants WHERE name IN ('Quán Tây', 'Quán Đông')"));
    }

    [Fact]
    public async Task Ward_report_upload_takes_the_month_argument()
    {
        await AccessWorld.SeedAsync(hub);
        var (status, body) = await hub.Api.UploadAsync(AccessTokens.Admin(hub.Api),
            $"mutation($file: Upload!, $month: Month!) {{ importWardReport(file: $file, month: $month, mode: ALL_OR_NOTHING) {{ {ImportUploads.Summary} }} }}",
            "t3.csv", ImportUploads.WardReport("P. Thắng Nhì", "Long Sơn"), new() { ["month"] = "2023-03" });
        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("data").GetProperty("importWardReport").GetProperty("inserted").GetInt32());
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports WHERE month = '2023-03-01'"));
    }

    [Fact]
    public async Task A_form_without_preflight_header_or_token_is_refused_before_anything_runs()
    {
        await AccessWorld.SeedAsync(hub);
        var (status, body) = await hub.Api.UploadAsync(null, ImportMerchants, "co-so.csv", ImportUploads.Merchants(("Quán Tây", 107.003)), preflight: false);
        Assert.Equal(400, status);
        Assert.Equal("CSRF_PREVENTION", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM merchants WHERE name = 'Quán Tây'"));
    }

    [Fact]
    public async Task An_upload_over_its_own_cap_answers_413_naming_the_limit()
    {
        await AccessWorld.SeedAsync(hub);
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:Upload:MaxUploadBytes"] = "4096" });
        var big = ImportUploads.Merchants(Enumerable.Range(0, 200).Select(i => ($"Quán số {i}", 107.001 + i * 1e-5)).ToArray());
        var (status, body) = await api.UploadAsync(AccessTokens.Admin(api), ImportMerchants, "big.csv", big);
        Assert.Equal(413, status);
        Assert.Contains("GraphQL:Upload:MaxUploadBytes", body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM merchants WHERE name LIKE 'Quán số %'"));
    }

    [Fact]
    public async Task After_an_upload_the_touched_wards_aggregates_are_queued_for_refresh()
    {
        var world = await AccessWorld.SeedAsync(hub);
        var queue = new RecordingRefreshQueue();
        await using var api = new HubApiFactory(hub.ConnectionString, configureServices: s => s.Replace(ServiceDescriptor.Singleton<IAggregateRefreshQueue>(queue)));
        var (status, _) = await api.UploadAsync(AccessTokens.For(api, HubRoles.WardOfficer, "W01"), ImportMerchants, "w01.csv", ImportUploads.Merchants(("Quán Tây", 107.003)));
        Assert.Equal(200, status);
        var westId = (int)await ImportTestData.ScalarAsync(hub, "SELECT id FROM wards WHERE code = 'W01'");
        var (kind, wards) = Assert.Single(queue.Requests);
        Assert.Equal("merchants", kind);
        Assert.Equal([westId], wards);
        _ = world;
    }

    private sealed class RecordingRefreshQueue : IAggregateRefreshQueue
    {
        public ConcurrentQueue<(string Kind, int[] Wards)> Requests { get; } = new();

        public ValueTask EnqueueAsync(string kind, IReadOnlyCollection<int> wardIds, CancellationToken cancellationToken = default)
        {
            Requests.Enqueue((kind, wardIds.Order().ToArray()));
            return ValueTask.CompletedTask;
        }
    }
}
