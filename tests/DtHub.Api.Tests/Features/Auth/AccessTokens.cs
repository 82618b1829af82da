using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary>Tokens of the development issuer the API under test trusts, and requests that carry them.</summary>
public static class AccessTokens
{
    public static string For(HubApiFactory api, string role, string? wardCode = null) =>
        api.Services.GetRequiredService<DevTokenIssuer>().Issue($"test-{role}", role, wardCode);

    public static string Admin(HubApiFactory api) => For(api, HubRoles.Admin);

    /// <summary>POSTs to <c>/graphql</c> with a bearer token (none when null) and returns the body.</summary>
    public static async Task<JsonElement> ExecuteAsAsync(this HubApiFactory api, string? token, string query, object? variables = null)
    {
        var (status, body) = await api.PostAsAsync(token is null ? null : new AuthenticationHeaderValue("Bearer", token), query, variables);
        if (status != 200) throw new InvalidOperationException($"/graphql answered {status}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<JsonElement> ExecuteAsAdminAsync(this HubApiFactory api, string query, object? variables = null) =>
        api.ExecuteAsAsync(Admin(api), query, variables);

    /// <summary>POSTs a query with the given Authorization (and optional API key) and returns the status and body.</summary>
    public static async Task<(int Status, string Body)> PostAsAsync(this HubApiFactory api, AuthenticationHeaderValue? authorization,
        string query, object? variables = null, string? apiKey = null)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = authorization;
        if (apiKey is not null) request.Headers.Add(ApiKeyDefaults.Header, apiKey);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
