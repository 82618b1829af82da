using DtHub.Api.Data;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Wifi;

/// <summary>Where a public Wi-Fi point is.</summary>
public enum WifiVenueType
{
    PublicSpace,
    Beach,
    TouristSite,
    Mall,
    Supermarket,
    Market,
    Government,
    Hospital,
    School,
    Other,
}

/// <summary>Operational state of a Wi-Fi point.</summary>
public enum WifiStatus
{
    Active,
    Inactive,
    Planned,
}

/// <summary>A free public Wi-Fi access point.</summary>
public class WifiPoint : IHasUpdatedAt
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Ssid { get; set; }
    public string? Operator { get; set; }
    public WifiVenueType VenueType { get; set; }
    public required Point Location { get; set; }

    /// <summary>Nominal coverage radius in metres.</summary>
    public int RadiusMeters { get; set; }

    public WifiStatus Status { get; set; }

    /// <summary>Derived from <see cref="Location"/>.</summary>
    public int WardId { get; set; }
    public Ward? Ward { get; set; }

    public bool IsSynthetic { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
