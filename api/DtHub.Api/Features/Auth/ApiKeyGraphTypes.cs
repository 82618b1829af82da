using DtHub.Api.GraphQL.Mutations;
using DtHub.Api.GraphQL.Relay;
using GraphQL.Types;

namespace DtHub.Api.Features.Auth;

/// <summary>An integration's API key as admins see it: never the secret.</summary>
public sealed class ApiKeyGraphType : ObjectGraphType<ApiKey>
{
    public ApiKeyGraphType()
    {
        Name = "ApiKey";
        Description = "An integration's key: read scopes, rate limit, state. The secret is shown once, at creation or rotation.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque id.").Resolve(c => GlobalId.Encode("ApiKey", c.Source.Id));
        Field(k => k.Name).Description("Who uses it, e.g. \"IOC Vũng Tàu\".");
        Field(k => k.Prefix).Description("The public part of the key (dthub_PREFIX_…), to recognise it in logs.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Description("Read scopes: read:* or read:<type>, e.g. read:Merchant.").Resolve(c => c.Source.Scopes);
        Field(k => k.RateLimitPerMinute).Description("Requests per minute before 429.");
        Field(k => k.PersistedOperationsOnly).Description("True when the key may run registered operations only (documentId), never a document of its own.");
        Field(k => k.CreatedAt).Description("When it was made.");
        Field(k => k.CreatedBy).Description("The admin who made it.");
        Field(k => k.RevokedAt, nullable: true).Description("When it stopped working; null while live.");
    }
}

/// <summary>Result of creating, rotating or revoking a key.</summary>
public sealed record ApiKeyPayload(ApiKey? ApiKey, string? Secret, IReadOnlyList<MutationError> Errors);

public sealed class ApiKeyPayloadGraphType : ObjectGraphType<ApiKeyPayload>
{
    public ApiKeyPayloadGraphType()
    {
        Name = "ApiKeyPayload";
        Description = "The key after the change, its secret when one was just made, or the errors.";
        Field<ApiKeyGraphType>("apiKey").Description("The key; null when refused.").Resolve(c => c.Source.ApiKey);
        Field<StringGraphType>("secret").Description("The whole key to send as X-Api-Key. Shown only now: it is stored hashed.").Resolve(c => c.Source.Secret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MutationErrorGraphType>>>>("errors").Description("Why nothing was changed.").Resolve(c => c.Source.Errors);
    }
}

public sealed class CreateApiKeyInputGraphType : InputObjectGraphType
{
    public CreateApiKeyInputGraphType()
    {
        Name = "CreateApiKeyInput";
        Description = "A new key for an integration.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Who will use it.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Description("read:* or read:<type> for each entity type it may read.");
        Field<IntGraphType>("rateLimitPerMinute").Description("Requests per minute (default from RateLimit:DefaultKeyPerMinute).");
        Field<BooleanGraphType>("persistedOperationsOnly").Description("Let the key run registered operations only (default false; see GraphQL:PersistedOperations).");
    }
}

public sealed class ApiKeyIdInputGraphType : InputObjectGraphType
{
    public ApiKeyIdInputGraphType()
    {
        Name = "ApiKeyIdInput";
        Description = "The key to revoke or rotate.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Id of the key.");
    }
}
