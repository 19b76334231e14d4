using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>
/// The app as `dotnet run` serves it: on a real loopback port, with the QBO emulator embedded under /qbo, so every
/// QBO call and OAuth redirect crosses real HTTP. The emulator keeps its state in memory.
/// </summary>
public class QboAppFactory : GroundworkAppFactory
{
    public const string BookkeeperEmail = "bookkeeper@example.com";
    public const string BookkeeperPassword = "quickbooks";
    /// <summary>The emulator's US company: tax agency, classes per line.</summary>
    public const string UsRealm = "9341452525163001";
    /// <summary>The emulator's plain company: no tax agency, class tracking off.</summary>
    public const string PlainRealm = "9341452525163002";

    public QboAppFactory() : this(sqliteFile: false)
    {
    }

    /// <param name="sqliteFile">A SQLite file instead of shared-cache memory (see <see cref="GroundworkAppFactory"/>): for tests that
    /// poll the API while the company grain writes the same tables.</param>
    protected QboAppFactory(bool sqliteFile) : base(sqliteFile)
    {
        Port = FreePort();
        UseKestrel(Port);
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>A browser-like client on the real port: keeps cookies, does not follow redirects (the tests follow them).</summary>
    public HttpClient CreateBrowserClient()
    {
        StartServer();
#pragma warning disable RS0030 // The factory's clients follow redirects on a Kestrel server; this flow must see each one.
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };
#pragma warning restore RS0030
    }

    /// <summary>A client of the emulator's admin API (the QuickBooks side, fault injection): carries the admin key.</summary>
    public HttpClient CreateEmulatorAdminClient()
    {
        var client = CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Emulator-Admin-Key", EmulatorAdminKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", BaseAddress.GetLeftPart(UriPartial.Authority));
        builder.UseSetting("QuickBooks:Environment", "Custom");
        builder.UseSetting("QboEmulator:Embedded", "true");
        builder.UseSetting("QboEmulator:InMemory", "true");
    }
}

/// <summary>
/// A second Groundwork host on the first one's database, calling the first one's emulator as its QuickBooks: the app after
/// a restart (the first host's grains stopped or stuck), or a second node.
/// </summary>
public sealed class SecondHostFactory(QboAppFactory first) : GroundworkAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Default", first.ConnectionString);
        builder.UseSetting("QboEmulator:Embedded", "false");
        builder.UseSetting("QuickBooks:Environment", "Custom");
        builder.UseSetting("QuickBooks:BaseUrl", new Uri(first.BaseAddress, "qbo/").ToString());
        builder.UseSetting("QuickBooks:ClientId", Groundwork.QboEmulator.QboEmulatorDevApp.ClientId);
        builder.UseSetting("QuickBooks:ClientSecret", Groundwork.QboEmulator.QboEmulatorDevApp.ClientSecret);
    }
}

/// <summary>The embedded default as a new user meets it: demo organization seeded, emulator under /qbo, real port.</summary>
public sealed class DemoQboAppFactory : QboAppFactory
{
    protected override bool SeedDemo => true;
}

/// <summary>Drives Connect → Intuit's (the emulator's) authorize page → callback with plain HTTP, as a browser would.</summary>
public static partial class QboConnectFlow
{
    /// <summary>Runs the flow up to the callback URL that the emulator redirects to (code, state, realmId), without following it.</summary>
    public static async Task<Uri> AuthorizeAsync(HttpClient groundwork, string realmId, string action = "connect")
    {
        var start = await groundwork.PostFormAsync("/Settings/Integrations?handler=Connect", [], "/Settings/Integrations");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;

        var signIn = Fields(await groundwork.GetStringAsync(authorize));
        signIn["email"] = QboAppFactory.BookkeeperEmail;
        signIn["password"] = QboAppFactory.BookkeeperPassword;
        signIn["action"] = "signin";
        var signedIn = await groundwork.PostAsync(authorize, new FormUrlEncodedContent(signIn));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var choose = Fields(await groundwork.GetStringAsync(new Uri(authorize, signedIn.Headers.Location!)));
        choose["realmId"] = realmId;
        choose["action"] = action;
        var connected = await groundwork.PostAsync(authorize, new FormUrlEncodedContent(choose));
        Assert.Equal(HttpStatusCode.Redirect, connected.StatusCode);
        return new Uri(authorize, connected.Headers.Location!);
    }

    public static async Task<HttpResponseMessage> ConnectAsync(HttpClient groundwork, string realmId) =>
        await groundwork.GetAsync(await AuthorizeAsync(groundwork, realmId));

    private static Dictionary<string, string> Fields(string html) =>
        Hidden().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();
}

/// <summary>
/// The real-port app with the app clock (<see cref="Groundwork.Web.Infrastructure.AppClock"/>) on a fake time source that
/// starts at the real now: grains, use cases and retry waits read it; Orleans and the emulator keep real time.
/// </summary>
public class FakeClockQboAppFactory : QboAppFactory
{
    public FakeClockQboAppFactory() : this(sqliteFile: false)
    {
    }

    protected FakeClockQboAppFactory(bool sqliteFile) : base(sqliteFile)
    {
    }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton(new Groundwork.Web.Infrastructure.AppClock(Time)));
    }

    /// <summary>Moves the fake clock on in small steps until <paramref name="task"/> ends (at most <paramref name="limit"/> of fake time).</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan limit)
    {
        for (var moved = TimeSpan.Zero; !task.IsCompleted && moved < limit; moved += TimeSpan.FromSeconds(1))
        {
            await Task.Delay(20);
            Time.Advance(TimeSpan.FromSeconds(1));
        }
        return await task;
    }
}
