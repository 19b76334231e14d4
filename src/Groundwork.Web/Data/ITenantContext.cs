namespace Groundwork.Web.Data;

/// <summary>The organization the current request acts for; null when no user is signed in.</summary>
public interface ITenantContext
{
    long? OrganizationId { get; }
}
