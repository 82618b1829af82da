using DtHub.Api.Data;

namespace DtHub.Api.GraphQL.Idempotency;

/// <summary>
/// Gives each connection a request with an <c>Idempotency-Key</c> opens the claim's id (<c>dthub.idempotency_id</c>), so
/// the trigger marks the claim applied inside the write's own transaction.
/// </summary>
public sealed class IdempotencyClaimInterceptor(IHttpContextAccessor http)
    : RequestSessionSetting(http, IdempotencyKeyMiddleware.ClaimItem, "dthub.idempotency_id");
