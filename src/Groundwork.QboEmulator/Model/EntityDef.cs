using System.Collections.Frozen;

namespace Groundwork.QboEmulator.Model;

internal enum EntityKind
{
    /// <summary>Customer, Vendor, Employee: one DisplayName namespace.</summary>
    Name,

    /// <summary>Item, Class, Account, Term, TaxAgency: names unique per list, soft-deleted with Active=false.</summary>
    List,

    /// <summary>Invoice, Bill, Payment, BillPayment, CreditMemo.</summary>
    Transaction,

    /// <summary>TaxCode, TaxRate: read and query only.</summary>
    ReadOnly,

    /// <summary>CompanyInfo, Preferences: one per company.</summary>
    Singleton,
}

/// <summary>Field kinds of the wire schema: s string, b bool, n number, r reference, o object, a array, d date.</summary>
internal sealed record FieldSpec(string Name, char Kind, int MaxLength);

/// <summary>What the emulator knows about one QBO entity: its wire fields (unknown ones are a 2010 fault) and its rules.</summary>
internal sealed class EntityDef
{
    private EntityDef(string name, EntityKind kind, string? nameField, IEnumerable<FieldSpec> fields)
    {
        Name = name;
        Kind = kind;
        NameField = nameField;
        Fields = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string PathSegment => Name.ToLowerInvariant();

    public EntityKind Kind { get; }

    /// <summary>DisplayName or Name: unique, colon-free, renamed " (deleted)" when made inactive.</summary>
    public string? NameField { get; }

    public FrozenDictionary<string, FieldSpec> Fields { get; }

    public bool IsDeletable => Kind == EntityKind.Transaction;

    public bool IsVoidable => Name is "Invoice" or "Payment" or "BillPayment" or "CreditMemo";

    public bool HasActive => Kind is EntityKind.Name or EntityKind.List || Name is "TaxCode" or "TaxRate";

    /// <summary>QBO writes " (Deleted)" for classes and " (deleted)" for everything else (RUBY-FX fixtures).</summary>
    public string DeletedSuffix => Name == "Class" ? " (Deleted)" : " (deleted)";

    public static EntityDef Create(string name, EntityKind kind, string? nameField, params string[] specs)
    {
        var fields = Common.Concat(specs).Select(Parse);
        return new EntityDef(name, kind, nameField, fields);
    }

    private static readonly string[] Common = ["Id:s", "SyncToken:s", "domain:s", "sparse:b", "status:s", "MetaData:o"];

    /// <summary>"DisplayName:s500" → string field limited to 500 characters.</summary>
    private static FieldSpec Parse(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kindAndMax = spec[(colon + 1)..];
        var max = kindAndMax.Length > 1 ? int.Parse(kindAndMax[1..], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new FieldSpec(spec[..colon], kindAndMax[0], max);
    }
}
