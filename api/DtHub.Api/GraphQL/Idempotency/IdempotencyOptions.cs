using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.GraphQL.Idempotency;

/// <summary>The <c>Idempotency-Key</c> store of <c>POST /graphql</c>, section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";
    public const string Header = "Idempotency-Key";

    /// <summary>How long a key and its stored response are kept; a retry after that is a new request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired keys are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a request waits for another one with the same key to finish before it is answered 409.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WaitForConcurrent { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest accepted key (printable ASCII; a UUID is 36).</summary>
    [Range(8, 1_000)]
    public int MaxKeyLength { get; set; } = 255;

    public static string Key(string name) => $"{Section}:{name}";
}
