using System.Text.Json.Nodes;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>
/// The recorded QBO traffic in <c>shared/qbo/fixtures</c>, a sibling of the repository (locally /work/shared beside
/// /work/main; in CI, shared/ beside the fresh clone). Found by walking up from the test binaries.
/// </summary>
internal static class QboFixtures
{
    public const string MissingMessage =
        "QBO fixtures not found: no 'shared/qbo/fixtures' folder beside the repository or any of its parents. " +
        "The fixture tests cannot run without it (CI always has it).";

    private static readonly Lazy<string?> Root = new(Locate);

    public static string? Directory => Root.Value;

    public static string RequireDirectory() => Root.Value ?? throw new InvalidOperationException(MissingMessage);

    public static string Path(string relative) => System.IO.Path.Combine(RequireDirectory(), relative);

    public static string ReadText(string relative) => File.ReadAllText(Path(relative));

    public static byte[] ReadBytes(string relative) => File.ReadAllBytes(Path(relative));

    public static JsonNode ReadNode(string relative) =>
        JsonNode.Parse(ReadText(relative)) ?? throw new InvalidOperationException($"{relative} is empty.");

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "qbo", "fixtures");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
