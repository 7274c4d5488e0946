using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Simulator.Http;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class SpecFixture : SimFixture
{
    protected override SimulatorOptions Options => new() { Seed = 4242, TenantCount = 1 };
}

/// <summary>
/// The simulator against ConnectWise's published facts (Data/cw-spec-subset.json, copied from the shared spec facts): every route it serves
/// is a method ConnectWise has (2026.4 catalogue; /count and /info paths: the 2022.1 spec), every answer has the 2025.1 model's field
/// names, JSON types, enum values and lengths, writes demand the model's required fields and lengths, and a method ConnectWise has that the
/// simulator does not emulate answers 501 (405 only where ConnectWise has no such method).
/// </summary>
public class SpecConformanceTests : IClassFixture<SpecFixture>
{
    private static readonly JObject Spec = JObject.Parse(File.ReadAllText(TestPaths.InRepository("tests", "ConnectWiseSetup.Tests", "Simulator", "Data", "cw-spec-subset.json")));
    private static readonly JObject Models = (JObject)Spec["models2025"];

    /// <summary>Served beyond the catalogue, on evidence written in Fidelity/SampleRoutes (the MSP Process guide lists it).</summary>
    private static readonly HashSet<string> ServedBeyondCatalogue = new(StringComparer.OrdinalIgnoreCase) { "POST service/ticketNote/{}/markAs" };

    private static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

    private readonly SimulatorServer _s;
    private readonly TenantInfo _t;
    public SpecConformanceTests(SpecFixture f) { _s = f.Server; _t = f.Server.Tenants[0]; }

    /// <summary>A path with every parameter segment as {} (segment-wise: the catalogue has a few odd parameter spellings).</summary>
    private static string Shape(string path) =>
        string.Join('/', path.Trim('/').Split('/').Select(seg => seg.StartsWith('{') ? "{}" : seg.ToLowerInvariant()));

    /// <summary>The catalogue by path shape (a trailing slash or another parameter name is the same path: their methods are merged).</summary>
    private static IEnumerable<(string Shape, string[] Methods)> Catalogue() =>
        ((JObject)Spec["paths2026"]).Properties().GroupBy(p => Shape(p.Name))
            .Select(g => (g.Key, g.SelectMany(p => p.Value.Values<string>()).Distinct().ToArray()));

