using Groundwork.Web.Features.QuickBooks.Gateway;

namespace Groundwork.Web.Tests.Features.QuickBooks.Gateway;

public sealed class HeldAccessTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Margin = QboGatewayGrain.RefreshAhead;
    private static readonly QboAccess Ready = new("realm", "token", null);

    private static HeldAccess Holding(DateTime expiresAtUtc)
    {
        var held = new HeldAccess();
        held.Keep(held.Generation, Ready, expiresAtUtc, Now);
        return held;
    }

    [Fact]
    public void Get_FreshTokenReadLessThanAMinuteAgo_IsHeld() =>
        Assert.Same(Ready, Holding(Now.AddHours(1)).Get(Now + HeldAccess.Revalidate - TimeSpan.FromSeconds(1), Margin));

    [Fact]
    public void Get_AMinuteAfterTheRead_ReadsTheRowAgain() =>
        Assert.Null(Holding(Now.AddHours(1)).Get(Now + HeldAccess.Revalidate, Margin));

    [Fact]
    public void Get_TokenInsideTheRefreshMargin_IsNotHeld() =>
        Assert.Null(Holding(Now + Margin).Get(Now, Margin));

    [Fact]
    public void Keep_AnAccessWithoutAToken_DropsTheHeldOne()
    {
        var held = Holding(Now.AddHours(1));
        held.Keep(held.Generation, new QboAccess("realm", null, "Disconnected."), null, Now);
        Assert.Null(held.Get(Now, Margin));
    }

    [Fact]
    public void Keep_FromAReadThatBeganBeforeForget_IsIgnored()
    {
        var held = new HeldAccess();
        var readStarted = held.Generation;
        held.Forget();

        held.Keep(readStarted, Ready, Now.AddHours(1), Now);

        Assert.Null(held.Get(Now, Margin));
        held.Keep(held.Generation, Ready, Now.AddHours(1), Now);
        Assert.Same(Ready, held.Get(Now, Margin));
    }

    [Fact]
    public void Drop_ThenAReadInFlight_MayStillKeepANewerToken()
    {
        var held = Holding(Now.AddHours(1));
        var refreshStarted = held.Generation;
        held.Drop();
        Assert.Null(held.Get(Now, Margin));

        held.Keep(refreshStarted, Ready, Now.AddHours(1), Now);
        Assert.Same(Ready, held.Get(Now, Margin));
    }
}
