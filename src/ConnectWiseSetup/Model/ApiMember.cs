using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>
    /// An API member (<c>/system/apiMembers</c>): the account an integration's API keys belong to.
    /// Get-CwApiMember writes these; they bind by value to -ApiMember of the member and key cmdlets,
    /// and keep their <see cref="Connection"/> so a pipeline stays on the tenant they came from.
    /// </summary>
    [JsonConverter(typeof(ApiMemberConverter))]
    public sealed class ApiMember
    {
        [JsonProperty("id")] public int Id { get; set; }
        /// <summary>The Member ID of the web UI (max 15).</summary>
        [JsonProperty("identifier")] public string Identifier { get; set; }
        [JsonProperty("name")] public string Name { get; set; }
        [JsonProperty("emailAddress")] public string EmailAddress { get; set; }
        [JsonProperty("securityRole")] public Reference SecurityRole { get; set; }
        /// <summary>The Level of the web UI (e.g. Corporate).</summary>
        [JsonProperty("structureLevel")] public Reference StructureLevel { get; set; }
        [JsonProperty("securityLocation")] public Reference SecurityLocation { get; set; }
        [JsonProperty("defaultLocation")] public Reference DefaultLocation { get; set; }
        [JsonProperty("salesDefaultLocation")] public Reference SalesDefaultLocation { get; set; }
        [JsonProperty("defaultDepartment")] public Reference DefaultDepartment { get; set; }
        [JsonProperty("timeZone")] public Reference TimeZone { get; set; }
        [JsonProperty("serviceDefaultBoard")] public Reference ServiceDefaultBoard { get; set; }
        [JsonProperty("notes")] public string Notes { get; set; }
        [JsonProperty("excludedServiceBoardIds")] public List<int> ExcludedServiceBoardIds { get; set; }
        [JsonProperty("blockPriceFlag")] public bool? BlockPriceFlag { get; set; }
        [JsonProperty("blockCostFlag")] public bool? BlockCostFlag { get; set; }
        [JsonProperty("inactiveFlag")] public bool InactiveFlag { get; set; }
        [JsonProperty("inactiveDate")] public DateTime? InactiveDate { get; set; }

        /// <summary>The connection the member was read from (not serialised), so pipelines keep their tenant.</summary>
        [JsonIgnore] public Client.CwConnection Connection { get; set; }

        /// <summary>
        /// The fields this model reads (its JSON names), for a list's <c>fields=</c>: a real member record carries many more
        /// (the spec's ApiMember has dozens), and a listing of hundreds of members should not carry what no property keeps.
        /// </summary>
        internal static readonly IList<string> Fields = typeof(ApiMember).GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(JsonPropertyAttribute), false).OfType<JsonPropertyAttribute>().FirstOrDefault()?.PropertyName)
            .Where(n => n != null).ToList().AsReadOnly();

        public override string ToString() => Identifier;
    }
}
