using ConnectWiseSetup.Simulator.Store;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>
/// Checks a write against the 2025.1 model of its resource (embedded Data/models.json): required fields (on create; on PUT and PATCH also
/// those required on updates), maximum lengths, enum values, and references to records the simulator keeps. Answers 400 InvalidObject
/// with one errors[] entry per field (codes and messages: Fidelity's errors section).
/// </summary>
internal static class SpecValidation
{
    private sealed record Field(string Type, bool Required, bool RequiredOnUpdates, int? MaxLength, string[] Enum);

    private static readonly Dictionary<string, Dictionary<string, Field>> Models = Load();

    /// <summary>Reference types whose target the simulator keeps, and where (others are taken as given: not emulated).</summary>
    private static readonly Dictionary<string, string> ReferenceCollections = new(StringComparer.Ordinal)
    {
        ["CompanyReference"] = "company/companies",
        ["ContactReference"] = "company/contacts",
        ["BoardReference"] = "service/boards",
        ["AgreementReference"] = "finance/agreements",
        ["CatalogItemReference"] = "procurement/catalog",
        ["IvItemReference"] = "procurement/catalog",
    };

    private static Dictionary<string, Dictionary<string, Field>> Load()
    {
        var doc = Catalog.ReadEmbedded("models.json");
        var result = new Dictionary<string, Dictionary<string, Field>>(StringComparer.Ordinal);
        foreach (var m in ((JObject)doc["models"]).Properties())
        {
            var fields = new Dictionary<string, Field>(StringComparer.OrdinalIgnoreCase);
            foreach (var f in ((JObject)m.Value).Properties())
            {
                var o = (JObject)f.Value;
                fields[f.Name] = new Field((string)o["type"], (bool?)o["required"] ?? false, (bool?)o["requiredOnUpdates"] ?? false,
                    (int?)o["maxLength"], o["enum"]?.Values<string>().ToArray());
            }
            result[m.Name] = fields;
        }
        return result;
    }

    public static bool Knows(string model) => model != null && Models.ContainsKey(model);

    /// <summary>The maximum length of a string field of a model, or null.</summary>
    public static int? MaxLength(string model, string field) =>
        Models.TryGetValue(model, out var fs) && fs.TryGetValue(field, out var f) ? f.MaxLength : null;

    /// <summary>Throws 400 InvalidObject naming every field that breaks the model; <paramref name="update"/>: a PUT or PATCH.</summary>
    public static void Check(TenantState t, string model, string resource, JObject candidate, bool update)
    {
        var errors = Errors(t, model, resource, candidate, update);
        if (errors.Count > 0) throw CwApiException.Invalid(resource, errors.ToArray());
    }

    public static List<JObject> Errors(TenantState t, string model, string resource, JObject candidate, bool update)
    {
        var errors = new List<JObject>();
        if (!Models.TryGetValue(model, out var fields)) return errors;
        foreach (var (name, f) in fields)
        {
            if (name is "id" or "_info") continue;
            var v = candidate.Property(name, StringComparison.OrdinalIgnoreCase)?.Value;
            bool isReference = f.Type.EndsWith("Reference", StringComparison.Ordinal);
            bool missing = v == null || v.Type == JTokenType.Null || (v.Type == JTokenType.String && string.IsNullOrWhiteSpace((string)v))
                || (isReference && v is JObject r && (r.Property("id", StringComparison.OrdinalIgnoreCase)?.Value is null or { Type: JTokenType.Null }) && !HasOtherKey(r));
            if (missing)
            {
                if (f.Required || (update && f.RequiredOnUpdates))
                    errors.Add(CwApiException.FieldError(Fidelity.RequiredFieldCode, Fidelity.RequiredFieldMessage(isReference ? name + "/id" : name), resource, name));
                continue;
            }
            if (f.MaxLength is int max && v.Type == JTokenType.String && ((string)v).Length > max)
                errors.Add(CwApiException.FieldError(Fidelity.MaxLengthCode, Fidelity.MaxLengthMessage(name, max), resource, name));
            else if (f.Enum != null && v.Type == JTokenType.String && !f.Enum.Contains((string)v, StringComparer.OrdinalIgnoreCase))
                errors.Add(CwApiException.FieldError(Fidelity.InvalidFieldCode, $"{name} must be one of {string.Join(", ", f.Enum)}.", resource, name));
            else if (isReference && ReferenceCollections.TryGetValue(f.Type, out var collection) && v is JObject reference)
            {
                var idToken = reference.Property("id", StringComparison.OrdinalIgnoreCase)?.Value;
                if (idToken == null || idToken.Type != JTokenType.Integer) continue; // identified another way (identifier/name): not emulated
                var id = (int)idToken;
                if (t.Collection(collection).Get(id) == null)
                    errors.Add(CwApiException.FieldError(Fidelity.ReferenceNotFoundCode, Fidelity.ReferenceNotFoundMessage(name, id), resource, name + "/id"));
            }
        }
        return errors;
    }

    /// <summary>A reference given by identifier or name rather than id (ConnectWise accepts some): not missing.</summary>
    private static bool HasOtherKey(JObject r) =>
        r.Properties().Any(p => !p.Name.Equals("id", StringComparison.OrdinalIgnoreCase) && !p.Name.Equals("_info", StringComparison.OrdinalIgnoreCase)
                                && p.Value.Type != JTokenType.Null);
}
