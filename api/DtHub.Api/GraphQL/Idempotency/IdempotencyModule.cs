namespace DtHub.Api.GraphQL.Idempotency;

/// <summary>Wires <c>Idempotency-Key</c> for <c>POST /graphql</c>: options, the store, the claim interceptor and the cleanup.</summary>
public static class IdempotencyModule
{
    public static IHostApplicationBuilder AddIdempotencyKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>()
            .Bind(builder.Configuration.GetSection(IdempotencyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, IdempotencyClaimInterceptor>();
        builder.Services.AddHostedService<IdempotencyCleanup>();
        return builder;
    }

    /// <summary>After authentication (keys belong to a caller), before the GraphQL endpoint.</summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path == "/graphql", branch => branch.UseMiddleware<IdempotencyKeyMiddleware>());
        return app;
    }
}
