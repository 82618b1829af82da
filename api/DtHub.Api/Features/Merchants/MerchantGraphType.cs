using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using DtHub.Api.GraphQL.Spatial;
using GraphQL;
using GraphQL.Types;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Merchants;

/// <summary>GraphQL type of a merchant.</summary>
public sealed class MerchantGraphType : ObjectGraphType<Merchant>
{
    public MerchantGraphType()
    {
        Name = "Merchant";
        Description = "A business or market trader, with its QR-payment status.";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is Merchant;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field(m => m.Name).Description("Business name.");
        Field<NonNullGraphType<MerchantCategoryGraphType>>("category").Description("Kind of business.").Resolve(c => c.Source.Category)
            .FieldType.CompilesTo(new EnumSql(nameof(Merchant.Category)));
        Field<NonNullGraphType<GeoJsonGraphType>>("location").Description("Where the business is (GeoJSON Point, WGS 84).").Resolve(c => c.Source.Location)
            .FieldType.CompilesTo(new GeoJsonSql(nameof(Merchant.Location)));
        Field<FloatGraphType>("distance")
            .Description("Distance in metres from the given geometry (WGS 84 ellipsoid).")
            .Argument<NonNullGraphType<GeoJsonGraphType>>("from", "GeoJSON geometry to measure from.")
            .Resolve(c => PointDistance.Meters(c.Source.Location, c.GetArgument<Geometry>("from")))
            .FieldType.Needs(nameof(Merchant.Location)).CompilesTo(new PointDistanceSql(nameof(Merchant.Location)));
        Field(m => m.Address, nullable: true).Description("Street address.");
        Field(m => m.AcceptsQr).Description("Accepts payment by QR code.");
        Field(m => m.QrPayload, nullable: true).Description("The EMVCo merchant-presented QR string, when known.");
        Field(m => m.QrProvider, nullable: true).Description("Bank or wallet behind the QR code.");
        Field(m => m.HasTransactions).Description("The QR code has been used for payments.");
        Field(m => m.Website, nullable: true).Description("Website address.");
        Field(m => m.HasEInvoice).Description("Issues electronic invoices.");
        Field(m => m.IsSynthetic).Description("True for generated demo rows.");
        Field(m => m.UpdatedAt).Description("Last change.");
        Field<NonNullGraphType<WardGraphType>>("ward")
            .Description("The ward containing the location (derived, never typed in).")
            .ResolveReference(x => x.WardId, nameof(Merchant.WardId), "Ward", db => db.Wards, WardGraphType.Key);
        Field<NeighborhoodGraphType>("neighborhood")
            .Description("The neighbourhood containing the location, if known.")
            .ResolveReference(x => x.NeighborhoodId, nameof(Merchant.NeighborhoodId), "Neighborhood", db => db.Neighborhoods, NeighborhoodGraphType.Key);
    }
}

/// <summary>Merchant categories as the QR-payment targets group them.</summary>
public sealed class MerchantCategoryGraphType : EnumerationGraphType<MerchantCategory>
{
    public MerchantCategoryGraphType()
    {
        Name = "MerchantCategory";
        Description = "Kind of business: general store, restaurant, supermarket, mall, electronics centre, hotel, market stall, other.";
    }
}
