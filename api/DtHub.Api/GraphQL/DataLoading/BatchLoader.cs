using GraphQL.DataLoader;

namespace DtHub.Api.GraphQL.DataLoading;

/// <summary>
/// Collects the keys asked for while one level of the query executes, then fetches them in one call.
/// GraphQL.NET's executor completes every <see cref="IDataLoaderResult"/> of a level after the level's other
/// fields, so the first result awaited dispatches the whole batch (the GraphQL.DataLoader package is not
/// available here; this is the part of it we need).
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue missing) where TKey : notnull
{
    private readonly Lock _gate = new();
    private Batch? _open;

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            _open ??= new Batch();
            _open.Keys.Add(key);
            return new Result(this, _open, key);
        }
    }

    private Task<IReadOnlyDictionary<TKey, TValue>> DispatchAsync(Batch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (batch.Fetch is null)
            {
                if (ReferenceEquals(_open, batch)) _open = null;
                batch.Fetch = fetch(batch.Keys.ToList(), cancellationToken);
            }
            return batch.Fetch;
        }
    }

    private sealed class Batch
    {
        public HashSet<TKey> Keys { get; } = [];
        public Task<IReadOnlyDictionary<TKey, TValue>>? Fetch { get; set; }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = await loader.DispatchAsync(batch, cancellationToken);
            return values.TryGetValue(key, out var value) ? value : loader.Missing;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }

    private TValue Missing => missing;
}

/// <summary>The batch loaders of one request (scoped), by name and argument signature.</summary>
public sealed class DataLoaders
{
    private readonly Dictionary<string, object> _loaders = [];
    private readonly Dictionary<(GraphQLParser.AST.GraphQLField, global::GraphQL.Types.FieldType, Type), object> _byField = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// The loader of one field of the document, built once per request. A field's arguments and selection are the
    /// same for every parent, so reading them, projecting the columns and naming the batch is done for the first
    /// parent only — not again for each of a page's 100 wards.
    /// </summary>
    public BatchLoader<TKey, TValue> ForField<TKey, TValue>(global::GraphQL.IResolveFieldContext context, Func<BatchLoader<TKey, TValue>> create)
        where TKey : notnull
    {
        // The value type too: node(id:)/nodes(ids:) load several entity types from one field.
        var field = (context.FieldAst, context.FieldDefinition, typeof(TValue));
        lock (_gate)
        {
            if (_byField.TryGetValue(field, out var known)) return (BatchLoader<TKey, TValue>)known;
        }
        var loader = create();
        lock (_gate) _byField[field] = loader;
        return loader;
    }

    public BatchLoader<TKey, TValue> GetOrAdd<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
        TValue missing) where TKey : notnull
    {
        lock (_gate)
        {
            if (!_loaders.TryGetValue(name, out var loader))
                _loaders[name] = loader = new BatchLoader<TKey, TValue>(fetch, missing);
            return (BatchLoader<TKey, TValue>)loader;
        }
    }
}
