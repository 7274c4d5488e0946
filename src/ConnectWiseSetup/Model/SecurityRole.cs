using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>A ConnectWise security role (<c>/system/securityroles</c>).</summary>
    public sealed class SecurityRole
    {
        [JsonProperty("id")] public int Id { get; set; }
        [JsonProperty("name")] public string Name { get; set; }
        [JsonProperty("roleType")] public string RoleType { get; set; }
        [JsonProperty("adminFlag")] public bool AdminFlag { get; set; }
        [JsonProperty("inactiveFlag")] public bool InactiveFlag { get; set; }

        /// <summary>The connection the role was read from (not serialised), so pipelines keep their tenant.</summary>
        [JsonIgnore] public Client.CwConnection Connection { get; set; }

        public override string ToString() => Name;
    }
}
