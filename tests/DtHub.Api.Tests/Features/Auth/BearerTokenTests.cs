using System.Net.Http.Headers;
using System.Text;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary>Tokens that must not get in (401), the 30-second clock skew, and anonymous callers.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class BearerTokenTests(HubDatabase hub) : IAsyncLifetime
{
    private const string Query = "{ wards(first: 1) { nodes { code } } }";

    public Task InitializeAsync() => hub.UseEmptyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private AuthOptions Options => hub.Api.Services.GetRequiredService<AuthOptions>();

    private static AuthOptions With(AuthOptions o, string? issuer = null, string? audience = null, string? key = null) => new()
    {
        Issuer = issuer ?? o.Issuer,
        Audience = audience ?? o.Audience,
        SigningKey = key ?? o.SigningKey,
        RoleClaim = o.RoleClaim,
        WardClaim = o.WardClaim,
    };

    private async Task<int> StatusWithAsync(string token) =>
        (await hub.Api.PostAsAsync(new AuthenticationHeaderValue("Bearer", token), Query)).Status;

    /// <summary>A token whose exp lies <paramref name="secondsAgo"/> in the past, on whole seconds so truncation cannot blur the edge.</summary>
    private string ExpiredAgo(int secondsAgo, bool roundUp)
    {
        var now = DateTime.UtcNow;
        var whole = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddSeconds(roundUp ? 1 : 0);
        var expires = whole.AddSeconds(-secondsAgo);
        return new DevTokenIssuer(Options).Issue("test", HubRoles.Leader, null, notBefore: expires.AddHours(-1), lifetime: TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Valid_token_is_accepted() =>
        Assert.Equal(200, await StatusWithAsync(new DevTokenIssuer(Options).Issue("test", HubRoles.Leader, null)));

    [Fact]
    public async Task Expired_token_is_refused() => Assert.Equal(401, await StatusWithAsync(ExpiredAgo(3600, roundUp: false)));

    [Fact]
    public async Task Token_expired_31_seconds_ago_is_refused() => Assert.Equal(401, await StatusWithAsync(ExpiredAgo(31, roundUp: false)));

    [Fact]
    public async Task Token_expired_29_seconds_ago_is_still_accepted() => Assert.Equal(200, await StatusWithAsync(ExpiredAgo(29, roundUp: true)));

    [Fact]
    public async Task Token_not_yet_valid_is_refused() =>
        Assert.Equal(401, await StatusWithAsync(new DevTokenIssuer(Options).Issue("test", HubRoles.Leader, null, notBefore: DateTime.UtcNow.AddMinutes(2))));

    [Fact]
    public async Task Token_of_another_issuer_is_refused() =>
        Assert.Equal(401, await StatusWithAsync(new DevTokenIssuer(With(Options, issuer: "https://evil.example")).Issue("test", HubRoles.Admin, null)));

    [Fact]
    public async Task Token_for_another_audience_is_refused() =>
        Assert.Equal(401, await StatusWithAsync(new DevTokenIssuer(With(Options, audience: "another-api")).Issue("test", HubRoles.Admin, null)));

    [Fact]
    public async Task Token_signed_with_another_key_is_refused() =>
        Assert.Equal(401, await StatusWithAsync(new DevTokenIssuer(With(Options, key: "a-different-key-of-at-least-thirty-two-bytes")).Issue("test", HubRoles.Admin, null)));

    [Fact]
    public async Task Unsigned_token_with_alg_none_is_refused()
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var token = Part("""{"alg":"none","typ":"JWT"}""") + "." +
            Part($$"""{"iss":"{{Options.Issuer}}","aud":"{{Options.Audience}}","sub":"mallory","role":"admin","exp":{{exp}}}""") + ".";
        Assert.Equal(401, await StatusWithAsync(token));
    }

    [Fact]
    public async Task Garbage_in_the_authorization_header_is_refused() => Assert.Equal(401, await StatusWithAsync("not-a-token"));

    [Fact]
    public async Task Without_anonymous_reads_a_caller_without_token_gets_401_and_a_token_holder_reads()
    {
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["Auth:AllowAnonymousReads"] = "false" });
        var anonymous = await api.PostAsAsync(null, Query);
        Assert.Equal(401, anonymous.Status);
        Assert.Contains("AllowAnonymousReads", anonymous.Body, StringComparison.Ordinal);
        var leader = await api.PostAsAsync(new AuthenticationHeaderValue("Bearer", AccessTokens.For(api, HubRoles.Leader)), Query);
        Assert.Equal(200, leader.Status);
    }

    [Fact]
    public async Task With_anonymous_reads_a_caller_without_token_reads_but_never_writes()
    {
        Assert.Equal(200, (await hub.Api.PostAsAsync(null, Query)).Status);
        var write = await hub.Api.ExecuteAsAsync(null, "mutation($id: ID!) { deleteMerchant(input: { id: $id }) { errors { code } } }",
            new { id = DtHub.Api.GraphQL.Relay.GlobalId.Encode("Merchant", 1) });
        Assert.Equal("FORBIDDEN", write.GetProperty("data").GetProperty("deleteMerchant").GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
