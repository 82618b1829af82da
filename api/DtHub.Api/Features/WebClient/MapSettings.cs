namespace DtHub.Api.Features.WebClient;

/// <summary>
/// What the map client reads from <c>/config.json</c> (section <c>WebClient:Map</c>): the city it shows and where it
/// opens. Another city deploys the hub by changing these, not the client's build.
/// </summary>
public sealed class MapSettings
{
    /// <summary>The city's name in the map's title, Vietnamese first.</summary>
    public string CityNameVi { get; set; } = "TP. Vũng Tàu";

    public string CityNameEn { get; set; } = "Vũng Tàu";

    /// <summary>Where the map opens (WGS 84 degrees).</summary>
    public double Longitude { get; set; } = 107.1;

    public double Latitude { get; set; } = 10.39;

    public double Zoom { get; set; } = 11.2;

    /// <summary>A MapLibre style URL or raster tile template; none keeps the map offline-capable.</summary>
    public string? BasemapStyle { get; set; }

    internal object ToClientConfig() => new
    {
        cityName = new { vi = CityNameVi, en = CityNameEn },
        center = new[] { Longitude, Latitude },
        zoom = Zoom,
        basemapStyle = BasemapStyle,
    };
}
