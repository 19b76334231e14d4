using System.Collections.Frozen;

namespace Groundwork.QboEmulator.Model;

/// <summary>The entities the emulator serves, with their wire fields (API.md §3; XSD names).</summary>
internal static class EntityCatalog
{
    private static readonly string[] Person =
    [
        "DisplayName:s500", "Title:s16", "GivenName:s100", "MiddleName:s100", "FamilyName:s100", "Suffix:s16",
        "CompanyName:s100", "PrintOnCheckName:s110", "Active:b", "PrimaryPhone:o", "Mobile:o", "Fax:o", "AlternatePhone:o",
        "PrimaryEmailAddr:o", "WebAddr:o", "BillAddr:o", "OtherContactInfo:o", "Notes:s2000", "Balance:n", "CurrencyRef:r",
        "BillRate:n", "CostRate:n", "V4IDPseudonym:s",
    ];

    private static readonly string[] Txn =
    [
        "DocNumber:s21", "TxnDate:d", "PrivateNote:s4000", "Line:a", "CurrencyRef:r", "ExchangeRate:n", "TotalAmt:n",
        "HomeTotalAmt:n", "LinkedTxn:a", "DepartmentRef:r", "TxnTaxDetail:o", "GlobalTaxCalculation:s", "TxnSource:s",
        "CustomField:a", "TransactionLocationType:s", "TxnStatus:s", "ProjectRef:r", "RecurDataRef:r",
    ];

    private static readonly string[] Sales =
    [
        "CustomerRef:r", "CustomerMemo:o", "BillAddr:o", "ShipAddr:o", "ShipFromAddr:o", "BillEmail:o", "BillEmailCc:o",
        "BillEmailBcc:o", "EmailStatus:s", "PrintStatus:s", "ClassRef:r", "SalesTermRef:r", "DueDate:d", "Balance:n",
        "HomeBalance:n", "ApplyTaxAfterDiscount:b", "DepositToAccountRef:r", "ShipDate:d", "TrackingNum:s",
        "ShipMethodRef:r", "SalesRepRef:r", "PaymentMethodRef:r", "FreeFormAddress:b", "TaxExemptionRef:r",
        "AllowIPNPayment:b", "AllowOnlinePayment:b", "AllowOnlineCreditCardPayment:b", "AllowOnlineACHPayment:b",
        "DeliveryInfo:o", "AutoDocNumber:b",
    ];

    public static readonly FrozenDictionary<string, EntityDef> All = Build().ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    public static EntityDef Get(string name) => All[name];

    public static EntityDef? Find(string name) => All.GetValueOrDefault(name);

