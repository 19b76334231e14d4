using Groundwork.Web.Data;

namespace Groundwork.Web.Features.Organizations;

public sealed class Organization : IVersioned
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>IANA zone of the organization's business dates; set from the QBO company on connect, editable.</summary>
    public string TimeZone { get; set; } = TimeZones.DefaultId;
}

public enum OrganizationRole
{
    Member = 0,
    Accountant = 1,
    Admin = 2,
    Owner = 3,
}

public sealed class Membership : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string UserId { get; set; }
    public OrganizationRole Role { get; set; }
}
