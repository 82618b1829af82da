using Npgsql;

namespace DtHub.Api.Data;

/// <summary>
/// The connections compiled GraphQL reads run on: the hub's database (or its read replica) with PostgreSQL told to
/// plan each prepared statement once (<c>plan_cache_mode = force_generic_plan</c>, set when the connection starts).
/// </summary>
/// <remarks>
/// Left to choose, PostgreSQL keeps planning a statement with a spatial filter on every execution (within 500 m:
/// 0.3–0.5 ms a request) because its generic estimate looks worse than the custom one, although the plan is the same;
/// and every pooled connection plans each statement five times before it may switch. The composer writes page sizes
/// and prefix ranges so that a generic plan is a good one (SpatialIndexTests, CodePrefixTests). Only the compiled
/// statements run here: EF's own queries (with a LIMIT parameter, say) keep PostgreSQL's choice. Setting it per
/// request instead (<c>SET LOCAL</c> in the batch) cost 0.035 ms, a tenth of a nearest-five request.
/// </remarks>
public sealed class CompiledReadSource(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource DataSource => dataSource;

    public static CompiledReadSource For(string connectionString) =>
        new(DataModule.CreateDataSource(connectionString, startupOptions: "-c plan_cache_mode=force_generic_plan"));

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();
}
