namespace DtHub.Api.GraphQL.PersistedOperations;

/// <summary>Wires the registered operations: options, the registry, the start-up check and the gate the transport consults.</summary>
public static class PersistedOperationsModule
{
    public static IHostApplicationBuilder AddPersistedOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PersistedOperationsOptions>()
            .Bind(builder.Configuration.GetSection(PersistedOperationsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PersistedOperationRegistry>();
        builder.Services.AddSingleton<PersistedOperationGate>();
        builder.Services.AddHostedService<PersistedOperationsCheck>();
        return builder;
    }
}
