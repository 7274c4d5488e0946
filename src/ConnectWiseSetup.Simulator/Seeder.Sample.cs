using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator;

internal static partial class Seeder
{
    private static JObject R(int id, string name) => new() { ["id"] = id, ["name"] = name };

    private static void Many(TenantState t, string collection, params JObject[] records)
    {
        foreach (var r in records) Rec(t, collection, r);
    }

    /// <summary>Lookup records id 1..n, each made by <paramref name="make"/>(id, name); the first is the default where the model has a default flag.</summary>
    private static void Lookup(TenantState t, string collection, Func<int, string, JObject> make, params string[] names)
    {
        int i = 0;
        foreach (var n in names) { var o = make(++i, n); o["id"] = i; Rec(t, collection, o); }
    }

    private static JObject NameDefault(int i, string n) => new() { ["name"] = n, ["defaultFlag"] = i == 1 };
    private static JObject NameDefaultInactive(int i, string n) => new() { ["name"] = n, ["defaultFlag"] = i == 1, ["inactiveFlag"] = false };
    private static JObject NameInactive(int i, string n) => new() { ["name"] = n, ["inactiveFlag"] = false };

    /// <summary>A little realistic data behind every vendor endpoint, in the 2025.1 models' fields, so a probe gets a real 200 with records.</summary>
    private static void SeedSampleData(TenantState t)
    {
        JObject Co(int id) { var c = t.Collection("company/companies").Get(id); return new JObject { ["id"] = id, ["identifier"] = c["identifier"], ["name"] = c["name"] }; }
        JObject Mem(int id, string ident, string name) => new() { ["id"] = id, ["identifier"] = ident, ["name"] = name };
        var jsmith = Mem(1, "jsmith", "John Smith");
        var adoe = Mem(2, "adoe", "Alice Doe");

        Lookup(t, "company/companies/statuses", NameDefaultInactive, "Active", "Inactive", "Not Approved", "Credit Hold");
        Lookup(t, "company/companies/types", (i, n) => new JObject { ["name"] = n, ["defaultFlag"] = n == "Customer", ["vendorFlag"] = n == "Vendor", ["serviceAlertFlag"] = false },
            "Owner", "Customer", "Prospect", "Vendor", "Partner", "Suspect", "Competition");
        Lookup(t, "company/configurations/statuses", (i, n) => new JObject { ["description"] = n, ["closedFlag"] = n == "Retired", ["defaultFlag"] = i == 1 }, "Active", "Inactive", "Retired");
        Lookup(t, "company/configurations/types", (i, n) => new JObject { ["name"] = n, ["inactiveFlag"] = false, ["systemFlag"] = false }, "Workstation", "Server", "Firewall", "Printer", "Managed Network Device");
        int ci = 0;
        foreach (var (d, phone, email) in new[] { ("Direct", true, false), ("Email", false, true), ("Cell", true, false), ("Fax", true, false) })
            Rec(t, "company/communicationTypes", new JObject { ["id"] = ++ci, ["description"] = d, ["phoneFlag"] = phone, ["emailFlag"] = email, ["faxFlag"] = d == "Fax", ["defaultFlag"] = ci <= 2 });
        int nt = 0;
        foreach (var n in new[] { "General", "Technical", "Billing" })
            Rec(t, "company/noteTypes", new JObject { ["id"] = ++nt, ["identifier"] = n.ToUpperInvariant(), ["name"] = n, ["defaultFlag"] = nt == 1, ["importFlag"] = false });

        Many(t, "system/members",
            new JObject { ["id"] = 1, ["identifier"] = "jsmith", ["firstName"] = "John", ["lastName"] = "Smith", ["officeEmail"] = "jsmith@simulated-msp.example", ["defaultEmail"] = "Office", ["defaultPhone"] = "Office", ["licenseClass"] = "F", ["hireDate"] = "2021-04-01T00:00:00Z", ["inactiveFlag"] = false, ["adminFlag"] = false, ["securityRole"] = R(2, "Technician"), ["defaultLocation"] = R(1, "Main Office"), ["invoicingDisplayOptions"] = Fidelity.InvoicingDisplayOption, ["agreementInvoicingDisplayOptions"] = Fidelity.InvoicingDisplayOption, ["invoiceScreenDefaultTabFormat"] = Fidelity.InvoiceScreenDefaultTab, ["defaultDepartment"] = new JObject { ["id"] = 1, ["identifier"] = "Services", ["name"] = "Services" } },
            new JObject { ["id"] = 2, ["identifier"] = "adoe", ["firstName"] = "Alice", ["lastName"] = "Doe", ["officeEmail"] = "adoe@simulated-msp.example", ["defaultEmail"] = "Office", ["defaultPhone"] = "Mobile", ["licenseClass"] = "F", ["hireDate"] = "2019-09-16T00:00:00Z", ["inactiveFlag"] = false, ["adminFlag"] = true, ["securityRole"] = R(1, "Admin"), ["defaultLocation"] = R(1, "Main Office"), ["invoicingDisplayOptions"] = Fidelity.InvoicingDisplayOption, ["agreementInvoicingDisplayOptions"] = Fidelity.InvoicingDisplayOption, ["invoiceScreenDefaultTabFormat"] = Fidelity.InvoiceScreenDefaultTab, ["defaultDepartment"] = new JObject { ["id"] = 1, ["identifier"] = "Services", ["name"] = "Services" } });

        string[] cfgNames = { "CONTOSO-DC01", "CONTOSO-WS014", "FABRIKAM-FW01", "NORTHWIND-PRN2" };
        int[] cfgCompanies = { 2, 2, 3, 4 };
        int[] cfgTypes = { 2, 1, 3, 4 };
        var cfgTypeNames = new[] { "", "Workstation", "Server", "Firewall", "Printer" };
        for (int i = 0; i < cfgNames.Length; i++)
            Rec(t, "company/configurations", new JObject { ["id"] = i + 1, ["name"] = cfgNames[i], ["type"] = R(cfgTypes[i], cfgTypeNames[cfgTypes[i]]), ["status"] = R(1, "Active"), ["company"] = Co(cfgCompanies[i]), ["serialNumber"] = $"SN{1000 + i}", ["activeFlag"] = true });

        var contacts = new[] { ("Dana", "Lopez", 2), ("Evan", "Kim", 2), ("Farah", "Ali", 3), ("Glen", "Novak", 4), ("Hana", "Sato", 5) };
        for (int i = 0; i < contacts.Length; i++)
        {
            var (f, l, co) = contacts[i];
            Rec(t, "company/contacts", new JObject
            {
                ["id"] = i + 1, ["firstName"] = f, ["lastName"] = l, ["company"] = Co(co), ["title"] = "IT Manager", ["inactiveFlag"] = false, ["defaultFlag"] = true,
                ["types"] = new JArray(i == 0 ? R(1, "Primary") : R(2, "Technical")),
                ["communicationItems"] = new JArray(new JObject { ["id"] = 1, ["type"] = R(2, "Email"), ["value"] = $"{f.ToLowerInvariant()}.{l.ToLowerInvariant()}@customer.example", ["defaultFlag"] = true, ["communicationType"] = "Email" }),
            });
            Rec(t, $"company/contacts/{i + 1}/notes", new JObject { ["id"] = i + 1, ["contactId"] = i + 1, ["text"] = $"Prefers e-mail. Met {f} at onboarding.", ["type"] = R(1, "General"), ["flagged"] = false });
        }

        Lookup(t, "company/contacts/types", (i, n) => new JObject { ["description"] = n, ["defaultFlag"] = i == 1, ["serviceAlertFlag"] = false },
            "Primary", "Technical", "Billing", "Decision Maker");
        // one site per seeded company (CompanySite), the company's main address
        foreach (var co in t.Collection("company/companies").All.ToList())
        {
            var cid = co.Value<int>("id");
            Rec(t, $"company/companies/{cid}/sites", new JObject
            {
                ["id"] = cid, ["name"] = "Main", ["addressLine1"] = $"{100 + cid} Main Street", ["city"] = "Tampa",
                ["stateReference"] = new JObject { ["id"] = 10, ["identifier"] = "FL", ["name"] = "Florida" }, ["zip"] = "33602",
                ["country"] = R(1, "United States"), ["phoneNumber"] = $"81355501{cid:00}", ["primaryAddressFlag"] = true,
                ["defaultBillingFlag"] = true, ["defaultShippingFlag"] = true, ["defaultMailingFlag"] = true, ["inactiveFlag"] = false,
                ["company"] = Co(cid),
            });
        }
        // the department's locations (DepartmentLocation)
        foreach (var dep in t.Collection("system/departments").All.ToList())
            foreach (var loc in t.Collection("system/locations").All.ToList())
                Rec(t, $"system/departments/{dep["id"]}/locations", new JObject
                {
                    ["id"] = 0, ["department"] = new JObject { ["id"] = dep["id"], ["identifier"] = dep["identifier"], ["name"] = dep["name"] },
                    ["location"] = R(loc.Value<int>("id"), (string)loc["name"]), ["addAllLocations"] = false, ["removeAllLocations"] = false,
                });

        // AuditTrailEntry has no id or _info in 2025.1: the list view leaves the id out, and the record an entry belongs to
        // (_recordType, _recordId: what ?type=&id= filters on, Fidelity.AuditTrailFiltersByTypeAndId)
        int au = 0;
        foreach (var (type, recordId, text, date, by, sub) in new[]
        {
            ("Ticket", 1, "Ticket created", "2025-03-01T10:00:00Z", "jsmith", "Created"),
            ("Ticket", 2, "Ticket created", "2025-03-01T11:30:00Z", "adoe", "Created"),
            ("Ticket", 2, "Ticket status changed from New to In Progress", "2025-03-01T14:02:00Z", "adoe", "Status"),
            ("Ticket", 3, "Ticket created", "2025-03-02T08:45:00Z", "jsmith", "Created"),
            ("Company", 2, "Company address updated", "2025-03-02T09:15:00Z", "adoe", "Address"),
            ("Configuration", 1, "Configuration serial number updated", "2025-03-03T16:20:00Z", "jsmith", "SerialNumber"),
        })
            Rec(t, "system/audittrail", new JObject
            {
                ["id"] = ++au, ["text"] = text, ["enteredDate"] = date, ["enteredBy"] = by, ["auditType"] = type, ["auditSubType"] = sub,
                ["auditSource"] = "Web", ["_recordType"] = type, ["_recordId"] = recordId,
            }, stamp: false);
        Rec(t, "system/callbacks", new JObject { ["id"] = 1, ["description"] = "Ticket updates", ["url"] = "https://integrations.example/cw/tickets", ["objectId"] = 1, ["type"] = "ticket", ["level"] = "owner", ["memberId"] = 1, ["inactiveFlag"] = false });
        // Report is {name} (2025.1); each standard report's columns and rows: Http/StandardReports (Fidelity.StandardReportsAsListed)
        int rp = 0;
        foreach (var report in Http.StandardReports.All)
            Rec(t, "system/reports", new JObject { ["id"] = ++rp, ["name"] = report.Name }, stamp: false);

        Lookup(t, "finance/billingCycles", (i, n) => new JObject { ["identifier"] = n.Substring(0, 3).ToUpperInvariant(), ["name"] = n, ["billingOptions"] = n, ["defaultFlag"] = i == 1 },
            "Monthly", "Quarterly", "Yearly", "Weekly");
        Lookup(t, "finance/billingStatuses", (i, n) => new JObject { ["name"] = n, ["defaultFlag"] = i == 1, ["inactiveFlag"] = false, ["closedFlag"] = n == "Billed", ["sentFlag"] = n == "Billed", ["sortOrder"] = i },
            "Ready to Bill", "Billed", "Hold");
        Lookup(t, "finance/taxCodes", (i, n) => new JObject { ["identifier"] = n.Substring(0, Math.Min(8, n.Length)).ToUpperInvariant(), ["description"] = n, ["invoiceCaption"] = n, ["effectiveDate"] = "2020-01-01T00:00:00Z", ["defaultFlag"] = i == 1 },
            "Taxable", "NonTax");
        Lookup(t, "finance/billingTerms", (i, n) => new JObject { ["name"] = n, ["dueDays"] = n == "Net 30" ? 30 : n == "Net 15" ? 15 : 0, ["defaultFlag"] = i == 1 }, "Net 30", "Net 15", "Due on Receipt");
        Lookup(t, "procurement/categories", NameDefaultInactive, "Hardware", "Software", "Services");
        Lookup(t, "expense/types", (i, n) => new JObject { ["name"] = n, ["amountCaption"] = n == "Mileage" ? "Miles" : "Amount", ["billExpenses"] = "Billable", ["invoiceMarkupOption"] = n == "Mileage" ? "Mile" : "Percent", ["mileageFlag"] = n == "Mileage", ["defaultFlag"] = i == 1, ["inactiveFlag"] = false },
            "Mileage", "Meals", "Lodging");
        var agTypes = new[] { "Managed Services", "Block Time", "Software Subscription" };
        for (int i = 0; i < 3; i++)
        {
            Rec(t, "finance/agreements", new JObject
            {
                ["id"] = i + 1, ["name"] = $"{agTypes[i]} - {Co(i + 2)["name"]}", ["type"] = R(i + 1, agTypes[i]), ["company"] = Co(i + 2), ["contact"] = R(i + 1, (string)t.Collection("company/contacts").Get(i + 1)["firstName"]),
                ["agreementStatus"] = "Active", ["startDate"] = "2025-01-01T00:00:00Z", ["noEndingDateFlag"] = true, ["billingCycle"] = R(1, "Monthly"),
                ["billAmount"] = 1500m + i * 250m, ["cancelledFlag"] = false,
            });
        }
        var catalog = new[] { ("M365-BP", "Microsoft 365 Business Premium", 22.00m, 18.70m), ("AV-EDR", "Endpoint Detection and Response", 6.50m, 3.10m), ("BKP-SRV", "Server Backup", 45.00m, 20.00m) };
        for (int i = 0; i < catalog.Length; i++)
        {
            var (ident, desc, price, cost) = catalog[i];
            Rec(t, "procurement/catalog", new JObject { ["id"] = i + 1, ["identifier"] = ident, ["description"] = desc, ["customerDescription"] = desc, ["category"] = R(2, "Software"), ["subcategory"] = R(1, "Licensing"), ["type"] = R(1, "Subscription"), ["price"] = price, ["cost"] = cost, ["inactiveFlag"] = false, ["unitOfMeasure"] = R(1, "Each") });
            Rec(t, "procurement/products", new JObject { ["id"] = i + 1, ["catalogItem"] = new JObject { ["id"] = i + 1, ["identifier"] = ident }, ["description"] = desc, ["quantity"] = 10 + i, ["price"] = price, ["cost"] = cost, ["billableOption"] = "Billable", ["agreement"] = new JObject { ["id"] = 1, ["name"] = t.Collection("finance/agreements").Get(1)["name"] } });
            Rec(t, "finance/agreements/1/additions", new JObject { ["id"] = i + 1, ["product"] = new JObject { ["id"] = i + 1, ["identifier"] = ident }, ["quantity"] = 10 + i, ["unitPrice"] = price, ["unitCost"] = cost, ["billCustomer"] = "Billable", ["agreementId"] = 1, ["effectiveDate"] = "2025-01-01T00:00:00Z", ["cancelledDate"] = null });
        }
        for (int i = 0; i < 3; i++)
            Rec(t, "finance/invoices", new JObject { ["id"] = i + 1, ["invoiceNumber"] = $"INV{10001 + i}", ["type"] = "Agreement", ["status"] = R(1, "Sent"), ["company"] = Co(i + 2), ["date"] = $"2025-0{i + 1}-01T00:00:00Z", ["dueDate"] = $"2025-0{i + 1}-28T00:00:00Z", ["total"] = 1500m + i * 250m, ["balance"] = i == 0 ? 0m : 1500m + i * 250m, ["agreement"] = new JObject { ["id"] = i + 1, ["name"] = t.Collection("finance/agreements").Get(i + 1)["name"] } });

        var priorityColors = new[] { "Red", "Orange", "Blue", "Green" };
        var priorityLevels = new[] { "Critical", "High", "Medium", "Low" };
        Lookup(t, "service/priorities", (i, n) => new JObject { ["name"] = n, ["color"] = priorityColors[i - 1], ["level"] = priorityLevels[i - 1], ["sortOrder"] = i, ["defaultFlag"] = i == 3 },
            "Priority 1 - Emergency Response", "Priority 2 - Quick Response", "Priority 3 - Normal Response", "Priority 4 - Schedule Maintenance");
        Lookup(t, "service/impacts", (i, n) => new JObject { ["name"] = n, ["description"] = n + " impact", ["defaultFlag"] = n == "Medium" }, "Low", "Medium", "High");
        Lookup(t, "service/severities", (i, n) => new JObject { ["name"] = n, ["description"] = n + " severity", ["defaultFlag"] = n == "Medium" }, "Low", "Medium", "High");
        Lookup(t, "service/sources", NameDefault, "Email", "Phone", "Portal", "Walk In");
        Lookup(t, "service/locations", (i, n) => new JObject { ["name"] = n, ["where"] = n.Replace("-", "").Replace(" ", ""), ["defaultFlag"] = i == 1 }, "On-Site", "Remote", "In-House");
        Many(t, "service/boards",
            new JObject { ["id"] = 1, ["name"] = "Help Desk", ["location"] = R(1, "Main Office"), ["department"] = new JObject { ["id"] = 1, ["identifier"] = "Services", ["name"] = "Services" }, ["inactiveFlag"] = false, ["projectFlag"] = false },
            new JObject { ["id"] = 2, ["name"] = "Projects", ["location"] = R(1, "Main Office"), ["department"] = new JObject { ["id"] = 1, ["identifier"] = "Services", ["name"] = "Services" }, ["inactiveFlag"] = false, ["projectFlag"] = true });
        foreach (var b in new[] { 1, 2 })
        {
            var board = R(b, b == 1 ? "Help Desk" : "Projects");
            Lookup(t, $"service/boards/{b}/types", (i, n) => new JObject { ["name"] = n, ["category"] = "Reactive", ["defaultFlag"] = i == 1, ["inactiveFlag"] = false, ["board"] = board.DeepClone() }, "Incident", "Service Request", "Problem");
            Lookup(t, $"service/boards/{b}/subtypes", (i, n) => new JObject { ["name"] = n, ["inactiveFlag"] = false, ["board"] = board.DeepClone() }, "Hardware", "Software", "Network");
            Lookup(t, $"service/boards/{b}/items", (i, n) => new JObject { ["name"] = n, ["inactiveFlag"] = false, ["board"] = board.DeepClone() }, "Laptop", "Email", "VPN");
            Lookup(t, $"service/boards/{b}/statuses", (i, n) => new JObject { ["name"] = n, ["board"] = board.DeepClone(), ["sortOrder"] = i, ["defaultFlag"] = i == 1, ["inactive"] = false, ["displayOnBoard"] = true, ["closedStatus"] = n is "Completed" or "Closed" },
                "New", "In Progress", "Waiting Customer", "Completed", "Closed");
        }
        var tickets = new[] { ("Outlook keeps asking for password", 2, jsmith), ("Firewall firmware update", 3, adoe), ("New starter laptop", 4, jsmith) };
        for (int i = 0; i < tickets.Length; i++)
        {
            var (summary, co, owner) = tickets[i];
            var id = i + 1;
            Rec(t, "service/tickets", new JObject
            {
                ["id"] = id, ["summary"] = summary, ["recordType"] = "ServiceTicket", ["board"] = R(1, "Help Desk"), ["status"] = R(i == 1 ? 2 : 1, i == 1 ? "In Progress" : "New"),
                ["company"] = Co(co), ["priority"] = R(3, "Priority 3 - Normal Response"), ["type"] = R(1, "Incident"), ["source"] = R(1, "Email"),
                ["owner"] = owner.DeepClone(), ["closedFlag"] = false, ["severity"] = "Medium", ["impact"] = "Medium",
            });
            var note = new JObject { ["id"] = id, ["ticketId"] = id, ["text"] = $"Initial description of: {summary}", ["detailDescriptionFlag"] = true, ["internalAnalysisFlag"] = false, ["resolutionFlag"] = false, ["member"] = owner.DeepClone(), ["dateCreated"] = "2025-03-01T10:00:00Z" };
            Rec(t, $"service/tickets/{id}/notes", note);
            Rec(t, $"service/tickets/{id}/allNotes", new JObject { ["id"] = id, ["ticket"] = new JObject { ["id"] = id, ["summary"] = summary }, ["noteType"] = "TicketNote", ["text"] = note["text"], ["detailDescriptionFlag"] = true, ["internalAnalysisFlag"] = false, ["resolutionFlag"] = false, ["member"] = owner.DeepClone(), ["timeStart"] = "2025-03-01T10:00:00Z" });
            var te = new JObject { ["id"] = id, ["company"] = Co(co), ["chargeToId"] = id, ["chargeToType"] = "ServiceTicket", ["member"] = owner.DeepClone(), ["timeStart"] = "2025-03-01T14:00:00Z", ["timeEnd"] = "2025-03-01T15:00:00Z", ["actualHours"] = 1.0m, ["notes"] = "Worked on " + summary, ["workType"] = R(1, "Remote Support"), ["workRole"] = R(1, "Technician"), ["billableOption"] = "Billable" };
            Rec(t, "time/entries", te);
            Rec(t, $"service/tickets/{id}/timeentries", (JObject)te.DeepClone());
            Rec(t, "schedule/entries", new JObject { ["id"] = id, ["objectId"] = id, ["name"] = summary, ["member"] = owner.DeepClone(), ["type"] = new JObject { ["id"] = 4, ["identifier"] = "S" }, ["status"] = R(1, "Firm"), ["dateStart"] = "2025-03-03T14:00:00Z", ["dateEnd"] = "2025-03-03T15:00:00Z", ["doneFlag"] = false });
        }
        Lookup(t, "time/workTypes", (i, n) => new JObject { ["name"] = n, ["billTime"] = n == "Admin" ? "DoNotBill" : "Billable", ["rate"] = 1.0m, ["rateType"] = "Multiplier", ["inactiveFlag"] = false, ["overallDefaultFlag"] = i == 1 },
            "Remote Support", "Onsite Support", "Project Work", "Admin");
        Lookup(t, "time/workRoles", (i, n) => new JObject { ["name"] = n, ["hourlyRate"] = 95m + 25m * i, ["inactiveFlag"] = false }, "Technician", "Engineer", "Project Manager");
        Lookup(t, "schedule/statuses", (i, n) => new JObject { ["name"] = n, ["defaultFlag"] = i == 1, ["showAsTentativeFlag"] = n == "Tentative" }, "Firm", "Tentative", "Done");
        Many(t, "sales/opportunities",
            new JObject { ["id"] = 1, ["name"] = "Contoso managed services renewal", ["company"] = Co(2), ["contact"] = R(1, "Dana Lopez"), ["status"] = R(1, "Open"), ["stage"] = R(2, "Proposal"), ["probability"] = R(7, "70"), ["expectedCloseDate"] = "2025-06-30T00:00:00Z", ["primarySalesRep"] = adoe.DeepClone() },
            new JObject { ["id"] = 2, ["name"] = "Northwind backup project", ["company"] = Co(4), ["contact"] = R(4, "Glen Novak"), ["status"] = R(1, "Open"), ["stage"] = R(1, "Qualification"), ["probability"] = R(3, "30"), ["expectedCloseDate"] = "2025-09-30T00:00:00Z", ["primarySalesRep"] = adoe.DeepClone() });
        Many(t, "sales/activities",
            new JObject { ["id"] = 1, ["name"] = "Follow up on renewal", ["company"] = Co(2), ["type"] = R(1, "Call"), ["status"] = R(1, "Open"), ["assignTo"] = adoe.DeepClone(), ["dateStart"] = "2025-03-04T15:00:00Z" });
        Many(t, "sales/orders",
            new JObject { ["id"] = 1, ["company"] = Co(2), ["orderDate"] = "2025-02-10T00:00:00Z", ["status"] = R(1, "New"), ["salesRep"] = adoe.DeepClone(), ["total"] = 2200m, ["opportunity"] = R(1, "Contoso managed services renewal") });
        Many(t, "project/tickets",
            new JObject { ["id"] = 101, ["summary"] = "Install backup agents", ["project"] = R(1, "Northwind backup project"), ["phase"] = R(1, "Deployment"), ["board"] = R(2, "Projects"), ["status"] = R(1, "New"), ["company"] = Co(4), ["closedFlag"] = false },
            new JObject { ["id"] = 102, ["summary"] = "Verify first restore", ["project"] = R(1, "Northwind backup project"), ["phase"] = R(2, "Acceptance"), ["board"] = R(2, "Projects"), ["status"] = R(1, "New"), ["company"] = Co(4), ["closedFlag"] = false });
        Many(t, "expense/entries",
            new JObject { ["id"] = 1, ["member"] = jsmith.DeepClone(), ["company"] = Co(2), ["type"] = R(1, "Mileage"), ["amount"] = 42.50m, ["date"] = "2025-03-01T00:00:00Z", ["chargeToType"] = "ServiceTicket", ["chargeToId"] = 1, ["billableOption"] = "Billable" },
            new JObject { ["id"] = 2, ["member"] = adoe.DeepClone(), ["company"] = Co(3), ["type"] = R(2, "Meals"), ["amount"] = 18.00m, ["date"] = "2025-03-02T00:00:00Z", ["chargeToType"] = "ServiceTicket", ["chargeToId"] = 2, ["billableOption"] = "DoNotBill" });
    }
}
