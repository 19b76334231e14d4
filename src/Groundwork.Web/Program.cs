using Groundwork.Web.Data;
using Groundwork.Web.Features;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddGroundworkData();
builder.AddGroundworkAccounts();
builder.AddGroundworkFeatures();
builder.AddGroundworkOrleans();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapGroundworkApi();
app.MapHealth();
app.MapRazorPages();
await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
