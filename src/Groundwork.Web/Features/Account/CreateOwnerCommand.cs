using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Groundwork.Web.Data;

namespace Groundwork.Web.Features.Account;

/// <summary>
/// `dotnet run --project src/Groundwork.Web -- create-owner --email owner@example.com --organization "Summit Ridge"`.
/// The password comes from GROUNDWORK_OWNER_PASSWORD or the first line of standard input, never from the command line
/// (which other users of the machine and the shell history can read).
/// </summary>
internal static class CreateOwnerCommand
{
    public const string Name = "create-owner";
    public const string PasswordVariable = "GROUNDWORK_OWNER_PASSWORD";

    /// <summary>Runs the command when the arguments ask for it; returns its exit code, or null to start the web app.</summary>
    public static async Task<int?> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return null;
        }
        // At a terminal the password is typed without echo; piped input is read as it comes.
        var input = Console.IsInputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PasswordVariable)) ? Console.In : new StringReader(ReadHidden());
        return await RunAsync(app.Services, args, input, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
    }

    private static string ReadHidden()
    {
        Console.Out.Write($"Password (or set {PasswordVariable}): ");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0) typed.Length--;
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Out.WriteLine();
        return typed.ToString() + "\n";
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, Func<string, string?> environment,
        TextWriter output, TextWriter error)
    {
        if (args.Any(a => a.StartsWith("--password", StringComparison.OrdinalIgnoreCase)))
        {
            await error.WriteLineAsync($"Refused: a password on the command line leaks into shell history. Set {PasswordVariable} or pipe it on standard input.");
            return 2;
        }
        var email = Value(args, "--email");
        var organization = Value(args, "--organization");
        var password = environment(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"Password for {email} (or set {PasswordVariable}):");
            password = (await input.ReadLineAsync())?.TrimEnd('\r');
        }

        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<GroundworkDbContext>().Database.MigrateAsync();
        }
        var outcome = await scope.ServiceProvider.GetRequiredService<CreateOwner>().HandleAsync(email, organization, password, CancellationToken.None);
        if (!outcome.IsOk)
        {
            var reasons = outcome.Errors.SelectMany(e => e.Value).DefaultIfEmpty(outcome.Message ?? "Refused.");
            await error.WriteLineAsync("Not created: " + string.Join(" ", reasons));
            return 1;
        }
        await output.WriteLineAsync($"Created organization \"{organization?.Trim()}\" with owner {outcome.Value!.Email}. Sign in at /account/login.");
        return 0;
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
