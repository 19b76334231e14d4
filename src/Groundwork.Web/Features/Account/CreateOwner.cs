using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Account;

/// <summary>A new organization and its first Owner: how a real deployment starts (it has no demo data and no known password).</summary>
internal sealed class CreateOwner(GroundworkDbContext db, UserManager<AppUser> users) : IUseCase
{
    public async Task<Outcome<AppUser>> HandleAsync(string? email, string? organization, string? password, CancellationToken ct)
    {
        email = email?.Trim();
        organization = organization?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > Limits.Email || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            return Outcome<AppUser>.Invalid("email", "Give the owner's email address with --email.");
        }
        if (string.IsNullOrEmpty(organization) || organization.Length > Limits.Name || organization.Any(char.IsControl))
        {
            return Outcome<AppUser>.Invalid("organization", $"Give the organization's name (up to {Limits.Name} characters) with --organization.");
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Outcome<AppUser>.Conflict($"{email} already has an account; nothing was created.");
        }
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password ?? "");
            if (!check.Succeeded)
            {
                return Outcome<AppUser>.Invalid("password", string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var org = new Organization { Name = organization };
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            return Outcome<AppUser>.Invalid("email", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        db.Memberships.Add(new Membership { OrganizationId = org.Id, UserId = user.Id, Role = OrganizationRole.Owner });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<AppUser>.Ok(user);
    }
}
