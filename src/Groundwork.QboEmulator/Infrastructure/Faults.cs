namespace Groundwork.QboEmulator.Infrastructure;

/// <summary>Intuit's fault codes and texts (API.md §9); wording the sources do not settle is marked in the README.</summary>
internal static class Faults
{
    private const string Validation = "ValidationFault";

    public static QboException V(string code, string message, string detail, string element = "") =>
        new(400, Validation, new QboError(code, message, detail, element));

    public static QboException ObjectNotFound() => V("610", "Object Not Found",
        "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.");

    public static QboException InvalidReference(string element, string value) => V("2500", "Invalid Reference Id",
        $"Invalid Reference Id : {element} {value} does not exist", element);

    public static QboException Required(string element) => V("2020",
        "Required param missing, need to supply the required value for the API",
        $"Required parameter {element} is missing in the request", element);

    public static QboException TooLong(string element, int max) => V("2050", "Length exceeds limit",
        $"Length of the field exceeds {max} chars", element);

    public static QboException Unsupported(string property) => V("2010", "Request has invalid or unsupported property",
        $"Property Name:{property} specified is unsupported or invalid");

    public static QboException InvalidId(string value) => new(400, Validation, new QboError("2030", "Invalid ID",
        $"Id should be a valid number. Supplied value:{value}", "Id")) { WithoutTime = true };

    public static QboException Stale() => V("5010", "Stale Object Error",
        "Stale Object Error : You and QBO Emulator were working on this at the same time. QBO Emulator finished before you did, so your work was not saved.");

    public static QboException DuplicateName(string who) => V("6240", "Duplicate Name Exists Error",
        $"The name supplied already exists. : Another {who} is already using this name. Please use a different name.");

    public static QboException DuplicateDocNumber() => V("6140", "Duplicate Document Number Error",
        "Duplicate Document Number Error : You must specify a different number. This number has already been used.");

    public static QboException AmountMismatch(decimal supplied) => V("6070", "Amount calculation incorrect in the request",
        $"Amount is not equal to Qty * UnitPrice. Supplied value:{supplied}");

    public static QboException NoName() => V("6080", "No Name Provided",
        "Title, GivenName, MiddleName, FamilyName, DisplayName, Suffix - one of these must be non-empty");

    public static QboException InvalidTaxCode(string value) => V("6100", "Invalid Line TaxCode in the request",
        $"Valid Line TaxCodes for US should be TAX or NON. Supplied value:{value}");

    public static QboException Business(string detail) => V("6000",
        "A business validation error has occurred while processing your request", $"Business Validation Error: {detail}");

    public static QboException Colon(string element) => Business($"{element} cannot contain a colon (:).");

    public static QboException UnsupportedOperation(string detail) => V("500", "Unsupported Operation", detail);

    public static QboException ParseQuery(string detail) => V("4000", "Error parsing query", $"QueryParserError: {detail}");

    public static QboException InvalidQuery(string detail) => V("4001", "Invalid query", $"QueryValidationError: {detail}");

    public static QboException BatchTooLarge(int max) => V("1040", "Batch size exceeds allowed limit",
        $"Batch request can not have more than {max} items");

    public static QboException Throttled() => new(429, "SERVICE", new QboError("3001",
        "message=ThrottleExceeded; errorCode=003001; statusCode=429", "The request limit was reached.  Try again later"));

    public static QboException SystemFailure(int status = 500) => new(status == 503 ? 503 : 500, "SystemFault", new QboError("10000",
        "An application error has occurred while processing your request", "System Failure Error: injected by the emulator's fault injection"));

    public static QboException WrongRealm() => new(401, "AuthenticationFault", new QboError("100",
        "General Authentication Error", "AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401"));
}
