using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.GraphQL.Transport.Uploads;

/// <summary>
/// Limits of GraphQL multipart uploads (section <c>GraphQL:Upload</c>), separate from the 2 MB cap on ordinary
/// request bodies: an import file is large by nature, a query is not.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "GraphQL:Upload";

    /// <summary>Largest accepted multipart body (operations, map and all files); beyond it the answer is 413.</summary>
    [Range(1_024, 4L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most files in one request.</summary>
    [Range(1, 100)]
    public int MaxFiles { get; set; } = 4;

    /// <summary>Time an upload's operations may run (an import of a large file takes minutes, not the 10 s of a query).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Configuration key of a setting, for error messages that tell the operator what to change.</summary>
    public static string Key(string name) => $"{Section}:{name}";
}
