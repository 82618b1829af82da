using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>
/// Limits and switches of the GraphQL HTTP transport (section <c>GraphQL:Transport</c>).
/// Defaults follow what GitHub's and Apollo's public APIs use; every rejection names the key that set it.
/// </summary>
public sealed class GraphQLTransportOptions
{
    public const string Section = "GraphQL:Transport";

    /// <summary>Largest accepted request body; beyond it the answer is 413.</summary>
    [Range(1_024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest accepted <c>variables</c> object (its JSON text, in bytes); beyond it the answer is 413.</summary>
    [Range(64, 100 * 1024 * 1024)]
    public int MaxVariablesBytes { get; set; } = 256 * 1024;

    /// <summary>Most operations in one batched (JSON array) request.</summary>
    [Range(1, 1_000)]
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>Time an operation may run; then its cancellation token fires, which also cancels the running SQL.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deepest field nesting allowed in an operation.</summary>
    [Range(1, 1_000)]
    public int MaxDepth { get; set; } = 15;

    /// <summary>Highest complexity (GraphQL.NET's estimate of resolved fields, multiplied by <c>first</c>/<c>last</c> of connections).</summary>
    [Range(1, int.MaxValue)]
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Most aliased fields in an operation (fragments counted each time they are spread).</summary>
    [Range(0, 10_000)]
    public int MaxAliases { get; set; } = 30;

    /// <summary>Most fields selected at the root of an operation.</summary>
    [Range(1, 10_000)]
    public int MaxRootFields { get; set; } = 20;

    /// <summary>Whether <c>__schema</c>/<c>__type</c> queries and the SDL endpoint are available (turn off per environment).</summary>
    public bool EnableIntrospection { get; set; } = true;

    /// <summary>Folder of the built GraphiQL page; when empty, <c>web/graphiql/dist</c> is looked for upward from the content root and the binaries.</summary>
    public string? GraphiQLPath { get; set; }

    /// <summary>Configuration key of a setting, for error messages that tell the operator what to change.</summary>
    public static string Key(string name) => $"{Section}:{name}";
}
