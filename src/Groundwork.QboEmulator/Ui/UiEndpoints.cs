using Microsoft.AspNetCore.Routing;

namespace Groundwork.QboEmulator.Ui;

/// <summary>The QuickBooks side for people: browse and act on companies.</summary>
internal static class UiEndpoints
{
    public static void Map(RouteGroupBuilder root)
    {
        _ = root;
    }
}