    private static IEnumerable<EntityDef> Build()
    {
        yield return EntityDef.Create("Customer", EntityKind.Name, "DisplayName", [.. Person,
            "Job:b", "ParentRef:r", "BillWithParent:b", "Level:n", "FullyQualifiedName:s", "Taxable:b", "DefaultTaxCodeRef:r",
            "SalesTermRef:r", "PaymentMethodRef:r", "PreferredDeliveryMethod:s", "BalanceWithJobs:n", "OpenBalanceDate:d",
            "ResaleNum:s", "TaxExemptionReasonId:s", "IsProject:b", "ShipAddr:o", "ARAccountRef:r", "PrimaryTaxIdentifier:s"]);
        yield return EntityDef.Create("Vendor", EntityKind.Name, "DisplayName", [.. Person,
            "AcctNum:s100", "TaxIdentifier:s20", "TermRef:r", "Vendor1099:b", "APAccountRef:r", "OpenBalanceDate:d"]);
        yield return EntityDef.Create("Employee", EntityKind.Name, "DisplayName", [.. Person,
            "EmployeeNumber:s100", "SSN:s100", "PrimaryAddr:o", "BillableTime:b", "BirthDate:d", "Gender:s", "HiredDate:d",
            "ReleasedDate:d", "Organization:b"]);
        yield return EntityDef.Create("Item", EntityKind.List, "Name",
            "Name:s100", "Type:s", "Sku:s100", "Description:s4000", "PurchaseDesc:s1000", "UnitPrice:n", "PurchaseCost:n",
            "Taxable:b", "SalesTaxIncluded:b", "PurchaseTaxIncluded:b", "SalesTaxCodeRef:r", "PurchaseTaxCodeRef:r",
            "ClassRef:r", "ParentRef:r", "SubItem:b", "Level:n", "FullyQualifiedName:s", "Active:b", "IncomeAccountRef:r",
            "ExpenseAccountRef:r", "AssetAccountRef:r", "TrackQtyOnHand:b", "QtyOnHand:n", "InvStartDate:d",
            "PrefVendorRef:r", "ReorderPoint:n", "ItemCategoryType:s");
        yield return EntityDef.Create("Class", EntityKind.List, "Name",
            "Name:s100", "ParentRef:r", "SubClass:b", "FullyQualifiedName:s", "Active:b");
        yield return EntityDef.Create("Account", EntityKind.List, "Name",
            "Name:s100", "AcctNum:s7", "AccountType:s", "AccountSubType:s", "Classification:s", "ParentRef:r",
            "SubAccount:b", "FullyQualifiedName:s", "Description:s100", "Active:b", "CurrentBalance:n",
            "CurrentBalanceWithSubAccounts:n", "CurrencyRef:r", "TaxCodeRef:r", "TxnLocationType:s");
        yield return EntityDef.Create("Term", EntityKind.List, "Name",
            "Name:s31", "Type:s", "DueDays:n", "DiscountDays:n", "DiscountPercent:n", "DayOfMonthDue:n",
            "DueNextMonthDays:n", "DiscountDayOfMonth:n", "Active:b");
        yield return EntityDef.Create("TaxAgency", EntityKind.List, "DisplayName",
            "DisplayName:s100", "TaxTrackedOnSales:b", "TaxTrackedOnPurchases:b", "TaxRegistrationNumber:s",
            "LastFileDate:d", "TaxAgencyConfig:s", "Active:b");
        yield return EntityDef.Create("TaxCode", EntityKind.ReadOnly, null,
            "Name:s100", "Description:s100", "Active:b", "Hidden:b", "Taxable:b", "TaxGroup:b", "SalesTaxRateList:o",
            "PurchaseTaxRateList:o", "TaxCodeConfigType:s");
        yield return EntityDef.Create("TaxRate", EntityKind.ReadOnly, null,
            "Name:s100", "Description:s100", "Active:b", "RateValue:n", "AgencyRef:r", "SpecialTaxType:s",
            "EffectiveTaxRate:a", "DisplayType:s", "TaxReturnLineRef:r");
        yield return EntityDef.Create("Invoice", EntityKind.Transaction, null, [.. Txn, .. Sales, "Deposit:n", "InvoiceLink:s"]);
        yield return EntityDef.Create("CreditMemo", EntityKind.Transaction, null, [.. Txn, .. Sales, "RemainingCredit:n", "PaymentRefNum:s"]);
        yield return EntityDef.Create("Bill", EntityKind.Transaction, null, [.. Txn,
            "VendorRef:r", "APAccountRef:r", "SalesTermRef:r", "DueDate:d", "Balance:n", "HomeBalance:n", "VendorAddr:o"]);
        yield return EntityDef.Create("Payment", EntityKind.Transaction, null, [.. Txn,
            "CustomerRef:r", "UnappliedAmt:n", "DepositToAccountRef:r", "PaymentMethodRef:r", "PaymentRefNum:s",
            "ARAccountRef:r", "ProcessPayment:b", "CreditCardPayment:o", "void:b"]);
        yield return EntityDef.Create("BillPayment", EntityKind.Transaction, null, [.. Txn,
            "VendorRef:r", "PayType:s", "CheckPayment:o", "CreditCardPayment:o", "APAccountRef:r"]);
        yield return EntityDef.Create("CompanyInfo", EntityKind.Singleton, null,
            "CompanyName:s1024", "LegalName:s1024", "CompanyAddr:o", "CustomerCommunicationAddr:o", "LegalAddr:o",
            "PrimaryPhone:o", "CompanyStartDate:d", "FiscalYearStartMonth:s", "Country:s", "Email:o", "WebAddr:o",
            "SupportedLanguages:s", "NameValue:a");
        yield return EntityDef.Create("Preferences", EntityKind.Singleton, null,
            "AccountingInfoPrefs:o", "ProductAndServicesPrefs:o", "SalesFormsPrefs:o", "EmailMessagesPrefs:o",
            "VendorAndPurchasesPrefs:o", "TimeTrackingPrefs:o", "TaxPrefs:o", "CurrencyPrefs:o", "ReportPrefs:o",
            "OtherPrefs:o");
    }
}
