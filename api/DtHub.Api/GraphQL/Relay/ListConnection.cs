using GraphQL;
using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>Pages a list already computed in full (analytics results), with the same arguments and cursors as every connection.</summary>
public static class ListConnection
{
    public static Connection<T> Page<T>(IResolveFieldContext context, IReadOnlyList<T> all)
    {
        var page = PageRequest.From(context, context.RequestServices!.GetRequiredService<IOptions<PagingOptions>>().Value);
        var (skip, take) = page.Window(all.Count);
        var rows = all.Skip(skip).Take(take ?? int.MaxValue).ToList();
        return page.ToConnection(rows, skip, take, all.Count);
    }
}
