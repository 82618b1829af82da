using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Execution;
using DtHub.Api.GraphQL.Relay;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>
/// Answers a read-only operation with one SQL statement when every field it selects can be written as SQL
/// (<see cref="SqlComposer"/>), and PostgreSQL's JSON goes into the response as it is. Anything else — fragments,
/// directives, computed fields, last/before, and every error — runs through the resolvers as before, which stay
/// the reference: tests compare both paths. Only documents the <see cref="DocumentCache"/> holds (parsed and
/// validated once by the executer) are compiled; variables and arguments are coerced on every request.
/// </summary>
public sealed class CompiledReads(
    IOptions<CompiledReadsOptions> settings, IOptions<PagingOptions> paging, IDocumentValidator validator, DocumentCache documents,
    ILogger<CompiledReads> logger) : IConfigureExecution, IDisposable
{
    // Documents found not compilable: they go straight to the resolvers next time.
    private readonly ConditionalWeakTable<GraphQLDocument, string> _refused = new();

    // Statements by document and variable values: a map repeating a request (or a page of it) skips composing.
    // The day is part of the key because "valid today" filters bind today's date.
    private readonly MemoryCache _statements = new(new MemoryCacheOptions { SizeLimit = settings.Value.StatementCacheCharacters });
    private readonly LevelCache _levels = new(settings.Value.StatementCacheCharacters / 4);

    // Inside the read-replica routing (300): the request's services are the read variants for a query.
    public float SortOrder => 350;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (!settings.Value.Enabled || options is not { Document: { } document, Query: { } query, Schema: { } schema, RequestServices: { } services }
            || _refused.TryGetValue(document, out _) || !documents.Holds(query))
            return await next(options);
        var operation = Select(document, options.OperationName);
        if (operation is not { Operation: OperationType.Query, Directives: null }) return await next(options);

        var key = new StatementKey(document, options.OperationName, JsonSerializer.Serialize(options.Variables), DateOnly.FromDateTime(DateTime.UtcNow));
        if (!_statements.TryGetValue(key, out Statement? statement) || statement is null)
        {
            statement = await ComposeAsync(options, schema, services, document, operation);
            if (statement is null) return await next(options);
            _statements.Set(key, statement, new MemoryCacheEntryOptions { Size = statement.Sql.Length + key.Variables.Length });
        }

        try
        {
            await using var command = services.GetRequiredService<CompiledReadSource>().DataSource.CreateCommand(statement.Sql);
            foreach (var parameter in statement.Parameters) command.Parameters.Add(parameter.Clone());
            await using var reader = await command.ExecuteReaderAsync(options.CancellationToken);
            await reader.ReadAsync(options.CancellationToken);
            // The text's UTF-8 bytes as PostgreSQL sent them: no string, no second encoding.
            var json = await reader.GetFieldValueAsync<byte[]>(0, options.CancellationToken);
            Interlocked.Increment(ref _answered);
            LastStatement = statement;
            return new ExecutionResult { Executed = true, Data = new RawJson(json), Query = query, Document = document, Operation = operation };
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("42", StringComparison.Ordinal))
        {
            // A statement PostgreSQL cannot compile is a compiler bug for this shape: said once, resolvers from now on.
            _refused.AddOrUpdate(document, e.MessageText);
            logger.LogWarning(e, "Compiled operation {OperationName} is not valid SQL; it runs through the resolvers from now on", options.OperationName);
            return await next(options);
        }
        catch (DbException e) when (!options.CancellationToken.IsCancellationRequested)
        {
            // Outages and timeouts get their usual errors and status from the resolver path.
            if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug(e, "Compiled operation {OperationName} failed; retrying through the resolvers", options.OperationName);
            return await next(options);
        }
    }

    /// <summary>The operation's statement for these variables, or null when the resolvers must answer it.</summary>
    private async Task<Statement?> ComposeAsync(
        ExecutionOptions options, ISchema schema, IServiceProvider services, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var validation = await validator.ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = [],
            Variables = options.Variables ?? Inputs.Empty,
            Extensions = options.Extensions ?? Inputs.Empty,
            RequestServices = services,
            User = options.User,
            UserContext = options.UserContext,
            CancellationToken = options.CancellationToken,
        });
        if (!validation.IsValid) return null; // the executer words the errors

        // EF writes each level's SQL from the resolvers' own LINQ; the context only translates, it never queries.
        await using var db = await services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync(options.CancellationToken);
        try
        {
            var composer = new SqlComposer(db, schema, validation.ArgumentValues, paging.Value, _levels);
            var sql = composer.Operation(operation);
            return new Statement(sql, [.. composer.Parameters]);
        }
        catch (NotCompilableException e)
        {
            _refused.AddOrUpdate(document, e.Message);
            if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug("Operation {OperationName} runs through the resolvers: {Reason}", options.OperationName, e.Message);
            return null;
        }
        catch (GraphQLInputException)
        {
            return null; // a bad page size or cursor: the resolvers report it on its field
        }
    }

    private static GraphQLOperationDefinition? Select(GraphQLDocument document, string? name)
    {
        // A document with fragments is left to the resolvers (the composer writes plain selections only).
        if (document.Definitions.Any(d => d is GraphQLFragmentDefinition)) return null;
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return name is null ? (operations.Count == 1 ? operations[0] : null) : operations.FirstOrDefault(o => o.Name?.StringValue == name);
    }

    private long _answered;

    /// <summary>Operations answered by one statement since start (for tests and diagnostics).</summary>
    internal long Answered => Interlocked.Read(ref _answered);

    /// <summary>The statement that answered last (for tests: its plan).</summary>
    internal Statement? LastStatement { get; private set; }

    public void Dispose()
    {
        _statements.Dispose();
        _levels.Dispose();
    }

    /// <summary>Whether a query text is known not to compile, and why (for tests and diagnostics).</summary>
    internal string? RefusalOf(string query) =>
        documents.Find(query) is { } document && _refused.TryGetValue(document, out var reason) ? reason : null;
}

/// <summary><c>GraphQL:CompiledReads</c>: the one-statement path for read queries.</summary>
public sealed class CompiledReadsOptions
{
    public const string Section = "GraphQL:CompiledReads";

    /// <summary>Off sends every operation through the resolvers (to compare, or to rule the compiler out).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// SQL and variable text kept in the statement cache (one entry per operation and set of variable values), in
    /// characters: 20 million ≈ 40 MB, about 4,000 ward-detail statements; the per-level cache keeps a quarter of it.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1_000, 1_000_000_000)]
    public long StatementCacheCharacters { get; set; } = 20_000_000;
}

internal sealed record StatementKey(GraphQLDocument Document, string? OperationName, string Variables, DateOnly Today);

internal sealed record Statement(string Sql, NpgsqlParameter[] Parameters);
