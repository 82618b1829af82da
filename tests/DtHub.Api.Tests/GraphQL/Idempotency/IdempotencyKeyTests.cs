using System.Net.Http.Json;
using System.Text;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.GraphQL.Idempotency;

/// <summary>
/// A mutation sent with an Idempotency-Key is applied once: retries get the stored response, another body with the
/// same key is 422, and concurrent duplicates wait for the first. Counted in the merchants table and the audit log.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class IdempotencyKeyTests(HubDatabase hub) : IAsyncLifetime
{
    private const string Create = "mutation($in: CreateMerchantInput!) { createMerchant(input: $in) { merchant { id name } errors { code message } } }";

    private AccessWorld _world = null!;

    public async Task InitializeAsync() => _world = await AccessWorld.SeedAsync(hub);

    public Task DisposeAsync() => Task.CompletedTask;

    private string Body(string name) => System.Text.Json.JsonSerializer.Serialize(new
    {
        query = Create,
        variables = new { @in = new { name, category = "RESTAURANT", location = AccessWorld.Point(_world.West.Lon) } },
    });

    private async Task<(int Status, string Body, bool Replayed)> SendAsync(string body, string key, HubApiFactory? api = null)
    {
        api ??= hub.Api;
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", AccessTokens.Admin(api));
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotency-Replayed"));
    }

    private async Task<long> CountAsync(string sql, string name)
    {
        await using var command = hub.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = name });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> MerchantsNamedAsync(string name) => CountAsync("SELECT count(*) FROM merchants WHERE name = $1", name);

    private Task<long> AuditedInsertsOfAsync(string name) =>
        CountAsync("SELECT count(*) FROM audit_log WHERE entity = 'merchants' AND action = 'INSERT' AND after->>'name' = $1", name);

    [Fact]
    public async Task Retry_with_the_same_key_returns_the_stored_response_and_writes_once()
    {
        var body = Body("Quán Idempotent");
        var first = await SendAsync(body, "retry-0001");
        var second = await SendAsync(body, "retry-0001");

        Assert.Equal(200, first.Status);
        Assert.Equal("Quán Idempotent", System.Text.Json.JsonDocument.Parse(first.Body).RootElement
            .GetProperty("data").GetProperty("createMerchant").GetProperty("merchant").GetProperty("name").GetString());
        Assert.False(first.Replayed);
        Assert.Equal((200, first.Body, true), second);
        Assert.Equal(1, await MerchantsNamedAsync("Quán Idempotent"));
        Assert.Equal(1, await AuditedInsertsOfAsync("Quán Idempotent"));

        // Without a key, the same body is a new request.
        await hub.Api.ExecuteAsAdminAsync(Create, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("variables"));
        Assert.Equal(2, await MerchantsNamedAsync("Quán Idempotent"));
    }

    [Fact]
    public async Task Same_key_with_another_body_is_422_and_applies_nothing()
    {
        await SendAsync(Body("Quán Một"), "reused-key-1");
        var refused = await SendAsync(Body("Quán Hai"), "reused-key-1");

        Assert.Equal(422, refused.Status);
        Assert.Contains("IDEMPOTENCY_KEY_REUSED", refused.Body, StringComparison.Ordinal);
        Assert.Contains("different request body", refused.Body, StringComparison.Ordinal);
        Assert.Equal(0, await MerchantsNamedAsync("Quán Hai"));
    }

    [Fact]
    public async Task Concurrent_requests_with_the_same_key_apply_once_and_all_get_the_first_response()
    {
        var body = Body("Quán Đồng Thời");
        using var start = new Barrier(8);
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await SendAsync(body, "concurrent-0001");
        })).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, await MerchantsNamedAsync("Quán Đồng Thời"));
        Assert.Equal(1, await AuditedInsertsOfAsync("Quán Đồng Thời"));
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Single(results.Select(r => r.Body).Distinct());
        Assert.Equal(7, results.Count(r => r.Replayed));
    }

    [Fact]
    public async Task The_claim_is_marked_applied_in_the_transaction_of_the_write_and_a_lost_response_is_never_reapplied()
    {
        var body = Body("Quán Mất Phản Hồi");
        await SendAsync(body, "lost-0001");
        await using (var applied = hub.DataSource.CreateCommand("SELECT applied_at IS NOT NULL AND completed_at IS NOT NULL FROM idempotency_keys WHERE key = 'lost-0001'"))
            Assert.True((bool)(await applied.ExecuteScalarAsync())!);

        // As if the host died after the write committed but before the response was stored.
        await using (var crash = hub.DataSource.CreateCommand("UPDATE idempotency_keys SET completed_at = NULL, response_body = NULL WHERE key = 'lost-0001'"))
            await crash.ExecuteNonQueryAsync();
        var retry = await SendAsync(body, "lost-0001");

        Assert.Equal(409, retry.Status);
        Assert.Contains("IDEMPOTENCY_RESPONSE_LOST", retry.Body, StringComparison.Ordinal);
        Assert.Equal(1, await MerchantsNamedAsync("Quán Mất Phản Hồi"));
    }

    [Fact]
    public async Task A_request_that_wrote_nothing_is_not_marked_applied_and_expired_keys_are_cleaned_up()
    {
        // A refused write (validation error) writes nothing: its claim stays unapplied but the answer is stored.
        var invalid = System.Text.Json.JsonSerializer.Serialize(new { query = Create, variables = new { @in = new { name = "", category = "RESTAURANT", location = AccessWorld.Point(_world.West.Lon) } } });
        await SendAsync(invalid, "nothing-0001");
        await using (var state = hub.DataSource.CreateCommand("SELECT applied_at IS NULL AND completed_at IS NOT NULL FROM idempotency_keys WHERE key = 'nothing-0001'"))
            Assert.True((bool)(await state.ExecuteScalarAsync())!);

        await using (var age = hub.DataSource.CreateCommand("UPDATE idempotency_keys SET created_at = now() - interval '25 hours'"))
            await age.ExecuteNonQueryAsync();
        var store = hub.Api.Services.GetService(typeof(DtHub.Api.GraphQL.Idempotency.IdempotencyStore)) as DtHub.Api.GraphQL.Idempotency.IdempotencyStore;
        Assert.Equal(1, await store!.DeleteExpiredAsync(TimeSpan.FromHours(24), CancellationToken.None));
    }

    [Fact]
    public async Task Expired_key_is_a_new_request_and_the_key_belongs_to_its_caller()
    {
        var body = Body("Quán Hết Hạn");
        await SendAsync(body, "expiry-0001");
        await using (var age = hub.DataSource.CreateCommand("UPDATE idempotency_keys SET created_at = now() - interval '25 hours'"))
            await age.ExecuteNonQueryAsync();
        var again = await SendAsync(body, "expiry-0001");

        Assert.False(again.Replayed);
        Assert.Equal(2, await MerchantsNamedAsync("Quán Hết Hạn"));

        // Another caller with the same key is another key.
        using var client = hub.Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", AccessTokens.For(hub.Api, HubRoles.WardOfficer, "W01"));
        request.Headers.Add("Idempotency-Key", "expiry-0001");
        using var response = await client.SendAsync(request);
        Assert.False(response.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(3, await MerchantsNamedAsync("Quán Hết Hạn"));
    }
}
