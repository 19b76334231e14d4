namespace Groundwork.Web.Data;

/// <summary>A row that belongs to one organization; the tenancy filter scopes every query on it.</summary>
public interface ITenantOwned
{
    long OrganizationId { get; set; }
}

/// <summary>Concurrency is app-managed: every save of a modified row bumps <see cref="Version"/>.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>Base of every organization-owned, versioned row.</summary>
public abstract class TenantEntity : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
