using DtHub.Api.Features.Aggregates.GraphQL;
using DtHub.Api.GraphQL;

namespace DtHub.Api.Features.Aggregates;

/// <summary>Wires the aggregates: options, the refresh, the run store and the reader.</summary>
public static class AggregatesModule
{
    /// <summary>Registers the aggregate services (the scheduled jobs are wired by <c>AddHubJobs</c>).</summary>
    public static IServiceCollection AddAggregates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AggregateOptions>()
            .Bind(configuration.GetSection(AggregateOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.IdleInTransactionTimeout < o.LockTimeout, "Aggregates:IdleInTransactionTimeout must be shorter than Aggregates:LockTimeout")
            .ValidateOnStart();
        services.AddSingleton<AggregateRunStore>();
        services.AddSingleton<AggregateRefresh>();
        services.AddSingleton<AggregateReader>();
        services.AddSingleton<IQueryFields, AggregateQueries>();
        services.AddSingleton<IMutationFields, AggregateMutations>();
        services.AddSingleton<Import.IAggregateRefreshQueue, ImportRefreshQueue>();
        return services;
    }
}
