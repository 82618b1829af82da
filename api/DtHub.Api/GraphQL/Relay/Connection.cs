namespace DtHub.Api.GraphQL.Relay;

/// <summary>One page of a Relay cursor connection.</summary>
public sealed class Connection<T>
{
    public required IReadOnlyList<Edge<T>> Edges { get; init; }
    public required PageInfo PageInfo { get; init; }

    /// <summary>Null when the query did not ask for it (counting costs a query).</summary>
    public int? TotalCount { get; init; }

    public static Connection<T> Empty { get; } = new()
    {
        Edges = [],
        PageInfo = new PageInfo(false, false, null, null),
        TotalCount = 0,
    };
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
