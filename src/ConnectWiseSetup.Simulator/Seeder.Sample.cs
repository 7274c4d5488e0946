using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator;

internal static partial class Seeder
{
    private static JObject R(int id, string name) => new() { ["id"] = id, ["name"] = name };

    private static void Many(TenantState t, string collection, params JObject[] records)
    {
        foreach (var r in records) Rec(t, collection, r);
    }

    private static void Named(TenantState t, string collection, params string[] names)
    {
        int i = 0;
        foreach (var n in names) Rec(t, collection, new JObject { ["id"] = ++i, ["name"] = n, ["defaultFlag"] = i == 1, ["inactiveFlag"] = false });
    }

    /// <summary>A little realistic data behind every vendor endpoint, so a probe gets a real 200 with records.</summary>
    private static void SeedSampleData(TenantState t)
    {
        JObject Co(int id) { var c = t.Collection("company/companies").Get(id); return new JObject { ["id"] = id, ["identifier"] = c["identifier"], ["name"] = c["name"] }; }
        JObject Mem(int id, string ident, string name) => new() { ["id"] = id, ["identifier"] = ident, ["name"] = name };
        var jsmith = Mem(1, "jsmith", "John Smith");
        var adoe = Mem(2, "adoe", "Alice Doe");

        Named(t, "company/companies/statuses", "Active", "Inactive", "Not Approved", "Credit Hold");
        Named(t, "company/companies/types", "Owner", "Customer", "Prospect", "Vendor", "Partner", "Suspect", "Competition");
        Named(t, "company/configurations/statuses", "Active", "Inactive", "Retired");
        Named(t, "company/configurations/types", "Workstation", "Server", "Firewall", "Printer", "Managed Network Device");
        int ci = 0;
        foreach (var (d, phone, email) in new[] { ("Direct", true, false), ("Email", false, true), ("Cell", true, false), ("Fax", true, false) })
            Rec(t, "company/communicationTypes", new JObject { ["id"] = ++ci, ["description"] = d, ["phoneFlag"] = phone, ["emailFlag"] = email, ["faxFlag"] = d == "Fax", ["defaultFlag"] = ci <= 2 });
        int nt = 0;
        foreach (var n in new[] { "General", "Technical", "Billing" })
            Rec(t, "company/noteTypes", new JObject { ["id"] = ++nt, ["identifier"] = n.ToUpperInvariant(), ["name"] = n, ["defaultFlag"] = nt == 1 });

        Many(t, "system/members",
            new JObject { ["id"] = 1, ["identifier"] = "jsmith", ["firstName"] = "John", ["lastName"] = "Smith", ["officeEmail"] = "jsmith@simulated-msp.example", ["licenseClass"] = "F", ["inactiveFlag"] = false, ["securityRole"] = R(2, "Technician"), ["defaultLocation"] = R(1, "Main Office"), ["defaultDepartment"] = R(1, "Services") },
            new JObject { ["id"] = 2, ["identifier"] = "adoe", ["firstName"] = "Alice", ["lastName"] = "Doe", ["officeEmail"] = "adoe@simulated-msp.example", ["licenseClass"] = "F", ["inactiveFlag"] = false, ["securityRole"] = R(1, "Admin"), ["defaultLocation"] = R(1, "Main Office"), ["defaultDepartment"] = R(1, "Services") });

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
                ["communicationItems"] = new JArray(new JObject { ["id"] = 1, ["type"] = R(2, "Email"), ["value"] = $"{f.ToLowerInvariant()}.{l.ToLowerInvariant()}@customer.example", ["defaultFlag"] = true, ["communicationType"] = "Email" }),
            });
            Rec(t, $"company/contacts/{i + 1}/notes", new JObject { ["id"] = i + 1, ["contactId"] = i + 1, ["text"] = $"Prefers e-mail. Met {f} at onboarding.", ["type"] = R(1, "General"), ["flagged"] = false });
        }

        Many(t, "system/audittrail",
            new JObject { ["id"] = 1, ["text"] = "Ticket status changed from New to In Progress", ["enteredDate"] = "2025-03-01T14:02:00Z", ["enteredBy"] = "jsmith", ["auditType"] = "Ticket", ["auditSubType"] = "Status", ["auditSource"] = "Web" },
            new JObject { ["id"] = 2, ["text"] = "Company address updated", ["enteredDate"] = "2025-03-02T09:15:00Z", ["enteredBy"] = "adoe", ["auditType"] = "Company", ["auditSubType"] = "Address", ["auditSource"] = "Web" });
        Rec(t, "system/callbacks", new JObject { ["id"] = 1, ["description"] = "Ticket updates", ["url"] = "https://integrations.example/cw/tickets", ["objectId"] = 1, ["type"] = "ticket", ["level"] = "owner", ["memberId"] = 1, ["inactiveFlag"] = false });
        int rp = 0;
        foreach (var n in new[] { "Invoice", "Agreement", "Ticket", "TimeEntry" }) Rec(t, "system/reports", new JObject { ["id"] = ++rp, ["name"] = n });

        Named(t, "finance/billingCycles", "Monthly", "Quarterly", "Annual", "Weekly");
        Named(t, "finance/billingStatuses", "Ready to Bill", "Billed", "Hold");
        Named(t, "finance/taxCodes", "Taxable", "Non-Taxable");
        Named(t, "finance/billingTerms", "Net 30", "Net 15", "Due on Receipt");
        Named(t, "procurement/categories", "Hardware", "Software", "Services");
        Named(t, "expense/types", "Mileage", "Meals", "Lodging");
        var agTypes = new[] { "Managed Services", "Block Time", "Software Subscription" };
        for (int i = 0; i < 3; i++)
        {
            Rec(t, "finance/agreements", new JObject
            {
                ["id"] = i + 1, ["name"] = $"{agTypes[i]} - {Co(i + 2)["name"]}", ["type"] = R(i + 1, agTypes[i]), ["company"] = Co(i + 2),
                ["agreementStatus"] = "Active", ["startDate"] = "2025-01-01T00:00:00Z", ["noEndingDateFlag"] = true, ["billingCycle"] = R(1, "Monthly"),
                ["billAmount"] = 1500m + i * 250m, ["cancelledFlag"] = false,
            });
        }
        var catalog = new[] { ("M365-BP", "Microsoft 365 Business Premium", 22.00m, 18.70m), ("AV-EDR", "Endpoint Detection and Response", 6.50m, 3.10m), ("BKP-SRV", "Server Backup", 45.00m, 20.00m) };
        for (int i = 0; i < catalog.Length; i++)
        {
            var (ident, desc, price, cost) = catalog[i];
            Rec(t, "procurement/catalog", new JObject { ["id"] = i + 1, ["identifier"] = ident, ["description"] = desc, ["category"] = R(1, "Software"), ["subcategory"] = R(1, "Licensing"), ["price"] = price, ["cost"] = cost, ["inactiveFlag"] = false, ["unitOfMeasure"] = R(1, "Each") });
            Rec(t, "procurement/products", new JObject { ["id"] = i + 1, ["catalogItem"] = new JObject { ["id"] = i + 1, ["identifier"] = ident }, ["description"] = desc, ["quantity"] = 10 + i, ["price"] = price, ["cost"] = cost, ["agreement"] = new JObject { ["id"] = 1, ["name"] = t.Collection("finance/agreements").Get(1)["name"] } });
            Rec(t, "finance/agreements/1/additions", new JObject { ["id"] = i + 1, ["product"] = new JObject { ["id"] = i + 1, ["identifier"] = ident }, ["quantity"] = 10 + i, ["unitPrice"] = price, ["unitCost"] = cost, ["billCustomer"] = "Billable", ["agreementId"] = 1, ["effectiveDate"] = "2025-01-01T00:00:00Z", ["cancelledDate"] = null });
        }
        for (int i = 0; i < 3; i++)
            Rec(t, "finance/invoices", new JObject { ["id"] = i + 1, ["invoiceNumber"] = $"INV{10001 + i}", ["type"] = "Agreement", ["status"] = R(1, "Sent"), ["company"] = Co(i + 2), ["date"] = $"2025-0{i + 1}-01T00:00:00Z", ["dueDate"] = $"2025-0{i + 1}-31T00:00:00Z", ["total"] = 1500m + i * 250m, ["balance"] = i == 0 ? 0m : 1500m + i * 250m, ["agreement"] = R(i + 1, (string)t.Collection("finance/agreements").Get(i + 1)["name"]) });

        Named(t, "service/priorities", "Priority 1 - Emergency Response", "Priority 2 - Quick Response", "Priority 3 - Normal Response", "Priority 4 - Schedule Maintenance");
        Named(t, "service/impacts", "Low", "Medium", "High");
        Named(t, "service/severities", "Low", "Medium", "High");
        Named(t, "service/sources", "Email", "Phone", "Portal", "Walk In");
        Named(t, "service/locations", "On-Site", "Remote", "In-House");
        Many(t, "service/boards",
            new JObject { ["id"] = 1, ["name"] = "Help Desk", ["location"] = R(1, "Main Office"), ["department"] = R(1, "Services"), ["inactiveFlag"] = false },
            new JObject { ["id"] = 2, ["name"] = "Projects", ["location"] = R(1, "Main Office"), ["department"] = R(1, "Services"), ["inactiveFlag"] = false });
        foreach (var b in new[] { 1, 2 })
        {
            Named(t, $"service/boards/{b}/types", "Incident", "Service Request", "Problem");
            Named(t, $"service/boards/{b}/subtypes", "Hardware", "Software", "Network");
            Named(t, $"service/boards/{b}/items", "Laptop", "Email", "VPN");
            Named(t, $"service/boards/{b}/statuses", "New", "In Progress", "Waiting Customer", "Completed", "Closed");
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
            Rec(t, $"service/tickets/{id}/allnotes", new JObject { ["id"] = id, ["ticketId"] = id, ["noteType"] = "TicketNote", ["text"] = note["text"], ["isInternalFlag"] = false, ["member"] = owner.DeepClone(), ["dateCreated"] = "2025-03-01T10:00:00Z" });
            var te = new JObject { ["id"] = id, ["company"] = Co(co), ["chargeToId"] = id, ["chargeToType"] = "ServiceTicket", ["member"] = owner.DeepClone(), ["timeStart"] = "2025-03-01T14:00:00Z", ["timeEnd"] = "2025-03-01T15:00:00Z", ["actualHours"] = 1.0m, ["notes"] = "Worked on " + summary, ["workType"] = R(1, "Remote Support"), ["workRole"] = R(1, "Technician"), ["billableOption"] = "Billable" };
            Rec(t, "time/entries", te);
            Rec(t, $"service/tickets/{id}/timeentries", (JObject)te.DeepClone());
            Rec(t, "schedule/entries", new JObject { ["id"] = id, ["objectId"] = id, ["name"] = summary, ["member"] = owner.DeepClone(), ["type"] = new JObject { ["id"] = 4, ["identifier"] = "S" }, ["status"] = R(1, "Firm"), ["dateStart"] = "2025-03-03T14:00:00Z", ["dateEnd"] = "2025-03-03T15:00:00Z", ["doneFlag"] = false });
        }
        Named(t, "time/workTypes", "Remote Support", "Onsite Support", "Project Work", "Admin");
        Named(t, "time/workRoles", "Technician", "Engineer", "Project Manager");
        Named(t, "schedule/statuses", "Firm", "Tentative", "Done");
        Many(t, "sales/opportunities",
            new JObject { ["id"] = 1, ["name"] = "Contoso managed services renewal", ["company"] = Co(2), ["status"] = R(1, "Open"), ["stage"] = R(2, "Proposal"), ["probability"] = R(7, "70"), ["expectedCloseDate"] = "2025-06-30T00:00:00Z", ["primarySalesRep"] = adoe.DeepClone() },
            new JObject { ["id"] = 2, ["name"] = "Northwind backup project", ["company"] = Co(4), ["status"] = R(1, "Open"), ["stage"] = R(1, "Qualification"), ["probability"] = R(3, "30"), ["expectedCloseDate"] = "2025-09-30T00:00:00Z", ["primarySalesRep"] = adoe.DeepClone() });
        Many(t, "sales/activities",
            new JObject { ["id"] = 1, ["name"] = "Follow up on renewal", ["company"] = Co(2), ["type"] = R(1, "Call"), ["status"] = R(1, "Open"), ["assignTo"] = adoe.DeepClone(), ["dateStart"] = "2025-03-04T15:00:00Z" });
        Many(t, "sales/orders",
            new JObject { ["id"] = 1, ["company"] = Co(2), ["orderDate"] = "2025-02-10T00:00:00Z", ["status"] = R(1, "New"), ["total"] = 2200m, ["opportunity"] = R(1, "Contoso managed services renewal") });
        Many(t, "project/tickets",
            new JObject { ["id"] = 101, ["summary"] = "Install backup agents", ["project"] = R(1, "Northwind backup project"), ["phase"] = R(1, "Deployment"), ["board"] = R(2, "Projects"), ["status"] = R(1, "New"), ["company"] = Co(4), ["closedFlag"] = false },
            new JObject { ["id"] = 102, ["summary"] = "Verify first restore", ["project"] = R(1, "Northwind backup project"), ["phase"] = R(2, "Acceptance"), ["board"] = R(2, "Projects"), ["status"] = R(1, "New"), ["company"] = Co(4), ["closedFlag"] = false });
        Many(t, "expense/entries",
            new JObject { ["id"] = 1, ["member"] = jsmith.DeepClone(), ["company"] = Co(2), ["type"] = R(1, "Mileage"), ["amount"] = 42.50m, ["date"] = "2025-03-01T00:00:00Z", ["chargeToType"] = "ServiceTicket", ["chargeToId"] = 1, ["billableOption"] = "Billable" },
            new JObject { ["id"] = 2, ["member"] = adoe.DeepClone(), ["company"] = Co(3), ["type"] = R(2, "Meals"), ["amount"] = 18.00m, ["date"] = "2025-03-02T00:00:00Z", ["chargeToType"] = "ServiceTicket", ["chargeToId"] = 2, ["billableOption"] = "DoNotBill" });
    }
}
