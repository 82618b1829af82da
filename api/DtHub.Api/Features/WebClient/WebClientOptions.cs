namespace DtHub.Api.Features.WebClient;

/// <summary>Where the built map client (<c>web/dist</c>) is; empty means search for it.</summary>
public sealed class WebClientOptions
{
    public const string Section = "WebClient";

    /// <summary>Folder holding index.html and assets/; relative paths are taken from the content root.</summary>
    public string? DistPath { get; set; }

    /// <summary>The city and view the map client opens on (served as <c>/config.json</c>).</summary>
    public MapSettings Map { get; set; } = new();
}
