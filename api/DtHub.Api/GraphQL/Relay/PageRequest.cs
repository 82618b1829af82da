using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>
/// first/after/last/before of one connection field, validated. Cursors are opaque: each carries the item's offset
/// (so any filter and order can be paged, the shape HotChocolate's offset paging uses) and, when the order is by
/// plain columns, the item's sort values for keyset paging (<see cref="Keyset{T}"/>).
/// </summary>
public sealed record PageRequest(int? First, int? After, int? Last, int? Before)
{
    /// <summary>The keyset part of the <c>after</c> cursor ("Code+,Id+:[…]"), when it has one.</summary>
    public string? AfterPosition { get; init; }

    public static void AddArguments<TSource, TReturn>(FieldBuilder<TSource, TReturn> field)
    {
        field.Argument<IntGraphType>("first", "Return the first n items (1 to the configured maximum, default page size when omitted).");
        field.Argument<StringGraphType>("after", "Return items after this cursor.");
        field.Argument<IntGraphType>("last", "Return the last n items.");
        field.Argument<StringGraphType>("before", "Return items before this cursor.");
    }

    public static PageRequest From(IResolveFieldContext context, PagingOptions options) => From(
        context.GetArgument<int?>("first"), context.GetArgument<string?>("after"),
        context.GetArgument<int?>("last"), context.GetArgument<string?>("before"), options);

    public static PageRequest From(int? first, string? afterCursor, int? last, string? beforeCursor, PagingOptions options)
    {
        CheckSize("first", first, options.MaxPageSize);
        CheckSize("last", last, options.MaxPageSize);
        if (first is null && last is null) first = options.DefaultPageSize;
        var (after, position) = DecodeCursor("after", afterCursor);
        return new PageRequest(first, after, last, DecodeCursor("before", beforeCursor).Offset)
        {
            AfterPosition = position,
        };
    }

    private static void CheckSize(string name, int? value, int max)
    {
        if (value is < 1 || value > max)
            throw new GraphQLInputException($"{name}: {value} is outside the allowed page size 1–{max} (GraphQL:Paging:MaxPageSize).");
    }

    public static string EncodeCursor(int offset, string? position = null) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position is null
            ? "o:" + offset.ToString(CultureInfo.InvariantCulture)
            : "k:" + offset.ToString(CultureInfo.InvariantCulture) + ":" + position));

    private static (int? Offset, string? Position) DecodeCursor(string argument, string? cursor)
    {
        if (cursor is null) return (null, null);
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("o:", StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return (offset, null);
            var end = text.IndexOf(':', 2);
            if (text.StartsWith("k:", StringComparison.Ordinal) && end > 2 &&
                int.TryParse(text.AsSpan(2, end - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var keyedOffset))
                return (keyedOffset, text[(end + 1)..]);
        }
        catch (FormatException)
        {
        }
        throw new GraphQLInputException($"{argument}: \"{cursor}\" is not a cursor of this connection.");
    }

    /// <summary>The slice [Start, Start+Take) to read, given the total when it is known.</summary>
    public (int Skip, int? Take) Window(int? total)
    {
        var start = After is { } a ? a + 1 : 0;
        int? end = Before;
        if (Last is { } last)
        {
            // "last" counts back from the end, which needs the total when no "before" bounds it.
            var upper = end ?? total ?? throw new InvalidOperationException("last without before needs the total count");
            start = Math.Max(start, upper - last);
            end = upper;
        }
        if (First is { } first) end = end is { } e ? Math.Min(e, start + first) : start + first;
        return (start, end is { } stop ? Math.Max(0, stop - start) : null);
    }

    public bool NeedsTotal => Last is not null && Before is null;

    /// <summary>Builds the connection from the rows read (up to Take + 1, to learn whether more follow).</summary>
    public Connection<T> ToConnection<T>(IReadOnlyList<T> rows, int skip, int? take, int? total, Func<T, string>? positionOf = null)
    {
        var page = take is { } t && rows.Count > t ? rows.Take(t).ToList() : rows;
        var edges = page.Select((row, i) => new Edge<T>(EncodeCursor(skip + i, positionOf?.Invoke(row)), row)).ToList();
        // With a total we know; with "before" the bounding item itself follows; else the extra row tells.
        var hasNext = total is { } n ? skip + page.Count < n : Before is not null || (take is { } t2 && rows.Count > t2);
        return new Connection<T>
        {
            Edges = edges,
            PageInfo = new PageInfo(hasNext, skip > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
            TotalCount = total,
        };
    }
}
