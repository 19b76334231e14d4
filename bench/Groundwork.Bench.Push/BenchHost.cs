using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Groundwork.Bench.Push;

/// <summary>The owners the bench makes with the app's <c>create-owner</c> command: one organization pushes, one only waits.</summary>
internal sealed record Owner(string Email, string Password, string Organization);

/// <summary>
/// The two processes under test, built in the bench's own configuration: the standalone QBO emulator (in memory,
/// Intuit's limits on, clock sped up by the time scale) and the Groundwork app (Production, fresh SQLite file, its
/// own Orleans ports) pointed at it as at Intuit — client id/secret, redirect URI registered with the emulator, the
/// gateway's rate window shortened by the same scale.
/// </summary>
internal sealed class BenchHost : IDisposable
{
    private const string ClientId = "groundwork-dev";
    private const string ClientSecret = "groundwork-dev-secret";

    private BenchHost(string directory, string emulatorUrl, string appUrl, string adminKey, ChildProcess emulator, ChildProcess app)
    {
        Directory = directory;
        EmulatorUrl = emulatorUrl;
        AppUrl = appUrl;
        AdminKey = adminKey;
        Emulator = emulator;
        App = app;
    }

    public string Directory { get; }
    public string EmulatorUrl { get; }
    public string AppUrl { get; }
    public string AdminKey { get; }
    public ChildProcess Emulator { get; }
    public ChildProcess App { get; }

    public static async Task<BenchHost> StartAsync(double timeScale, bool webhooks, IReadOnlyList<Owner> owners,
        IReadOnlyDictionary<string, string>? appSettings = null)
    {
        var root = RepoRoot();
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!;
        var directory = System.IO.Directory.CreateTempSubdirectory("gw-bench-push-").FullName;
        var (emulatorPort, appPort, siloPort, gatewayPort) = (FreePort(), FreePort(), FreePort(), FreePort());
        var emulatorUrl = $"http://127.0.0.1:{emulatorPort}";
        var appUrl = $"http://127.0.0.1:{appPort}";
        var adminKey = Guid.NewGuid().ToString("N");
        var window = TimeSpan.FromMinutes(1) / timeScale;

        var emulatorDll = Built(root, "Groundwork.QboEmulator", configuration);
        var emulator = ChildProcess.Start("emulator", Path.Combine(root, "src/Groundwork.QboEmulator"), emulatorDll, ["--urls", emulatorUrl], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["QboEmulator__InMemory"] = "true",
            ["QboEmulator__TimeScale"] = timeScale.ToString(CultureInfo.InvariantCulture),
            ["QboEmulator__Limits__Enabled"] = "true",
            ["QboEmulator__AdminKey"] = adminKey,
            ["QboEmulator__ClientApps__0__ClientId"] = ClientId,
            ["QboEmulator__ClientApps__0__ClientSecret"] = ClientSecret,
            ["QboEmulator__ClientApps__0__RedirectUris__0"] = $"{appUrl}/integrations/quickbooks/callback",
            ["QboEmulator__ClientApps__0__VerifierToken"] = "groundwork-dev-verifier-token",
            ["QboEmulator__ClientApps__0__WebhookUrl"] = webhooks ? $"{appUrl}/integrations/quickbooks/webhooks" : "",
        }, Path.Combine(directory, "emulator.log"));

        var appDll = Built(root, "Groundwork.Web", configuration);
        var appDirectory = Path.Combine(root, "src/Groundwork.Web");
        var appEnvironment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(directory, "groundwork.db")}",
            ["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["QboEmulator__Embedded"] = "false",
            ["QuickBooks__Environment"] = "Custom",
            ["QuickBooks__BaseUrl"] = emulatorUrl + "/",
            ["QuickBooks__ClientId"] = ClientId,
            ["QuickBooks__ClientSecret"] = ClientSecret,
            ["QuickBooks__WebhookVerifierToken"] = "groundwork-dev-verifier-token",
            ["QuickBooks__RedirectUri"] = $"{appUrl}/integrations/quickbooks/callback",
            ["QuickBooks__Limits__Window"] = window.ToString("c", CultureInfo.InvariantCulture),
            // Status back's CDC backstop (every 5 minutes of app time) would land in a run at random: kept out of the figures.
            ["QuickBooks__Sync__CdcInterval"] = "1.00:00:00",
        };
        foreach (var (key, value) in appSettings ?? new Dictionary<string, string>()) appEnvironment[key] = value;
        // GW_BENCH_APP_X=Y sets X=Y for the app only (e.g. GW_BENCH_APP_DOTNET_TieredPGO=0 to compare runtime settings).
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value ?? "")).Where(e => e.Item1.StartsWith("GW_BENCH_APP_", StringComparison.Ordinal)))
        {
            appEnvironment[key["GW_BENCH_APP_".Length..]] = value;
        }
        foreach (var owner in owners)
        {
            using var command = ChildProcess.Start("create-owner", appDirectory, appDll, ["create-owner", "--email", owner.Email, "--organization", owner.Organization],
                new Dictionary<string, string>(appEnvironment) { ["GROUNDWORK_OWNER_PASSWORD"] = owner.Password }, Path.Combine(directory, "create-owner.log"));
            if (await command.WaitForExitAsync(TimeSpan.FromMinutes(3)) != 0) throw new InvalidOperationException($"create-owner failed:\n{command.Tail()}");
        }
        var app = ChildProcess.Start("app", appDirectory, appDll, ["--urls", appUrl], appEnvironment, Path.Combine(directory, "app.log"));
        var host = new BenchHost(directory, emulatorUrl, appUrl, adminKey, emulator, app);
        try
        {
            await host.WaitUntilUpAsync(emulator, $"{emulatorUrl}/.well-known/openid_configuration");
            await host.WaitUntilUpAsync(app, $"{appUrl}/health");
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    public void Dispose()
    {
        App.Dispose();
        Emulator.Dispose();
    }

    private async Task WaitUntilUpAsync(ChildProcess process, string url)
    {
#pragma warning disable RS0030 // A bench, not the app: a plain client.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
#pragma warning restore RS0030
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.Name} exited:\n{process.Tail()}");
            try
            {
                if ((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException($"{process.Name} did not answer {url} within 2 minutes:\n{process.Tail()} (logs in {Directory})");
    }

    private static string Built(string root, string project, string configuration)
    {
        var dll = Path.Combine(root, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first (dotnet build -c {configuration}).", dll);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Groundwork.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Groundwork.slnx not found above the bench's folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
