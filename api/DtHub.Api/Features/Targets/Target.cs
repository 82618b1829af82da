namespace DtHub.Api.Features.Targets;

/// <summary>Which units a target applies to.</summary>
public enum TargetScope
{
    /// <summary>The whole city.</summary>
    City,
    /// <summary>Every ward of the city, each on its own.</summary>
    EachWard,
    /// <summary>One named ward.</summary>
    Ward,
    /// <summary>Every model street.</summary>
    EachModelStreet,
    /// <summary>A unit outside the hub's map (e.g. another commune's plan), kept for reference.</summary>
    OtherUnit,
}

/// <summary>A numeric goal from a plan: indicator, scope, value and deadline.</summary>
public class Target
{
    public int Id { get; set; }

    /// <summary>Machine key of the indicator, e.g. "account_ownership_15plus".</summary>
    public required string Indicator { get; set; }

    public required string DescriptionVi { get; set; }
    public required string DescriptionEn { get; set; }
    public TargetScope Scope { get; set; }

    /// <summary>The ward for <see cref="TargetScope.Ward"/> targets.</summary>
    public int? WardId { get; set; }

    /// <summary>The scope as written in the plan, e.g. "commune (Tam Phước)".</summary>
    public required string ScopeLabel { get; set; }

    /// <summary>Target as a fraction between 0 and 1 (0.65 for 65 %).</summary>
    public decimal Value { get; set; }

    public DateOnly Deadline { get; set; }
    public required string SourceFile { get; set; }
    public string? Note { get; set; }
}
