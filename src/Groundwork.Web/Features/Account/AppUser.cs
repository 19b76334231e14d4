using Microsoft.AspNetCore.Identity;

namespace Groundwork.Web.Features.Account;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
