namespace Groundwork.QboEmulator.Tests.Conformance;

/// <summary>
/// Finds <c>shared/qbo/fixtures</c> beside the repository: walks up from the test assembly and checks each
/// ancestor's <c>shared/qbo/fixtures</c> (e.g. /work/shared when the repo is /work/main; CI puts a copy beside its clone).
/// </summary>
internal static class FixtureLocator
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "qbo", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public const string Absent =
        "QBO conformance fixtures not found: no shared/qbo/fixtures folder beside the repository (looked in every parent of the test assembly). The conformance replay did not run.";
}
