using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Mutations;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace DtHub.Api.Features.Auth;

/// <summary>createApiKey / revokeApiKey / rotateApiKey: admins only.</summary>
public sealed class ApiKeyMutations : IMutationFields
{
    public void AddTo(HubMutation mutation)
    {
        mutation.Field<NonNullGraphType<ApiKeyPayloadGraphType>>("createApiKey")
            .Description("Makes a key for an integration (admins only); the secret is in the payload, once.")
            .Argument<NonNullGraphType<CreateApiKeyInputGraphType>>("input")
            .ResolveAsync(async c => await CreateAsync(c));
        mutation.Field<NonNullGraphType<ApiKeyPayloadGraphType>>("revokeApiKey")
            .Description("Stops a key at once: its very next request is refused (admins only).")
            .Argument<NonNullGraphType<ApiKeyIdInputGraphType>>("input")
            .ResolveAsync(async c => await RevokeAsync(c));
        mutation.Field<NonNullGraphType<ApiKeyPayloadGraphType>>("rotateApiKey")
            .Description("Replaces a key's secret: a new key with the same scopes and limit, the old one revoked (admins only).")
            .Argument<NonNullGraphType<ApiKeyIdInputGraphType>>("input")
            .ResolveAsync(async c => await RotateAsync(c));
    }

    private static InputReader Input(IResolveFieldContext context) => new((IDictionary<string, object?>)context.Arguments!["input"].Value!);

    private static async Task<ApiKeyPayload> CreateAsync(IResolveFieldContext context)
    {
        var input = Input(context);
        var name = input.Text("name", required: true, maxLength: 200);
        var limit = input.Value<int>("rateLimitPerMinute", required: false)
            ?? context.RequestServices!.GetRequiredService<IOptions<RateLimitOptions>>().Value.DefaultKeyPerMinute;
        if (limit is < 1 or > 100_000) input.Errors.Add(new MutationError("OUT_OF_RANGE", "rateLimitPerMinute", $"rateLimitPerMinute must be 1–100,000, not {limit}."));
        var scopes = ((IEnumerable<object?>)((IDictionary<string, object?>)context.Arguments!["input"].Value!)["scopes"]!).Select(s => s?.ToString() ?? "").Distinct().ToList();
        var known = EntityScopes.Known(context.Schema);
        var unknown = scopes.Where(s => s != "read:*" && !known.Contains(s)).ToList();
        if (scopes.Count == 0) input.Errors.Add(MutationError.Required("scopes"));
        if (unknown.Count > 0)
            input.Errors.Add(new MutationError("INVALID_VALUE", "scopes", $"Unknown scope(s) {string.Join(", ", unknown)}; use read:* or one of {string.Join(", ", known.Order(StringComparer.Ordinal))}."));
        if (input.Errors.Count > 0) return new ApiKeyPayload(null, null, input.Errors);
        if (await WriteAccess.DenyUnlessAdminAsync(context, "name") is { } denied) return new ApiKeyPayload(null, null, [denied]);

        var caller = HubCaller.From(context.User, context.RequestServices!.GetRequiredService<AuthOptions>());
        var issued = await context.RequestServices!.GetRequiredService<ApiKeyStore>().CreateAsync(name!, scopes, limit, caller.Actor, context.CancellationToken,
            persistedOperationsOnly: input.Value<bool>("persistedOperationsOnly", required: false) ?? false);
        return new ApiKeyPayload(issued.Key, issued.Secret, []);
    }

    private static async Task<ApiKeyPayload> RevokeAsync(IResolveFieldContext context)
    {
        var input = Input(context);
        var id = input.Id("id", "ApiKey", required: true);
        if (id is null) return new ApiKeyPayload(null, null, input.Errors);
        if (await WriteAccess.DenyUnlessAdminAsync(context, "id") is { } denied) return new ApiKeyPayload(null, null, [denied]);
        var key = await context.RequestServices!.GetRequiredService<ApiKeyStore>().RevokeAsync(id.Value, context.CancellationToken);
        return key is null ? new ApiKeyPayload(null, null, [MutationError.NotFound("id", "API key")]) : new ApiKeyPayload(key, null, []);
    }

    private static async Task<ApiKeyPayload> RotateAsync(IResolveFieldContext context)
    {
        var input = Input(context);
        var id = input.Id("id", "ApiKey", required: true);
        if (id is null) return new ApiKeyPayload(null, null, input.Errors);
        if (await WriteAccess.DenyUnlessAdminAsync(context, "id") is { } denied) return new ApiKeyPayload(null, null, [denied]);
        var caller = HubCaller.From(context.User, context.RequestServices!.GetRequiredService<AuthOptions>());
        var issued = await context.RequestServices!.GetRequiredService<ApiKeyStore>().RotateAsync(id.Value, caller.Actor, context.CancellationToken);
        return issued is null
            ? new ApiKeyPayload(null, null, [new MutationError("NOT_FOUND", "id", "No live API key has this id (unknown or already revoked).")])
            : new ApiKeyPayload(issued.Key, issued.Secret, []);
    }
}
