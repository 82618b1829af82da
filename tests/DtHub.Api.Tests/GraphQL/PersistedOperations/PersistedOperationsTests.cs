using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.GraphQL.PersistedOperations;

/// <summary>
/// Registered operations (the .graphql files shipped in PersistedOperations/): run by documentId or Apollo's
/// persistedQuery hash; keys restricted to them (Mode = Require, or the key's flag) get an error naming the rule and run no SQL.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class PersistedOperationsTests(HubDatabase hub) : IAsyncLifetime
{
    private const string FreeDocument = "{ wards(first: 5) { nodes { code } } }";

    private static readonly string WardListText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PersistedOperations", "WardList.graphql"));
    private static readonly string WardListHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WardListText)));

    public async Task InitializeAsync() => await AccessWorld.SeedAsync(hub);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> CreateKeyAsync(bool persistedOnly = false)
    {
        var result = await hub.Api.ExecuteAsAdminAsync(
            "mutation($in: CreateApiKeyInput!) { createApiKey(input: $in) { apiKey { persistedOperationsOnly } secret errors { message } } }",
            new { @in = new { name = "IOC", scopes = new[] { "read:*" }, persistedOperationsOnly = persistedOnly } });
        var payload = result.GetProperty("data").GetProperty("createApiKey");
        Assert.Equal(persistedOnly, payload.GetProperty("apiKey").GetProperty("persistedOperationsOnly").GetBoolean());
        return payload.GetProperty("secret").GetString()!;
    }

    private static async Task<(int Status, JsonElement Body)> PostAsync(HubApiFactory api, object body, string? apiKey = null, string? bearer = null)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json"); // refusals then answer 400, not the legacy 200
        if (apiKey is not null) request.Headers.Add(ApiKeyDefaults.Header, apiKey);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static int WardCount(JsonElement body) => body.GetProperty("data").GetProperty("wards").GetProperty("nodes").GetArrayLength();

    private static string Code(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    [Fact]
    public async Task Registered_operation_runs_by_sha256_document_id_by_name_by_apollo_hash_and_over_get()
    {
        var key = await CreateKeyAsync(persistedOnly: true);

        Assert.Equal(2, WardCount((await PostAsync(hub.Api, new { documentId = $"sha256:{WardListHash}" }, key)).Body));
        Assert.Equal(1, WardCount((await PostAsync(hub.Api, new { documentId = "WardList", variables = new { first = 1 } }, key)).Body));
        var apollo = new { extensions = new { persistedQuery = new { version = 1, sha256Hash = WardListHash } } };
        Assert.Equal(2, WardCount((await PostAsync(hub.Api, apollo, key)).Body));

        using var client = hub.Api.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyDefaults.Header, key);
        var get = JsonDocument.Parse(await client.GetStringAsync($"graphql?documentId=sha256:{WardListHash}")).RootElement;
        Assert.Equal(2, WardCount(get));
    }

    [Fact]
    public async Task Key_flagged_persisted_only_is_refused_a_document_naming_the_rule_and_no_sql_runs()
    {
        var restricted = await CreateKeyAsync(persistedOnly: true);
        var free = await CreateKeyAsync();

        using var counter = new SqlCommandCounter();
        var (status, body) = await PostAsync(hub.Api, new { query = FreeDocument }, restricted);
        var commands = counter.Commands;

        Assert.Equal(400, status);
        Assert.Equal("PERSISTED_OPERATION_REQUIRED", Code(body));
        Assert.Contains("persistedOperationsOnly", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("data", out _));
        // The only SQL is the key's own lookup by the authentication handler.
        Assert.All(commands, c => Assert.Contains("FROM api_keys", c, StringComparison.Ordinal));

        Assert.Equal(2, WardCount((await PostAsync(hub.Api, new { query = FreeDocument }, free)).Body));
        // The exact text of a registered operation is that operation.
        Assert.Equal(2, WardCount((await PostAsync(hub.Api, new { query = WardListText }, restricted)).Body));
    }

    [Fact]
    public async Task Require_mode_restricts_every_api_key_but_not_people_with_tokens()
    {
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:PersistedOperations:Mode"] = "Require" });
        var key = await CreateKeyAsync();

        var (status, body) = await PostAsync(api, new { query = FreeDocument }, key);
        Assert.Equal(400, status);
        Assert.Equal("PERSISTED_OPERATION_REQUIRED", Code(body));
        Assert.Contains("GraphQL:PersistedOperations:Mode = Require", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(2, WardCount((await PostAsync(api, new { documentId = $"sha256:{WardListHash}" }, key)).Body));
        Assert.Equal(2, WardCount((await PostAsync(api, new { query = FreeDocument }, bearer: AccessTokens.For(api, HubRoles.Leader))).Body));
    }

    [Fact]
    public async Task Unknown_ids_and_hashes_are_refused_with_the_codes_clients_expect()
    {
        var key = await CreateKeyAsync();
        var unknown = await PostAsync(hub.Api, new { documentId = "sha256:" + new string('0', 64) }, key);
        Assert.Equal(400, unknown.Status);
        Assert.Equal("PERSISTED_OPERATION_NOT_FOUND", Code(unknown.Body));

        // Apollo's automatic persisted queries: an unknown hash asks the client to resend with the document, which then runs.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FreeDocument)));
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", Code((await PostAsync(hub.Api, new { extensions }, key)).Body));
        Assert.Equal(2, WardCount((await PostAsync(hub.Api, new { query = FreeDocument, extensions }, key)).Body));

        var mismatch = new { query = "{ wards(first: 1) { nodes { code } } }", extensions };
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", Code((await PostAsync(hub.Api, mismatch, key)).Body));
        Assert.Equal("INVALID_REQUEST", Code((await PostAsync(hub.Api, new { query = FreeDocument, documentId = "WardList" }, key)).Body));
    }

    [Fact]
    public async Task Off_mode_refuses_document_ids_naming_the_setting()
    {
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:PersistedOperations:Mode"] = "Off" });
        var (status, body) = await PostAsync(api, new { documentId = "WardList" }, bearer: AccessTokens.For(api, HubRoles.Leader));
        Assert.Equal(400, status);
        Assert.Contains("GraphQL:PersistedOperations:Mode = Off", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_registered_operation_that_does_not_validate_stops_start_up()
    {
        var folder = Directory.CreateTempSubdirectory("dthub-ops-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Good.graphql"), WardListText);
            File.WriteAllText(Path.Combine(folder, "Broken.graphql"), "query Broken { wards(first: 5) { nodes { noSuchField } } }");
            using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:PersistedOperations:Folder"] = folder });

            var error = Assert.ThrowsAny<Exception>(() => api.BaseAddress);
            var message = error.ToString();
            Assert.Contains("Broken", message, StringComparison.Ordinal);
            Assert.Contains("noSuchField", message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
