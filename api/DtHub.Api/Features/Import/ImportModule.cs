using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DtHub.Api.Features.Import;

public static class ImportModule
{
    /// <summary>Registers the importers, their options and the no-op refresh queue (replace it to refresh aggregates).</summary>
    public static IHostApplicationBuilder AddHubImport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>()
            .Bind(builder.Configuration.GetSection(ImportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHubImportServices();
        return builder;
    }

    /// <summary>The services alone, for hosts (and tests) that bind options themselves.</summary>
    public static IServiceCollection AddHubImportServices(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>();
        services.AddSingleton<WardReportImporter>();
        services.AddSingleton<MerchantImporter>();
        services.AddSingleton<WifiImporter>();
        services.AddSingleton<BoundaryImporter>();
        services.AddSingleton<ImportService>();
        services.TryAddSingleton<IAggregateRefreshQueue, NoAggregateRefresh>();
        services.AddSingleton<DtHub.Api.GraphQL.IMutationFields, GraphQL.ImportMutations>();
        return services;
    }
}
