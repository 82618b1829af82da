using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Choropleth;
using DtHub.Api.Features.Gaps;
using DtHub.Api.Features.Ogc;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DtHub.Api.Data.Replica;

/// <summary>
/// Sends read traffic to a read replica when one is configured: GraphQL queries, and GET requests to tiles, OGC
/// features, exports and reports. Mutations, imports, jobs, the audit log, API keys and the change feed stay on the
/// primary — and so does everything a mutation returns, so a caller always reads its own write in the mutation's answer.
/// A query right after a mutation may not see it yet (replica lag, usually well under a second).
/// </summary>
public static class ReadReplicaModule
{
    /// <summary>Service key of the read variants.</summary>
    public const string Key = "read";

    public static IHostApplicationBuilder AddHubReadReplica(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReadReplicaOptions>()
            .Bind(builder.Configuration.GetSection(ReadReplicaOptions.Section))
            .PostConfigure(o =>
            {
                var fromEnvironment = builder.Configuration["DTHUB_DB_READ"];
                var named = builder.Configuration.GetConnectionString("ReadReplica");
                if (!string.IsNullOrWhiteSpace(fromEnvironment)) o.ConnectionString = fromEnvironment;
                else if (string.IsNullOrWhiteSpace(o.ConnectionString) && !string.IsNullOrWhiteSpace(named)) o.ConnectionString = named;
            });

        var variants = new ReadVariants();
        builder.Services.AddSingleton(variants);
        // Without a replica the read variants are the primary's own services.
        Add(builder.Services, variants, (sp, options) => options.IsConfigured
            ? DataModule.CreateDataSource(options.ConnectionString)
            : sp.GetRequiredService<NpgsqlDataSource>());
        Add(builder.Services, variants, (sp, options) => options.IsConfigured
            ? CompiledReadSource.For(options.ConnectionString)
            : sp.GetRequiredService<CompiledReadSource>());
        Add(builder.Services, variants, (sp, options) => options.IsConfigured
            ? new PooledDbContextFactory<HubDbContext>((DbContextOptions<HubDbContext>)DataModule.ConfigureContext(new DbContextOptionsBuilder<HubDbContext>(),
                sp.GetRequiredKeyedService<NpgsqlDataSource>(Key)).AddInterceptors(sp.GetServices<IInterceptor>()).Options)
            : sp.GetRequiredService<IDbContextFactory<HubDbContext>>());
        // The readers behind read-only fields and endpoints; they take their data source when built.
        AddReader<DataVersion>(builder.Services, variants);
        AddReader<AggregateReader>(builder.Services, variants);
        AddReader<GapQueries>(builder.Services, variants);
        AddReader<OgcFeatureSql>(builder.Services, variants);
        AddReader<ChoroplethReader>(builder.Services, variants);

        builder.Services.AddGraphQL(graphql => graphql.ConfigureExecution<QueryRouting>());
        return builder;
    }

    /// <summary>GET requests to the read-only paths see the read variants.</summary>
    public static WebApplication UseReadReplicaRouting(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ReadReplicaOptions>>().Value;
        if (!options.IsConfigured) return app;
        var variants = app.Services.GetRequiredService<ReadVariants>();
        app.Use(async (http, next) =>
        {
            if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                || !options.Paths.Any(p => http.Request.Path.StartsWithSegments(p)))
            {
                await next(http);
                return;
            }
            var own = http.RequestServices;
            http.RequestServices = new ReadServices(own, variants);
            try { await next(http); }
            finally { http.RequestServices = own; }
        });
        return app;
    }

    private static void Add<T>(IServiceCollection services, ReadVariants variants, Func<IServiceProvider, ReadReplicaOptions, T> create) where T : class
    {
        variants.Add(typeof(T));
        services.AddKeyedSingleton(Key, (sp, _) => create(sp, sp.GetRequiredService<IOptions<ReadReplicaOptions>>().Value));
    }

    private static void AddReader<T>(IServiceCollection services, ReadVariants variants) where T : class
    {
        variants.Add(typeof(T));
        services.AddKeyedSingleton(Key, (sp, _) => ActivatorUtilities.CreateInstance<T>(new ReadServices(sp, variants)));
    }

    /// <summary>A query operation runs with the read variants; a mutation (and all it returns) with the primary.</summary>
    private sealed class QueryRouting(IOptions<ReadReplicaOptions> options, ReadVariants variants, IDocumentBuilder documents) : IConfigureExecution
    {
        // After the document cache (200): a cached document is reused, and one parsed here is what the cache keeps.
        public float SortOrder => 300;

        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
        {
            if (!options.Value.IsConfigured || execution.RequestServices is null) return next(execution);
            if (execution.Document is null && execution.Query is { } query)
            {
                try { execution.Document = documents.Build(query); }
                catch (Exception e) when (e is ExecutionError or GraphQLParser.Exceptions.GraphQLParserException)
                {
                    return next(execution); // the executer reports the syntax error as usual
                }
            }
            var operations = execution.Document?.Definitions.OfType<GraphQLOperationDefinition>().ToList() ?? [];
            var selected = execution.OperationName is null
                ? (operations.Count == 1 ? operations[0] : null)
                : operations.FirstOrDefault(o => o.Name?.StringValue == execution.OperationName);
            if (selected?.Operation == OperationType.Query) execution.RequestServices = new ReadServices(execution.RequestServices, variants);
            return next(execution);
        }
    }
}
