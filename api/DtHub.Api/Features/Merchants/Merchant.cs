using DtHub.Api.Data;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Merchants;

/// <summary>Kind of business, as the QR-payment targets group them.</summary>
public enum MerchantCategory
{
    GeneralStore,
    Restaurant,
    Supermarket,
    Mall,
    ElectronicsCentre,
    Hotel,
    MarketStall,
    Other,
}

/// <summary>A business or market trader, with its QR-payment status.</summary>
public class Merchant : IHasUpdatedAt
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public MerchantCategory Category { get; set; }

    /// <summary>Where the business is, SRID 4326.</summary>
    public required Point Location { get; set; }

    public string? Address { get; set; }

    /// <summary>Derived from <see cref="Location"/>: the ward whose boundary contains it.</summary>
    public int WardId { get; set; }
    public Ward? Ward { get; set; }

    /// <summary>Derived from <see cref="Location"/> when a neighbourhood contains it.</summary>
    public int? NeighborhoodId { get; set; }
    public Neighborhood? Neighborhood { get; set; }

    /// <summary>The market a trader's stall is in.</summary>
    public int? MarketId { get; set; }
    public Market? Market { get; set; }

    public bool AcceptsQr { get; set; }

    /// <summary>The EMVCo merchant-presented QR string, when known.</summary>
    public string? QrPayload { get; set; }

    /// <summary>Bank or wallet behind the QR code, e.g. "VietQR", "VNPay".</summary>
    public string? QrProvider { get; set; }

    /// <summary>The QR code has actually been used for payments.</summary>
    public bool HasTransactions { get; set; }

    public string? Website { get; set; }
    public bool HasEInvoice { get; set; }
    public bool IsSynthetic { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A market; cashless ones (chợ 4.0) count their traders' QR adoption.</summary>
public class Market
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int WardId { get; set; }
    public Ward? Ward { get; set; }
    public required Point Location { get; set; }
    public bool IsCashless { get; set; }
    public bool IsSynthetic { get; set; }
}
