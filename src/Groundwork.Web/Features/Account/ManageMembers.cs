using System.Security.Claims;
using System.Security.Cryptography;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Account;

/// <summary>One member as the Members page lists them.</summary>
public sealed record MemberRow(string UserId, string Email, string DisplayName, OrganizationRole Role);

/// <summary>A new member's account and the one-time password the inviter passes on (shown once, never stored in clear).</summary>
public sealed record AddedMember(string Email, OrganizationRole Role, string OneTimePassword);

/// <summary>
/// Members of the signed-in user's organization: list, add (creating the account), change role, remove. The tenancy
/// filter scopes every membership query to the organization; changes count on the member's next request because the
/// role is read from the database per request (<see cref="MembershipClaimsTransformation"/>).
/// </summary>
public sealed class ManageMembers(GroundworkDbContext db, UserManager<AppUser> users, ITenantContext tenant) : IUseCase
{
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<IReadOnlyList<MemberRow>> ListAsync(CancellationToken ct) =>
        await (from m in db.Memberships
               join u in db.Users on m.UserId equals u.Id
               orderby m.Role descending, u.Email
               select new MemberRow(u.Id, u.Email ?? "", u.DisplayName, m.Role)).ToListAsync(ct);

    public async Task<Outcome<AddedMember>> AddAsync(ClaimsPrincipal actor, string? email, OrganizationRole role, CancellationToken ct)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > Limits.Email || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            return Outcome<AddedMember>.Invalid("Email", "Enter a valid email address.");
        }
        if (!Enum.IsDefined(role))
        {
            return Outcome<AddedMember>.Invalid("Role", "Choose a role.");
        }
        if (MemberRules.Refusal(actor.Role(), null, role, await OwnersAsync(ct)) is { } refusal)
        {
            return Outcome<AddedMember>.Invalid("Role", refusal);
        }
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, 20);
        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            return Outcome<AddedMember>.Conflict("This email already has a Groundwork account.");
        }
        user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Outcome<AddedMember>.Invalid("Email", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        db.Memberships.Add(new Membership { OrganizationId = tenant.OrganizationId!.Value, UserId = user.Id, Role = role });
        await db.SaveChangesAsync(ct);
        return Outcome<AddedMember>.Ok(new AddedMember(email, role, password));
    }

    public async Task<Outcome<MemberRow>> ChangeRoleAsync(ClaimsPrincipal actor, string userId, OrganizationRole role, CancellationToken ct)
    {
        if (!Enum.IsDefined(role))
        {
            return Outcome<MemberRow>.Invalid("Role", "Choose a role.");
        }
        if (await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, ct) is not { } membership)
        {
            return Outcome<MemberRow>.NotFound("That member was not found.");
        }
        if (MemberRules.Refusal(actor.Role(), membership.Role, role, await OwnersAsync(ct)) is { } refusal)
        {
            return Outcome<MemberRow>.Invalid("Role", refusal);
        }
        membership.Role = role;
        await db.SaveChangesAsync(ct);
        return Outcome<MemberRow>.Ok(await RowAsync(userId, ct));
    }

    public async Task<Outcome<MemberRow>> RemoveAsync(ClaimsPrincipal actor, string userId, CancellationToken ct)
    {
        if (await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, ct) is not { } membership)
        {
            return Outcome<MemberRow>.NotFound("That member was not found.");
        }
        if (MemberRules.Refusal(actor.Role(), membership.Role, null, await OwnersAsync(ct)) is { } refusal)
        {
            return Outcome<MemberRow>.Invalid("Role", refusal);
        }
        var row = await RowAsync(userId, ct);
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(ct);
        // The account goes too, so its sign-in, cookie and tokens stop working and the email can be invited again.
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await users.DeleteAsync(user);
        }
        return Outcome<MemberRow>.Ok(row);
    }

    private Task<int> OwnersAsync(CancellationToken ct) => db.Memberships.CountAsync(m => m.Role == OrganizationRole.Owner, ct);

    private async Task<MemberRow> RowAsync(string userId, CancellationToken ct) => (await ListAsync(ct)).First(m => m.UserId == userId);
}
