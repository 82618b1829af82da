using DtHub.Api.Features.Aggregates.GraphQL;
using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using GraphQL.Types;

namespace DtHub.Api.Features.ModelStreets;

/// <summary>GraphQL type of a model street.</summary>
public sealed class ModelStreetGraphType : ObjectGraphType<ModelStreet>
{
    public ModelStreetGraphType()
    {
        Name = "ModelStreet";
        Description = "A model street (tuyến đường kiểu mẫu): every business on it should accept QR payment.";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is ModelStreet;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field(s => s.Name).Description("Street name.");
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry").Description("Centre line as a GeoJSON MultiLineString (WGS 84).").Resolve(c => c.Source.Geometry)
            .FieldType.CompilesTo(new GeoJsonSql(nameof(ModelStreet.Geometry)));
        Field(s => s.DesignatedOn).Description("When the ward designated it.");
        Field(s => s.IsSynthetic).Description("True for generated demo rows.");
        Field(s => s.UpdatedAt).Description("Last change.");
        Field<NonNullGraphType<WardGraphType>>("ward")
            .Description("The ward that designated the street.")
            .ResolveReference(x => x.WardId, nameof(ModelStreet.WardId), "Ward", db => db.Wards, WardGraphType.Key);
        this.AddCompliance(); // Features/Aggregates/GraphQL/AggregateFields.cs
    }
}
