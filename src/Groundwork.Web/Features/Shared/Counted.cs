namespace Groundwork.Web.Features.Shared;

/// <summary>A count with its noun in words a person writes: "1 cost code", "3 cost codes" — never "cost code(s)".</summary>
public static class Counted
{
    /// <summary><paramref name="plural"/> defaults to the noun with an "s".</summary>
    public static string Of(long count, string noun, string? plural = null) =>
        $"{count} {(count == 1 ? noun : plural ?? noun + "s")}";
}
