using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DtHub.Api.Data;

public static class DataModule
{
    /// <summary>Registers one Npgsql data source (PostGIS types on) and a pooled DbContext factory.</summary>
    /// <remarks>GraphQL.NET resolves fields in parallel, so resolvers take a context from the factory instead of sharing a scoped one.</remarks>
    public static IHostApplicationBuilder AddHubDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(o =>
            {
                var fromEnvironment = builder.Configuration["DTHUB_DB"];
                var named = builder.Configuration.GetConnectionString("Hub");
                if (!string.IsNullOrWhiteSpace(fromEnvironment)) o.ConnectionString = fromEnvironment;
                else if (string.IsNullOrWhiteSpace(o.ConnectionString) && !string.IsNullOrWhiteSpace(named)) o.ConnectionString = named;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(sp => CreateDataSource(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        builder.Services.AddSingleton(sp => CompiledReadSource.For(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        // Interceptors registered in DI (e.g. a test's query-plan recorder) join every context.
        builder.Services.AddPooledDbContextFactory<HubDbContext>((sp, options) =>
            ConfigureContext(options, sp.GetRequiredService<NpgsqlDataSource>()).AddInterceptors(sp.GetServices<IInterceptor>()));
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContext());
        builder.Services.AddSingleton<DataVersion>();
        return builder;
    }

    /// <summary>The hub's Npgsql data source for <paramref name="connectionString"/>, with <paramref name="startupOptions"/>
    /// (<c>-c name=value</c>, after any the connection string gives) set on every connection's session.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string? startupOptions = null)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);
        if (startupOptions is not null)
            dataSource.ConnectionStringBuilder.Options = string.Join(' ', new[] { dataSource.ConnectionStringBuilder.Options, startupOptions }.Where(o => !string.IsNullOrWhiteSpace(o)));
        // The API sends the same few dozen statements over and over: prepared once per connection, PostgreSQL skips
        // parsing and (after five runs, when the generic plan is as cheap) planning. Ward detail serves ~20-30 % more
        // requests. "Max Auto Prepare=0" in the connection string turns it off (e.g. behind PgBouncer's transaction mode).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = 256;
            dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        dataSource.UseNetTopologySuite();
        // Report extra indicators are a jsonb dictionary.
        dataSource.EnableDynamicJson();
        return dataSource.Build();
    }

    public static DbContextOptionsBuilder ConfigureContext(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.UseNetTopologySuite().MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // Every context lives in one resolver or batch and is never shared between threads: EF's concurrency
            // detector (an AsyncLocal per query and row read) cost ~6 % of the API's allocations on ward detail.
            .EnableThreadSafetyChecks(false);
}
