using System.Linq.Expressions;
using DtHub.Api.GraphQL.Filtering;

namespace DtHub.Api.Features.Wifi;

/// <summary>What Wi-Fi points can be filtered and sorted by.</summary>
public sealed class WifiPointQueryModel : QueryModel<WifiPoint>
{
    public WifiPointQueryModel() : base("WifiPoint")
    {
        Field("name", w => w.Name);
        Field("ssid", w => w.Ssid);
        Field("operator", w => w.Operator);
        EnumField<WifiVenueType, WifiVenueTypeGraphType>("venueType", w => w.VenueType);
        Field("location", w => w.Location);
        Field("radiusMeters", w => w.RadiusMeters);
        EnumField<WifiStatus, WifiStatusGraphType>("status", w => w.Status);
        Field("isSynthetic", w => w.IsSynthetic);
        Field("updatedAt", w => w.UpdatedAt);
        Nearest(w => w.Location);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<WifiPoint, long>>)(w => w.Id);
}

public sealed class WifiPointFilterInputType(WifiPointQueryModel model) : FilterInputGraphType<WifiPoint>(model);

public sealed class WifiPointSortInputType(WifiPointQueryModel model) : SortInputGraphType<WifiPoint>(model);
