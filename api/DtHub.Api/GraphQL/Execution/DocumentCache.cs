using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace DtHub.Api.GraphQL.Execution;

/// <summary>
/// Parsed and validated documents by query text. Maps and integrations send the same few operations over and over;
/// parsing and validating one costs more CPU than running a small page of SQL. Only documents that passed every
/// validation rule (the spec's and the transport's limits, none of which depends on variable values) are cached,
/// so a cached document skips validation; variables are still coerced and checked on every request.
/// </summary>
public sealed class DocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>Total query text kept, in characters (about 10× that in memory for the parsed documents).</summary>
    private const long SizeLimit = 2_000_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit });

    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is null) return await next(options);

        var cached = _cache.TryGetValue<GraphQLDocument>(options.Query, out var document);
        if (cached)
        {
            options.Document = document;
            options.ValidationRules = options.CachedDocumentValidationRules ?? Array.Empty<IValidationRule>();
        }
        var result = await next(options);
        // The executer parses into the result, not into the options: read the document from there.
        if (!cached && result.Executed && result.Document is { } parsed)
            _cache.Set(options.Query, parsed, new MemoryCacheEntryOptions { Size = options.Query.Length });
        return result;
    }

    /// <summary>Whether a query text is held parsed and validated (for tests and diagnostics).</summary>
    internal bool Holds(string query) => _cache.TryGetValue(query, out _);

    /// <summary>The parsed document of a query text, when held.</summary>
    internal GraphQLDocument? Find(string query) => _cache.TryGetValue<GraphQLDocument>(query, out var document) ? document : null;

    public void Dispose() => _cache.Dispose();
}
