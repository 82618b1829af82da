using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>Page sizes of every connection (section <c>GraphQL:Paging</c>).</summary>
public sealed class PagingOptions
{
    public const string Section = "GraphQL:Paging";

    /// <summary>Items per page when neither first nor last is given.</summary>
    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest first/last a client may ask for.</summary>
    [Range(1, 10000)]
    public int MaxPageSize { get; set; } = 100;
}
