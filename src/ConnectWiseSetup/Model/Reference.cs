using System.Globalization;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>A ConnectWise reference field: <c>{"id": 5, "name": "Corporate"}</c> (a member's role, level, location...).</summary>
    [JsonConverter(typeof(ReferenceConverter))]
    public sealed class Reference
    {
        public Reference() { }

        public Reference(int id, string name = null)
        {
            Id = id;
            Name = name;
        }

        [JsonProperty("id")] public int Id { get; set; }
        [JsonProperty("name")] public string Name { get; set; }

        public override string ToString() => string.IsNullOrEmpty(Name) ? Id.ToString(CultureInfo.InvariantCulture) : Name;
    }
}
