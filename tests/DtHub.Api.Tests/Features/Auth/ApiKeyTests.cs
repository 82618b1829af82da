using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary>API keys: hashed, scoped, revocable at once, rotatable, admin-managed, read-only, rate-limited per key.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ApiKeyTests(HubDatabase hub) : IAsyncLifetime
{
    private const string Create = """
        mutation($in: CreateApiKeyInput!) { createApiKey(input: $in) { apiKey { id prefix scopes rateLimitPerMinute } secret errors { code field message } } }
        """;

    private AccessWorld _world = null!;

    public async Task InitializeAsync() => _world = await AccessWorld.SeedAsync(hub);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(string Id, string Secret)> CreateKeyAsync(string[] scopes, int? perMinute = null)
    {
        var result = await hub.Api.ExecuteAsAdminAsync(Create, new { @in = new { name = "IOC Vũng Tàu", scopes, rateLimitPerMinute = perMinute } });
        var payload = result.GetProperty("data").GetProperty("createApiKey");
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        return (payload.GetProperty("apiKey").GetProperty("id").GetString()!, payload.GetProperty("secret").GetString()!);
    }

    private Task<(int Status, string Body)> WithKeyAsync(string key, string query, object? variables = null) =>
        hub.Api.PostAsAsync(null, query, variables, apiKey: key);

    [Fact]
    public async Task Key_is_stored_as_a_sha256_hash_with_only_its_prefix_in_clear()
    {
        var (_, secret) = await CreateKeyAsync(["read:Ward"]);
        await using var command = hub.DataSource.CreateCommand("SELECT prefix, secret_hash FROM api_keys");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.StartsWith($"dthub_{reader.GetString(0)}_", secret, StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), reader.GetFieldValue<byte[]>(1));
    }

    [Fact]
    public async Task Key_reads_what_its_scopes_name_and_nothing_else()
    {
        var (_, key) = await CreateKeyAsync(["read:Ward"]);
        var wards = await WithKeyAsync(key, "{ wards(first: 5) { nodes { code } } }");
        Assert.Equal(200, wards.Status);
        Assert.Equal(2, JsonDocument.Parse(wards.Body).RootElement.GetProperty("data").GetProperty("wards").GetProperty("nodes").GetArrayLength());

        // merchants is non-null, so the refusal nulls the whole data.
        var merchants = JsonDocument.Parse((await WithKeyAsync(key, "{ merchants(first: 5) { nodes { name } } }")).Body).RootElement;
        Assert.Equal(JsonValueKind.Null, merchants.GetProperty("data").ValueKind);
        Assert.Contains("read:Merchant", merchants.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        // Reaching a merchant through node(id:) is refused as well.
        var node = JsonDocument.Parse((await WithKeyAsync(key, "query($id: ID!) { node(id: $id) { ... on Merchant { name } } }", new { id = _world.West.Merchant })).Body).RootElement;
        Assert.Contains("read:Merchant", node.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Quán", node.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_key_is_refused_on_its_very_next_request()
    {
        var (id, key) = await CreateKeyAsync(["read:*"]);
        Assert.Equal(200, (await WithKeyAsync(key, "{ wards(first: 1) { nodes { code } } }")).Status);
        var revoked = await hub.Api.ExecuteAsAdminAsync("mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } errors { code } } }", new { id });
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("data").GetProperty("revokeApiKey").GetProperty("apiKey").GetProperty("revokedAt").ValueKind);
        Assert.Equal(401, (await WithKeyAsync(key, "{ wards(first: 1) { nodes { code } } }")).Status);
    }

    [Fact]
    public async Task Rotated_key_gets_a_new_secret_with_the_same_scopes_and_the_old_one_stops()
    {
        var (id, oldKey) = await CreateKeyAsync(["read:Ward", "read:Merchant"], perMinute: 100);
        var rotated = (await hub.Api.ExecuteAsAdminAsync("mutation($id: ID!) { rotateApiKey(input: { id: $id }) { apiKey { scopes rateLimitPerMinute } secret errors { code } } }", new { id }))
            .GetProperty("data").GetProperty("rotateApiKey");
        var newKey = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(["read:Ward", "read:Merchant"], rotated.GetProperty("apiKey").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(401, (await WithKeyAsync(oldKey, "{ wards(first: 1) { nodes { code } } }")).Status);
        Assert.Equal(200, (await WithKeyAsync(newKey, "{ wards(first: 1) { nodes { code } } }")).Status);
    }

    [Fact]
    public async Task Unknown_or_malformed_key_is_401()
    {
        Assert.Equal(401, (await WithKeyAsync("dthub_00000000_nope", "{ wards(first: 1) { nodes { code } } }")).Status);
        Assert.Equal(401, (await WithKeyAsync("garbage", "{ wards(first: 1) { nodes { code } } }")).Status);
    }

    [Theory]
    [InlineData(HubRoles.Leader, null)]
    [InlineData(HubRoles.Planner, null)]
    [InlineData(HubRoles.WardOfficer, "W01")]
    public async Task Only_admins_manage_keys(string role, string? ward)
    {
        var token = AccessTokens.For(hub.Api, role, ward);
        var created = await hub.Api.ExecuteAsAsync(token, Create, new { @in = new { name = "x", scopes = new[] { "read:*" } } });
        Assert.Equal("FORBIDDEN", created.GetProperty("data").GetProperty("createApiKey").GetProperty("errors")[0].GetProperty("code").GetString());
        var list = await hub.Api.ExecuteAsAsync(token, "{ apiKeys { name } }");
        Assert.Equal(JsonValueKind.Null, list.GetProperty("data").GetProperty("apiKeys").ValueKind);
        Assert.Equal("AUTHORIZATION", list.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_scope_is_refused_with_the_known_ones_listed()
    {
        var result = await hub.Api.ExecuteAsAdminAsync(Create, new { @in = new { name = "x", scopes = new[] { "read:Everything" } } });
        var error = result.GetProperty("data").GetProperty("createApiKey").GetProperty("errors")[0];
        Assert.Equal(("INVALID_VALUE", "scopes"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        Assert.Contains("read:Merchant", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_never_writes()
    {
        var (_, key) = await CreateKeyAsync(["read:*"]);
        var (status, body) = await WithKeyAsync(key, "mutation($id: ID!) { deleteMerchant(input: { id: $id }) { deletedId errors { code } } }", new { id = _world.West.Merchant });
        Assert.Equal(200, status);
        Assert.Equal("FORBIDDEN", JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("deleteMerchant").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Key_over_its_own_rate_limit_gets_429_with_retry_after_and_other_keys_are_unaffected()
    {
        var (_, slow) = await CreateKeyAsync(["read:*"], perMinute: 2);
        var (_, other) = await CreateKeyAsync(["read:*"], perMinute: 100);
        using var client = hub.Api.CreateClient();
        async Task<HttpResponseMessage> SendAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ wards(first: 1) { nodes { code } } }" }) };
            request.Headers.Add("X-Api-Key", key);
            return await client.SendAsync(request);
        }
        Assert.Equal(200, (int)(await SendAsync(slow)).StatusCode);
        Assert.Equal(200, (int)(await SendAsync(slow)).StatusCode);
        using var refused = await SendAsync(slow);
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("RATE_LIMITED", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task Client_ip_over_the_limit_gets_429_with_retry_after_but_health_probes_pass()
    {
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimit:PerIpPermits"] = "3",
            ["RateLimit:PerIpWindow"] = "00:01:00",
        });
        using var client = api.CreateClient();
        for (var i = 0; i < 3; i++) Assert.Equal(200, (int)(await client.GetAsync("graphql?query={__typename}")).StatusCode);
        using var refused = await client.GetAsync("graphql?query={__typename}");
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta?.TotalSeconds is >= 1 and <= 60, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(200, (int)(await client.GetAsync("healthz")).StatusCode);
        Assert.Equal(200, (int)(await client.GetAsync("readyz")).StatusCode);
    }
}
