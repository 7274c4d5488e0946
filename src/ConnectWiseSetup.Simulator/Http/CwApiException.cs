using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>An error answered with a ConnectWise error body: {code, message, errors}.</summary>
public sealed class CwApiException : Exception
{
    public int Status { get; }
    public string Code { get; }
    public JArray Errors { get; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The body form to answer in regardless of the tenant's behaviour (a scripted fault's "body"), or null.</summary>
    public ServerBehavior.ErrorBody? BodyForm { get; set; }

    public CwApiException(int status, string code, string message, JArray errors = null) : base(message)
    {
        Status = status; Code = code; Errors = errors;
    }

    public JObject ToBody() => Body(Code, Message, Errors);

    public static JObject Body(string code, string message, JArray errors = null) =>
        new() { ["code"] = code, ["message"] = message, ["errors"] = (JToken)errors ?? JValue.CreateNull() };

    public static JObject FieldError(string code, string message, string resource, string field) =>
        new() { ["code"] = code, ["message"] = message, ["resource"] = resource, ["field"] = field };

    public static CwApiException BadRequest(string message) => new(400, Fidelity.BadRequestCode, message);
    public static CwApiException FindCondition(string message) => new(400, Fidelity.FindConditionCode, message);
    public static CwApiException NotFound(string message) => new(404, Fidelity.NotFoundCode, message);

    public static CwApiException Invalid(string resource, params JObject[] errors) =>
        new(400, "InvalidObject", Fidelity.InvalidObjectMessage(resource), new JArray(errors));
}
