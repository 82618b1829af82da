using Microsoft.Net.Http.Headers;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>Chooses the response media type from the Accept header, as the GraphQL-over-HTTP draft describes.</summary>
public static class ResponseMediaType
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The media type to answer with, or null when the client accepts neither (406).
    /// A missing Accept or a bare wildcard gets the legacy <c>application/json</c>: the draft leaves the choice to the
    /// server, and legacy clients (curl, older libraries) expect it; clients that name the new type get it.
    /// </summary>
    public static string? Negotiate(IList<string>? acceptHeader)
    {
        if (acceptHeader is null || acceptHeader.Count == 0 || acceptHeader.All(string.IsNullOrWhiteSpace)) return Json;
        if (!MediaTypeHeaderValue.TryParseList(acceptHeader, out var ranges)) return null;

        var (graphQLQuality, graphQLNamed) = QualityOf(GraphQLResponse, ranges);
        var (jsonQuality, _) = QualityOf(Json, ranges);
        if (graphQLQuality <= 0 && jsonQuality <= 0) return null;
        if (graphQLQuality != jsonQuality) return graphQLQuality > jsonQuality ? GraphQLResponse : Json;
        // Equal preference: the new type only when the client named it, legacy JSON for a wildcard.
        return graphQLNamed ? GraphQLResponse : Json;
    }

    /// <summary>Quality the client gives a media type: the most specific matching range wins (RFC 9110 §12.5.1).</summary>
    private static (double Quality, bool Exact) QualityOf(string mediaType, IList<MediaTypeHeaderValue> ranges)
    {
        var subtypeWildcard = mediaType[..mediaType.IndexOf('/', StringComparison.Ordinal)] + "/*";
        (double Quality, int Specificity) best = (0, -1);
        foreach (var range in ranges)
        {
            var name = range.MediaType.Value ?? "";
            var specificity = name.Equals(mediaType, StringComparison.OrdinalIgnoreCase) ? 2
                : name.Equals(subtypeWildcard, StringComparison.OrdinalIgnoreCase) ? 1
                : name == "*/*" ? 0 : -1;
            if (specificity < best.Specificity || specificity < 0) continue;
            // The draft allows only UTF-8: a range asking for another charset does not match.
            if (range.Charset.HasValue && !IsUtf8(range.Charset.Value)) continue;
            best = (range.Quality ?? 1.0, specificity);
        }
        return (best.Quality, best.Specificity == 2);
    }

    public static bool IsUtf8(string? charset) =>
        string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase);
}
