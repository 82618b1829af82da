using System.Linq.Expressions;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Relay;
using GraphQL.Types;

namespace DtHub.Api.Features.Targets;

/// <summary>GraphQL type of a plan target.</summary>
public sealed class TargetGraphType : ObjectGraphType<Target>
{
    public TargetGraphType()
    {
        Name = "Target";
        Description = "A numeric goal from a plan: indicator, scope, value (fraction 0–1) and deadline.";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is Target;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field(t => t.Indicator).Description("Machine key of the indicator, e.g. account_ownership_15plus.");
        Field(t => t.DescriptionVi).Description("The indicator as the plan words it (Vietnamese).");
        Field(t => t.DescriptionEn).Description("The indicator in English.");
        Field<NonNullGraphType<TargetScopeGraphType>>("scope").Description("Which units the target applies to.").Resolve(c => c.Source.Scope)
            .FieldType.CompilesTo(new EnumSql(nameof(Target.Scope)));
        Field(t => t.ScopeLabel).Description("The scope as written in the plan.");
        Field<NonNullGraphType<FloatGraphType>>("value").Description("Target as a fraction between 0 and 1 (0.65 for 65 %).").Resolve(c => (double)c.Source.Value);
        Field(t => t.Deadline).Description("Date by which the target should be met.");
        Field(t => t.SourceFile).Description("Seed document the target comes from.");
        Field(t => t.Note, nullable: true).Description("Remarks from the plan.");
    }
}

public sealed class TargetScopeGraphType : EnumerationGraphType<TargetScope>
{
    public TargetScopeGraphType()
    {
        Name = "TargetScope";
        Description = "CITY, EACH_WARD, WARD, EACH_MODEL_STREET or OTHER_UNIT.";
    }
}

/// <summary>What targets can be filtered and sorted by.</summary>
public sealed class TargetQueryModel : QueryModel<Target>
{
    public TargetQueryModel() : base("Target")
    {
        Field("indicator", t => t.Indicator);
        EnumField<TargetScope, TargetScopeGraphType>("scope", t => t.Scope);
        Field("value", t => t.Value);
        Field("deadline", t => t.Deadline);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<Target, int>>)(t => t.Id);
}

public sealed class TargetFilterInputType(TargetQueryModel model) : FilterInputGraphType<Target>(model);

public sealed class TargetSortInputType(TargetQueryModel model) : SortInputGraphType<Target>(model);

/// <summary>Root fields for targets.</summary>
public sealed class TargetQueries(TargetQueryModel model) : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Connection<object?, TargetGraphType, Target, TargetFilterInputType, TargetSortInputType>("targets", "Targets from the plans.")
            .ResolveRows(model, db => db.Targets);
}

public static class TargetModule
{
    public static IServiceCollection AddTargets(this IServiceCollection services)
    {
        services.AddSingleton<TargetQueryModel>();
        services.AddSingleton<IQueryFields, TargetQueries>();
        services.AddSingleton<INodeSource>(new NodeSource<Target>("Target",
            (c, id) => EntityLookup.Load(c, id, "Target", db => db.Targets, t => (long)t.Id)));
        return services;
    }
}
