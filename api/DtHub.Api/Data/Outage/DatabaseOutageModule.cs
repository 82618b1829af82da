using System.Text.Json;
using GraphQL;
using GraphQL.DI;
using Microsoft.AspNetCore.Authentication;

namespace DtHub.Api.Data.Outage;

/// <summary>
/// Requests during a PostgreSQL outage fail cleanly: 503 with <c>Retry-After</c> and an error coded
/// <see cref="DatabaseOutage.Code"/> (a GraphQL error on <c>/graphql</c>, a problem document elsewhere), never a 500;
/// the pools are emptied so the first requests after the restart succeed.
/// </summary>
public static class DatabaseOutageModule
{
    public static IHostApplicationBuilder AddDatabaseOutageHandling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseOutage>();
        builder.Services.AddGraphQL(graphql => graphql.ConfigureExecution<OutageErrors>());
        return builder;
    }

    /// <summary>Outermost: catches an outage anywhere in the pipeline (authentication's API-key lookup, tiles, exports).</summary>
    public static WebApplication UseDatabaseOutageHandling(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (DatabaseOutage.IsUnavailable(e) && !http.Response.HasStarted)
            {
                http.RequestServices.GetRequiredService<DatabaseOutage>().Report(e);
                await WriteAsync(http);
            }
        });
        return app;
    }

    /// <summary>
    /// Authentication turns a thrown exception into a failed result, which would read as bad credentials (401).
    /// Called where credentials are judged: an outage during the API-key lookup is rethrown as what it is.
    /// </summary>
    public static void ThrowIfAuthenticationHitOutage(HttpContext http)
    {
        if (http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure is { } failure && DatabaseOutage.IsUnavailable(failure))
            throw new InvalidOperationException("Authentication could not reach the database.", failure);
    }

    private static async Task WriteAsync(HttpContext http)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfter;
        if (http.Request.Path.StartsWithSegments("/graphql"))
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                errors = new[] { new { message = DatabaseOutage.Message, extensions = new { code = DatabaseOutage.Code } } },
            }));
        }
        else
        {
            http.Response.ContentType = "application/problem+json; charset=utf-8";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                title = "Database unavailable",
                status = StatusCodes.Status503ServiceUnavailable,
                detail = DatabaseOutage.Message,
                code = DatabaseOutage.Code,
            }));
        }
    }

    /// <summary>Turns a resolver's outage into a GraphQL error with the outage code (the transport answers 503 for it).</summary>
    private sealed class OutageErrors(DatabaseOutage outage) : IConfigureExecution
    {
        public float SortOrder => 100;

        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            var previous = options.UnhandledExceptionDelegate;
            options.UnhandledExceptionDelegate = async context =>
            {
                await previous(context);
                if (!DatabaseOutage.IsUnavailable(context.OriginalException)) return;
                outage.Report(context.OriginalException);
                context.Exception = DatabaseOutage.Error();
            };
            return next(options);
        }
    }
}
