using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Model;

namespace Groundwork.QboEmulator.Ui;

/// <summary>
/// QBO's "Import Data → Products and Services": a CSV with name, type, description, price and income/expense account
/// columns; blank accounts fall back to the company's defaults. Each row goes through the normal Item rules.
/// </summary>
internal static class CsvImport
{
    public static (int Imported, List<string> Skipped) Import(OpContext ctx, EntityService entities, string csv)
    {
        var rows = Parse(csv);
        var skipped = new List<string>();
        if (rows.Count == 0)
        {
            return (0, ["The file is empty."]);
        }

        var header = rows[0].Select(h => h.Trim().ToUpperInvariant()).ToList();
        int Col(params string[] names) => header.FindIndex(h => names.Contains(h));
        int name = Col("PRODUCT/SERVICE NAME", "PRODUCT/SERVICE", "NAME"), type = Col("TYPE"), desc = Col("SALES DESCRIPTION", "DESCRIPTION"),
            price = Col("SALES PRICE / RATE", "SALES PRICE/RATE", "PRICE", "RATE"), income = Col("INCOME ACCOUNT"),
            expense = Col("EXPENSE ACCOUNT"), cost = Col("PURCHASE COST", "COST"), sku = Col("SKU");
        if (name < 0)
        {
            return (0, ["No \"Product/Service Name\" column."]);
        }

        var imported = 0;
        foreach (var (row, line) in rows.Skip(1).Select((r, i) => (r, i + 2)))
        {
            string? Cell(int i) => i >= 0 && i < row.Count && row[i].Trim().Length > 0 ? row[i].Trim() : null;
            if (Cell(name) is not { } itemName)
            {
                continue;
            }

            var body = new JsonObject
            {
                ["Name"] = itemName,
                ["Type"] = Cell(type)?.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal) is { } t && t.Equals("NonInventory", StringComparison.OrdinalIgnoreCase) ? "NonInventory" : "Service",
                ["IncomeAccountRef"] = Account(ctx, Cell(income), "Income"),
                ["ExpenseAccountRef"] = Account(ctx, Cell(expense), "Cost of Goods Sold"),
            };
            Optional(body, "Description", Cell(desc));
            Optional(body, "Sku", Cell(sku));
            if (decimal.TryParse(Cell(price), System.Globalization.CultureInfo.InvariantCulture, out var p))
            {
                body["UnitPrice"] = p;
            }

            if (decimal.TryParse(Cell(cost), System.Globalization.CultureInfo.InvariantCulture, out var c))
            {
                body["PurchaseCost"] = c;
            }

            try
            {
                entities.Create(ctx, EntityCatalog.Get("Item"), body);
                imported++;
            }
            catch (QboException fault)
            {
                skipped.Add($"Row {line} ({itemName}): {fault.Error.Message} — {fault.Error.Detail}");
            }
        }

        return (imported, skipped);
    }

    private static void Optional(JsonObject body, string field, string? value)
    {
        if (value is not null)
        {
            body[field] = value;
        }
    }

    /// <summary>Named account if it exists, else the first active account of the default type.</summary>
    private static JsonObject Account(OpContext ctx, string? named, string defaultType)
    {
        var accounts = ctx.All("Account").Where(a => a.IsActive()).ToList();
        var found = (named is null ? null : accounts.FirstOrDefault(a => string.Equals(a.Str("Name"), named, StringComparison.OrdinalIgnoreCase)))
            ?? accounts.FirstOrDefault(a => a.Str("AccountType") == defaultType) ?? accounts.First();
        return new JsonObject { ["value"] = found.Str("Id") };
    }

    /// <summary>RFC 4180: commas, quoted fields, doubled quotes, CRLF or LF.</summary>
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (ch == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(ch);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
