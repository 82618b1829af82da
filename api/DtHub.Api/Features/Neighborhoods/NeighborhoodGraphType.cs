using System.Linq.Expressions;
using DtHub.Api.Features.Aggregates.GraphQL;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.Teams;
using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using DtHub.Api.GraphQL.Spatial;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Neighborhoods;

/// <summary>GraphQL type of a neighbourhood or hamlet.</summary>
public sealed class NeighborhoodGraphType : ObjectGraphType<Neighborhood>
{
    /// <summary>The id as a lookup key, built once: an inline lambda in a resolver is rebuilt, with reflection, for every row.</summary>
    public static readonly Expression<Func<Neighborhood, long>> Key = n => n.Id;
    private static readonly Expression<Func<Merchant, int>> MerchantsOfNeighborhood = m => m.NeighborhoodId!.Value;
    private static readonly Expression<Func<Team, int>> TeamsOfNeighborhood = t => t.NeighborhoodId!.Value;

    public NeighborhoodGraphType(MerchantQueryModel merchants, TeamQueryModel teams)
    {
        Name = "Neighborhood";
        Description = "A neighbourhood (khu phố) or hamlet (thôn, ấp) inside a ward.";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is Neighborhood;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field(n => n.Code).Description("Code, unique among units valid at the same time.");
        Field(n => n.Name).Description("Name, e.g. \"Khu phố 3\".");
        Field<NonNullGraphType<NeighborhoodKindGraphType>>("kind").Description("Khu phố, thôn or ấp.").Resolve(c => c.Source.Kind)
            .FieldType.CompilesTo(new EnumSql(nameof(Neighborhood.Kind)));
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry")
            .Description("Boundary as a GeoJSON MultiPolygon (WGS 84).")
            .Argument<FloatGraphType>("simplify", "Simplify to this tolerance in metres for light map shapes (topology kept).")
            .Resolve(c => GeometrySimplifier.Resolve(c.Source.Geometry, c.Source.Simplified, c.GetArgument<double?>("simplify")))
            .FieldType.SimplifiesInSql(nameof(Neighborhood.Geometry)).CompilesTo(new GeoJsonSql(nameof(Neighborhood.Geometry)));
        Field(n => n.EstimatedResidents, nullable: true).Description("Estimated residents, to spread ward figures over the map.");
        Field(n => n.ValidFrom).Description("First day the unit exists.");
        Field(n => n.ValidTo, nullable: true).Description("Day after the unit's last day; null while it exists.");
        Field(n => n.IsSynthetic).Description("True for generated demo rows.");
        Field(n => n.UpdatedAt).Description("Last change.");
        Field<NonNullGraphType<WardGraphType>>("ward")
            .Description("The ward this neighbourhood belongs to.")
            .ResolveReference(x => x.WardId, nameof(Neighborhood.WardId), "Ward", db => db.Wards, WardGraphType.Key);
        this.Connection<Neighborhood, MerchantGraphType, Merchant, MerchantFilterInputType, MerchantSortInputType>("merchants", "Merchants located in the neighbourhood.")
            .ResolveChildren(x => x.Id, merchants, db => db.Merchants.Where(m => m.NeighborhoodId != null), MerchantsOfNeighborhood, nameof(Merchant.NeighborhoodId));
        this.Connection<Neighborhood, TeamGraphType, Team, TeamFilterInputType, TeamSortInputType>("teams", "Teams serving this neighbourhood.")
            .ResolveChildren(x => x.Id, teams, db => db.Teams.Where(t => t.NeighborhoodId != null), TeamsOfNeighborhood, nameof(Team.NeighborhoodId));
        this.AddIndicators(); // Features/Aggregates/GraphQL/AggregateFields.cs
    }
}

/// <summary>Kinds of sub-ward units.</summary>
public sealed class NeighborhoodKindGraphType : EnumerationGraphType<NeighborhoodKind>
{
    public NeighborhoodKindGraphType()
    {
        Name = "NeighborhoodKind";
        Description = "KHU_PHO (urban neighbourhood), THON or AP (hamlets).";
    }
}
