using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Organizations;
using static Groundwork.Web.Features.Organizations.OrganizationRole;

namespace Groundwork.Web.Tests.Features.Account;

/// <summary>Who may give, change or take away which role, as a table (current null = adding; next null = removing).</summary>
public sealed class MemberRulesTests
{
    [Theory]
    [InlineData(Owner, null, Owner, 1, true)]
    [InlineData(Owner, Member, Owner, 1, true)]
    [InlineData(Owner, Owner, Admin, 2, true)]
    [InlineData(Owner, Owner, Admin, 1, false)]
    [InlineData(Owner, Owner, null, 1, false)]
    [InlineData(Owner, Owner, null, 2, true)]
    [InlineData(Admin, null, Admin, 1, true)]
    [InlineData(Admin, Member, Accountant, 1, true)]
    [InlineData(Admin, Admin, null, 1, true)]
    [InlineData(Admin, null, Owner, 1, false)]
    [InlineData(Admin, Member, Owner, 1, false)]
    [InlineData(Admin, Owner, Member, 2, false)]
    [InlineData(Admin, Owner, null, 2, false)]
    [InlineData(Accountant, null, Member, 1, false)]
    [InlineData(Member, Member, null, 1, false)]
    public void Refusal_ActorCurrentNextOwners_AllowsOnlyWhatTheRoleMay(OrganizationRole actor, OrganizationRole? current, OrganizationRole? next, int owners, bool allowed)
    {
        Assert.Equal(allowed, MemberRules.Refusal(actor, current, next, owners) is null);
    }
}
