using Groundwork.Web.Features.QuickBooks.Sync;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>What Unsynced Records says after a push starts: each reason a payment was not pushed is said once.</summary>
public sealed class UnsyncedFlashTests
{
    private const string Account = "Choose the bank or credit card account bills are paid from first.";

    private static PushRunDto Run(int total, PaymentsPushed payments) =>
        new("run", "running", true, total, 0, 0, total, DateTime.UnixEpoch, null, "owner", null, payments);

    [Fact]
    public void Flash_SeveralPaymentsNotPushedForOneReason_SaysTheReasonOnceNamingThem()
    {
        var flash = UnsyncedModel.Flash(Run(27, new PaymentsPushed(7, [new(2, Account), new(3, Account), new(9, "INV-1 was deleted in QuickBooks."), new(7, Account)], [])));

        Assert.Equal("Pushing 27 documents to QuickBooks. 7 payments queued for QuickBooks. 3 payments not pushed (Payment 2, Payment 3, Payment 7): " + Account
            + " Payment 9 not pushed: INV-1 was deleted in QuickBooks.", flash);
    }

    [Fact]
    public void Flash_MoreThanTenPaymentsNotPushedForOneReason_NamesTenAndCountsAll()
    {
        var flash = UnsyncedModel.Flash(Run(0, new PaymentsPushed(0, [.. Enumerable.Range(1, 12).Select(i => new PaymentNotPushed(i, Account))], [])));

        Assert.Equal("12 payments not pushed (" + string.Join(", ", Enumerable.Range(1, 10).Select(i => $"Payment {i}")) + ", …): " + Account, flash);
    }
}
