using Groundwork.Web.Features.QuickBooks.Links;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>What the match-and-link screen proposes for a record (its <c>action</c>).</summary>
public static class NameAction
{
    public const string Linked = "linked";
    /// <summary>Exactly one active, unlinked QBO record has the same name: link it (link-exact does).</summary>
    public const string Link = "link";
    /// <summary>Several active QBO records have the same name: the user picks one.</summary>
    public const string Choose = "choose";
    /// <summary>Only an inactive QBO record has the name: reactivate it in QuickBooks and link, or rename.</summary>
    public const string Reactivate = "reactivate";
    /// <summary>A colon, a name another kind uses in QBO, or a name taken by a linked record: QBO would refuse it.</summary>
    public const string Rename = "rename";
    /// <summary>No QBO record has the name: the first push creates it (the default).</summary>
    public const string CreateOnFirstPush = "createOnFirstPush";
}

/// <summary>A record's link as stored, with whether the QBO record is active in the list as last read.</summary>
public sealed record NameLinkInfo(string QboId, string? QboName, QboLinkSource Source, QboLinkState State);

/// <summary>A QBO record that matches a Groundwork name: exact (score 1) or near (its score).</summary>
public sealed record NameCandidate(string QboId, string Name, string? FullyQualifiedName, string Match, double Score, bool Active,
    string? ParentId, string? LinkedToKind, long? LinkedToId);

/// <summary>A QBO record of another kind using the same name.</summary>
public sealed record NameClash(string QboId, string Name, string QboType, bool Active);

/// <summary>Why QBO would refuse the record's name, with the rename Groundwork suggests.</summary>
public sealed record NameProblem(string Code, string Message, string? SuggestedName, IReadOnlyList<NameClash> Clashes);

/// <summary>One Groundwork customer, location or vendor with its link or its candidates.</summary>
public sealed record NameLinkRow(long Id, string Name, string Kind, long? CustomerId, string? CustomerName, string? CustomerQboId, NameLinkInfo? Link,
    IReadOnlyList<NameCandidate> Candidates, IReadOnlyList<NameProblem> Problems, string Action, string Plan);

public sealed record NameLinkPage(string Kind, IReadOnlyList<NameLinkRow> Items, int Page, int PageSize, int Total, DateTime RefreshedAtUtc, string Rule);
