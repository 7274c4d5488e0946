using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Client
{
    /// <summary>One element of a ConnectWise PATCH body: <c>{"op":"replace","path":"name","value":"X"}</c>.</summary>
    internal sealed class PatchOperation
    {
        private PatchOperation(string op, string path, object value, bool hasValue)
        {
            Op = op;
            Path = InputValidator.FieldName(path);
            Value = value;
            HasValue = hasValue;
        }

        /// <summary><c>add</c>, <c>replace</c> or <c>remove</c>.</summary>
        public string Op { get; }

        /// <summary>The field, nested with '/': <c>name</c>, <c>securityRole</c>.</summary>
        public string Path { get; }

        public object Value { get; }

        public bool HasValue { get; }

        public static PatchOperation Replace(string path, object value) => new PatchOperation("replace", path, value, true);

        public static PatchOperation Add(string path, object value) => new PatchOperation("add", path, value, true);

        public static PatchOperation Remove(string path) => new PatchOperation("remove", path, null, false);

        /// <summary>Point a reference field at another record: value <c>{"id": N}</c>.</summary>
        public static PatchOperation ReplaceReference(string path, int id) => new PatchOperation("replace", path, new JObject { ["id"] = id }, true);

        internal JObject ToJson(Newtonsoft.Json.JsonSerializer serializer)
        {
            var o = new JObject { ["op"] = Op, ["path"] = Path };
            // A replace to null sends "value": null on purpose (clearing a field); remove sends no value.
            if (HasValue) o["value"] = Value == null ? JValue.CreateNull() : JToken.FromObject(Value, serializer);
            return o;
        }

        public override string ToString() => Op + " " + Path;
    }
}
