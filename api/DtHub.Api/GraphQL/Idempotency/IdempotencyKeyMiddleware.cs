using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.Idempotency;

/// <summary>
/// <c>POST /graphql</c> with an <c>Idempotency-Key</c> header runs at most once per caller and key: the first response
/// is stored and replayed to every retry with the same body (<c>Idempotency-Replayed: true</c>); the same key with
/// another body is 422; a concurrent duplicate waits for the first and then gets its response.
/// </summary>
public sealed class IdempotencyKeyMiddleware(RequestDelegate next, IOptions<IdempotencyOptions> options,
    IOptions<GraphQLTransportOptions> transport, AuthOptions auth, IdempotencyStore store, ILogger<IdempotencyKeyMiddleware> logger)
{
    /// <summary>HttpContext item holding the claim id while the request runs.</summary>
    public const string ClaimItem = "dthub.idempotency_id";

    public const string ReplayedHeader = "Idempotency-Replayed";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(IdempotencyOptions.Header, out var values))
        {
            await next(http);
            return;
        }
        var o = options.Value;
        var key = values.ToString();
        if (values.Count != 1 || key.Length == 0 || key.Length > o.MaxKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "INVALID_IDEMPOTENCY_KEY",
                $"The {IdempotencyOptions.Header} header must be one value of 1–{o.MaxKeyLength} printable ASCII characters, e.g. a UUID.");
            return;
        }
        if (await HashBodyAsync(http) is not { } hash)
        {
            await next(http); // over the size limit: the transport answers 413
            return;
        }

        var caller = CallerOf(HubCaller.From(http.User, auth));
        await using var connection = await store.DataSource.OpenConnectionAsync(http.RequestAborted);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted))
        {
            wait.CancelAfter(o.WaitForConcurrent);
            try
            {
                await IdempotencyStore.LockAsync(connection, caller, key, wait.Token);
            }
            catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
            {
                http.Response.Headers.RetryAfter = "1";
                await RefuseAsync(http, StatusCodes.Status409Conflict, "IDEMPOTENCY_KEY_IN_USE",
                    $"Another request with this {IdempotencyOptions.Header} is still running after {o.WaitForConcurrent.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({IdempotencyOptions.Key(nameof(IdempotencyOptions.WaitForConcurrent))}); retry later with the same key.");
                return;
            }
        }
        try
        {
            await RunOnceAsync(http, connection, caller, key, hash);
        }
        finally
        {
            await IdempotencyStore.UnlockAsync(connection, caller, key);
        }
    }

    private async Task RunOnceAsync(HttpContext http, Npgsql.NpgsqlConnection connection, string caller, string key, byte[] hash)
    {
        var claim = await IdempotencyStore.FindAsync(connection, caller, key, options.Value.Expiry, http.RequestAborted);
        long id;
        if (claim is not null)
        {
            if (!hash.AsSpan().SequenceEqual(claim.RequestHash))
            {
                await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED",
                    $"This {IdempotencyOptions.Header} was first used at {claim.CreatedAt.ToString("O", CultureInfo.InvariantCulture)} with a different request body; a new request needs a new key.");
                return;
            }
            if (claim.Completed)
            {
                http.Response.StatusCode = claim.Status ?? StatusCodes.Status200OK;
                if (claim.ContentType is not null) http.Response.ContentType = claim.ContentType;
                http.Response.Headers[ReplayedHeader] = "true";
                await http.Response.Body.WriteAsync(claim.Body ?? [], http.RequestAborted);
                return;
            }
            if (claim.Applied)
            {
                await RefuseAsync(http, StatusCodes.Status409Conflict, "IDEMPOTENCY_RESPONSE_LOST",
                    $"The request with this {IdempotencyOptions.Header} was applied at its first attempt, but the server stopped before storing its response; it will not be applied again. Read the current state instead.");
                return;
            }
            id = claim.Id; // the earlier attempt stopped before writing anything: this one runs it
        }
        else
        {
            id = await IdempotencyStore.ClaimAsync(connection, caller, key, hash, http.RequestAborted);
        }

        http.Items[ClaimItem] = id;
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
            http.Items.Remove(ClaimItem);
        }

        var body = captured.ToArray();
        // Store every outcome that says what happened; a request that wrote nothing and failed (client gone, timeout, 5xx) may be retried afresh.
        var inconclusive = body.Length == 0 || http.Response.StatusCode >= 500 || ContainsTimeout(body);
        var status = http.Response.StatusCode;
        if (inconclusive && await IdempotencyStore.ReleaseUnlessAppliedAsync(connection, id))
        {
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("Idempotency key of {Caller} released: the request wrote nothing and ended with {Status}", caller, status);
        }
        else
        {
            await IdempotencyStore.CompleteAsync(connection, id, http.Response.StatusCode, http.Response.ContentType, body);
        }
        if (!http.RequestAborted.IsCancellationRequested) await original.WriteAsync(body, http.RequestAborted);
    }

    private async Task<byte[]?> HashBodyAsync(HttpContext http)
    {
        var max = transport.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > max) return null;
        http.Request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            total += read;
            if (total > max) break;
            sha.AppendData(chunk, 0, read);
        }
        http.Request.Body.Position = 0;
        return total > max ? null : sha.GetHashAndReset();
    }

    private static bool ContainsTimeout(byte[] body) =>
        body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(ResponseStatus.TimeoutCode)) >= 0;

    /// <summary>Keys belong to a caller: the same key from two callers is two keys.</summary>
    private static string CallerOf(HubCaller caller) => caller.Kind switch
    {
        CallerKind.User => $"user:{caller.Name}",
        CallerKind.ApiKey => $"key:{caller.ApiKeyId}",
        _ => "anonymous",
    };

    private static async Task RefuseAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body,
            new { errors = new[] { new { message, extensions = new { code } } } }, cancellationToken: http.RequestAborted);
    }
}
