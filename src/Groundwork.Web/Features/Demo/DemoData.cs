namespace Groundwork.Web.Features.Demo;

/// <summary>The demo organization's records: realistic enough to click through, small enough to read.</summary>
internal static class DemoData
{
    public const string OrganizationName = "Summit Ridge Builders";

    /// <summary>Customer, email, phone, city, and their locations (name, street, tax rate %).</summary>
    public static readonly (string Name, string Contact, string Email, string City, (string Name, string Street, decimal? Tax)[] Locations)[] Customers =
    [
        ("Harbor View Dental", "Dr. Alice Moreno", "office@harborviewdental.example", "Portland",
            [("Main Clinic", "120 Harbor Way", 8.25m), ("Eastside Annex", "4410 E Burnside St", 8.25m)]),
        ("Maple Street Residence", "Tom & Rita Nguyen", "tnguyen@example.com", "Beaverton", [("Maple Street Home", "77 Maple St", null)]),
        ("Cascade Brewing Co.", "Jon Ellis", "jon@cascadebrew.example", "Bend",
            [("Taproom", "9 Brewery Ln", 6.5m), ("Warehouse", "300 Industrial Pkwy", 6.5m)]),
        // QBO forbids colons in names: this one exists so the pre-flight check has something to catch.
        ("Lakeside HOA: Phase 2", "Pat Greene", "board@lakesidehoa.example", "Lake Oswego", [("Clubhouse", "1 Lakeside Dr", 7m)]),
        ("Riverside Elementary PTA", "Mina Patel", "pta@riverside.example", "Salem", [("Gym Addition", "55 School Rd", null)]),
        ("Oakridge Medical Plaza", "Sam Carter", "facilities@oakridgemed.example", "Eugene",
            [("Building A", "800 Oak Ridge Blvd", 7.75m), ("Building B", "820 Oak Ridge Blvd", 7.75m)]),
        ("Johnson Family", "Emily Johnson", "emily.j@example.com", "Hillsboro", [("Kitchen Remodel", "1450 NW Elm Ct", null)]),
        ("Northwest Fitness", "Carlos Diaz", "carlos@nwfitness.example", "Tigard", [("Tigard Gym", "12000 SW Pacific Hwy", 8m)]),
    ];

    public static readonly (string Name, string Contact, string Email)[] Vendors =
    [
        ("Pacific Lumber Supply", "Dana Brooks", "orders@paclumber.example"),
        ("Columbia Concrete", "Rick Olsen", "dispatch@colconcrete.example"),
        ("Bright Spark Electric", "Lena Ford", "billing@brightspark.example"),
        ("Flow Right Plumbing", "Ahmed Khan", "ar@flowright.example"),
        ("Rent-All Equipment", "Kim Lee", "rentals@rentall.example"),
        ("Evergreen Drywall", "Jesse Park", "office@evergreendrywall.example"),
    ];

    /// <summary>A CSI MasterFormat-style set: division codes with a few children.</summary>
    public static readonly (string Number, string Name, string? Parent)[] CostCodes =
    [
        ("01 00 00", "General Requirements", null), ("01 50 00", "Temporary Facilities", "01 00 00"),
        ("02 00 00", "Existing Conditions", null), ("02 41 00", "Demolition", "02 00 00"),
        ("03 00 00", "Concrete", null), ("03 30 00", "Cast-in-Place Concrete", "03 00 00"),
        ("04 00 00", "Masonry", null), ("05 00 00", "Metals", null),
        ("06 00 00", "Wood, Plastics, and Composites", null), ("06 10 00", "Rough Carpentry", "06 00 00"),
        ("06 20 00", "Finish Carpentry", "06 00 00"), ("07 00 00", "Thermal and Moisture Protection", null),
        ("08 00 00", "Openings", null), ("09 00 00", "Finishes", null), ("09 29 00", "Gypsum Board", "09 00 00"),
        ("09 90 00", "Painting and Coating", "09 00 00"), ("22 00 00", "Plumbing", null),
        ("23 00 00", "HVAC", null), ("26 00 00", "Electrical", null), ("31 00 00", "Earthwork", null),
    ];

    /// <summary>Line templates: name, cost code, cost type, quantity, unit amount.</summary>
    public static readonly (string Name, string Code, string Type, decimal Qty, decimal Unit)[] Lines =
    [
        ("Framing labor", "06 10 00", "Labor", 40, 65m), ("Lumber package", "06 10 00", "Materials", 1, 4850.75m),
        ("Concrete pour", "03 30 00", "Subcontractor", 1, 7200m), ("Drywall hang and finish", "09 29 00", "Subcontractor", 1, 3900m),
        ("Interior paint", "09 90 00", "Labor", 24, 55m), ("Electrical rough-in", "26 00 00", "Subcontractor", 1, 5400m),
        ("Plumbing fixtures", "22 00 00", "Materials", 6, 312.4m), ("Excavator rental", "31 00 00", "Equipment", 3, 640m),
        ("Demolition", "02 41 00", "Labor", 16, 58m), ("Site toilet", "01 50 00", "Other", 2, 185m),
    ];
}