    private static bool CatalogueHas(string method, string template)
    {
        var shape = Shape(template);
        if (Catalogue().Any(c => c.Shape == shape && c.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))) return true;
        if (shape.EndsWith("/count") || shape.Contains("/info"))
            return ((JObject)Spec["responses2022CountAndInfo"]).Properties().Any(p => Shape(p.Name) == shape && ((JObject)p.Value).ContainsKey(method));
        return false;
    }

    private IReadOnlyList<Route> Routes => _s.Router.Routes;

    [Fact]
    public void Every_route_the_simulator_serves_is_a_method_ConnectWise_has()
    {
        Assert.True(Routes.Count > 150, "the route table looks empty: " + Routes.Count);
        var outside = Routes.Where(r => !CatalogueHas(r.Method, r.Template) && !ServedBeyondCatalogue.Contains(r.Method + " " + Shape(r.Template)))
            .Select(r => r.Method + " " + r.Template).ToList();
        Assert.True(outside.Count == 0, "served but not in ConnectWise's catalogue: " + string.Join("; ", outside));
    }

    [Fact]
    public void A_method_ConnectWise_has_but_the_simulator_does_not_emulate_is_501_and_405_only_where_ConnectWise_has_no_such_method()
    {
        int checked501 = 0, checked405 = 0;
        var wrong = new List<string>();
        foreach (var (shape, catalogueMethods) in Catalogue())
        {
            var path = "/" + shape.Replace("{}", "1");
            foreach (var method in Methods)
            {
                var match = _s.Router.Match(method, path);
                if (match.Route != null) continue; // served
                var e = SimulatorServer.NoRoute(method, path, match);
                var expected = catalogueMethods.Contains(method, StringComparer.OrdinalIgnoreCase) ? 501 : 405;
                if (e.Status != expected) wrong.Add($"{method} {path}: {e.Status}, expected {expected}");
                if (expected == 501) checked501++; else checked405++;
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(40)));
        Assert.True(checked501 > 1000 && checked405 > 1000, $"{checked501} / {checked405}");
    }

    [Theory]
    [InlineData("POST", "system/members", 501)]
    [InlineData("PATCH", "system/members/1", 501)]
    [InlineData("DELETE", "service/tickets/1", 501)]
    [InlineData("DELETE", "company/contacts/1", 501)]
    [InlineData("GET", "finance/currencies", 501)]
    [InlineData("PUT", "system/securityroles/1", 405)]
    [InlineData("PATCH", "system/securityroles/1", 405)]
    [InlineData("DELETE", "system/apiMembers/1", 405)]
    [InlineData("POST", "system/info", 405)]
    [InlineData("POST", "company/companies/count", 405)]
    [InlineData("GET", "no/such/thing", 404)]
    [InlineData("GET", "company/companies/abc", 404)]
    public async Task Over_http_the_status_and_body_say_which_case_it_is(string method, string path, int status)
    {
        using var c = Sim.Client(_s, _t);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT") request.Content = Sim.Json(new { name = "x" });
        if (method == "PATCH") request.Content = Sim.Json("""[{"op":"replace","path":"name","value":"x"}]""");
        var r = await c.SendAsync(request);
        var body = await Sim.AssertError(r, (HttpStatusCode)status);
        if (status == 501)
        {
            Assert.Equal("NotImplemented", (string)body["code"]);
            Assert.Contains("does not emulate " + method, (string)body["message"]);
        }
        if (status == 405) Assert.NotEmpty(r.Content.Headers.Allow);
        if (status == 405) Assert.DoesNotContain(method, r.Content.Headers.Allow);
    }

    // ------------------------------------------------------------------ answers against the models

    /// <summary>A concrete URL for a GET route: {parentId} and {id} from records that exist, {reportName} from the report list.</summary>
    private async Task<string> UrlFor(HttpClient c, string template)
    {
        var segs = template.Split('/');
        var built = new List<string>();
        for (int i = 0; i < segs.Length; i++)
        {
            var seg = segs[i];
            if (!seg.StartsWith('{')) { built.Add(seg); continue; }
            var list = string.Join('/', built);
            if (seg.StartsWith("{reportName")) { built.Add((string)(await Sim.GetArray(c, list))[0]["name"]); continue; }
            var rows = await Sim.GetArray(c, list + "?pageSize=1");
            if (rows.Count == 0) return null;
            built.Add(((int)rows[0]["id"]).ToString(CultureInfo.InvariantCulture));
        }
        return string.Join('/', built);
    }

    private static JObject Operation(string method, string template)
    {
        var shape = Shape(template);
        return Spec["operations2025"].Cast<JObject>().FirstOrDefault(o => (string)o["method"] == method && Shape((string)o["path"]) == shape);
    }

    [Fact]
    public async Task Every_answer_has_the_2025_1_models_field_names_types_enums_and_lengths()
    {
        using var c = Sim.Client(_s, _t);
        var problems = new List<string>();
        int answers = 0, records = 0;
        foreach (var route in Routes.Where(r => r.Method == "GET"))
        {
            var url = await UrlFor(c, route.Template);
            Assert.True(url != null, "no record to fill " + route.Template);
            var r = await c.GetAsync(url + (url.Contains('?') ? "&" : "?") + (route.Template.Contains('{') || route.Template.EndsWith("/count") ? "" : "pageSize=5"));
            Assert.True(r.IsSuccessStatusCode, $"{url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            var body = Parse(await r.Content.ReadAsStringAsync());
            answers++;
            if (route.Template.EndsWith("/count"))
            {
                Assert.True(body is JObject o && o.Count == 1 && o["count"]?.Type == JTokenType.Integer, url + ": " + body);
                continue;
            }
            var returns = (string)Operation("GET", route.Template)?["returns"];
            Assert.True(returns != null, "no 2025.1 operation for GET " + route.Template);
            var m = Regex.Match(returns, "^Array<(.+)>$");
            if (m.Success)
            {
                Assert.True(body is JArray, url + " should answer an array: " + body.Type);
                Assert.True(((JArray)body).Count > 0, url + " answers no records: seed some so the shape is checked");
                foreach (var rec in (JArray)body) { CheckValue(url, m.Groups[1].Value, rec, problems, 0); records++; }
            }
            else { CheckValue(url, returns, body, problems, 0); records++; }
        }
        Assert.True(problems.Count == 0, $"{problems.Count} differences from the 2025.1 models:\n" + string.Join("\n", problems.Distinct().Take(60)));
        Assert.True(answers > 60 && records > 150, $"{answers} answers, {records} records");
    }

    /// <summary>JSON as sent: dates stay strings (JToken.Parse would turn them into Date tokens).</summary>
    private static JToken Parse(string text)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private static void CheckValue(string where, string type, JToken v, List<string> problems, int depth)
    {
        if (v == null || v.Type == JTokenType.Null) return; // nullability is not checked: the spec's flags are incomplete
        switch (type)
        {
            case "String":
                if (v.Type != JTokenType.String) problems.Add($"{where}: a string was expected, not {v.Type} ({v})");
                return;
            case "Time":
                if (v.Type != JTokenType.String || !DateTimeOffset.TryParse((string)v, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    problems.Add($"{where}: a date-time string was expected, not {v.Type} ({v})");
                return;
            case "Integer":
                if (v.Type != JTokenType.Integer) problems.Add($"{where}: an integer was expected, not {v.Type} ({v})");
                return;
            case "Float":
                if (v.Type is not (JTokenType.Integer or JTokenType.Float)) problems.Add($"{where}: a number was expected, not {v.Type} ({v})");
                return;
            case "Boolean":
                if (v.Type != JTokenType.Boolean) problems.Add($"{where}: true or false was expected, not {v.Type} ({v})");
                return;
            case "Object":
                return;
        }
        var array = Regex.Match(type, "^Array<(.+)>$");
        if (array.Success)
        {
            if (v is not JArray a) { problems.Add($"{where}: an array was expected, not {v.Type}"); return; }
            foreach (var e in a) CheckValue(where + "[]", array.Groups[1].Value, e, problems, depth);
            return;
        }
        var hash = Regex.Match(type, "^Hash<String, (.+)>$");
        if (hash.Success)
        {
            if (v is not JObject h) { problems.Add($"{where}: an object was expected, not {v.Type}"); return; }
            foreach (var p in h.Properties()) CheckValue(where + "." + p.Name, hash.Groups[1].Value, p.Value, problems, depth);
            return;
        }
        if (Models[type] is not JObject model)
        {
            if (v is not JObject) problems.Add($"{where}: an object ({type}) was expected, not {v.Type}");
            return;
        }
        if (v is not JObject o) { problems.Add($"{where}: an object ({type}) was expected, not {v.Type}"); return; }
        foreach (var p in o.Properties())
        {
            if (model.Property(p.Name) is not { Value: JObject field }) { problems.Add($"{where}: '{p.Name}' is not a field of {type}"); continue; }
            var at = where + "." + p.Name;
            if (depth < 2) CheckValue(at, (string)field["type"], p.Value, problems, depth + 1);
            if (p.Value.Type == JTokenType.String)
            {
                var s = (string)p.Value;
                if (field["enum"] is JArray values && !values.Values<string>().Contains(s)) problems.Add($"{at}: '{s}' is not one of {string.Join("|", values.Values<string>())}");
                if (field["maxLength"] is JToken max && s.Length > (int)max) problems.Add($"{at}: {s.Length} characters, more than {(int)max}");
            }
        }
    }

    // ------------------------------------------------------------------ writes

    [Fact]
    public async Task A_write_without_the_models_required_fields_names_each_one_MissingRequiredField()
    {
        using var c = Sim.Client(_s, _t);
        var checkedRoutes = new List<string>();
        foreach (var route in Routes.Where(r => r.Method == "POST"))
        {
            var body = (string)Operation("POST", route.Template)?["body"];
            if (body == null || Models[body] is not JObject model) continue;
            var required = model.Properties().Where(p => (bool?)p.Value["required"] == true).Select(p => p.Name).ToList();
            if (required.Count == 0) continue;
            var url = await UrlFor(c, route.Template);
            var r = await c.PostAsync(url, Sim.Json(new { }));
            var error = await Sim.AssertError(r, HttpStatusCode.BadRequest, "InvalidObject");
            var named = ((JArray)error["errors"]).Where(e => (string)e["code"] == "MissingRequiredField").Select(e => (string)e["field"]).ToList();
            foreach (var field in required)
                Assert.True(named.Contains(field), $"POST {url} without {field}: errors name {string.Join(", ", named)}");
            Assert.All(((JArray)error["errors"]).Where(e => (string)e["code"] == "MissingRequiredField"),
                e => Assert.Matches("^The .+ field is required\\.$", (string)e["message"]));
            checkedRoutes.Add(route.Template);
        }
        Assert.True(checkedRoutes.Count >= 15, string.Join(", ", checkedRoutes));
    }

    [Fact]
    public async Task A_string_over_the_models_maximum_length_is_MaxLengthField_with_its_message()
    {
        using var c = Sim.Client(_s, _t);
        int fields = 0;
        foreach (var route in Routes.Where(r => r.Method == "POST"))
        {
            var bodyModel = (string)Operation("POST", route.Template)?["body"];
            if (bodyModel == null || Models[bodyModel] is not JObject model) continue;
            var limited = model.Properties().Where(p => (string)p.Value["type"] == "String" && p.Value["maxLength"] != null && p.Value["enum"] == null).ToList();
            if (limited.Count == 0) continue;
            var body = new JObject();
            foreach (var p in limited) body[p.Name] = new string('x', (int)p.Value["maxLength"] + 1);
            var url = await UrlFor(c, route.Template);
            var error = await Sim.AssertError(await c.PostAsync(url, Sim.Json(body)), HttpStatusCode.BadRequest, "InvalidObject");
            foreach (var p in limited)
            {
                var e = ((JArray)error["errors"]).FirstOrDefault(x => (string)x["field"] == p.Name && (string)x["code"] == "MaxLengthField");
                Assert.True(e != null, $"POST {url} with a {p.Name} of {(int)p.Value["maxLength"] + 1} characters: {error}");
                Assert.Equal($"The field {p.Name} must be a string with a maximum length of {(int)p.Value["maxLength"]}.", (string)e["message"]);
                fields++;
            }
        }
        Assert.True(fields > 40, fields.ToString(CultureInfo.InvariantCulture));
    }
}
