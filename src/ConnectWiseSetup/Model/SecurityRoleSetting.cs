using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>
    /// One row of a role's permission grid (<c>/system/securityRoles/{id}/settings</c>), or of the
    /// caller's effective rights (<c>/system/mySecurity</c>, which adds <see cref="Member"/>).
    /// </summary>
    [JsonConverter(typeof(SecurityRoleSettingConverter))]
    public sealed class SecurityRoleSetting
    {
        [JsonProperty("id")] public int Id { get; set; }
        [JsonProperty("moduleIdentifier")] public string ModuleIdentifier { get; set; }
        [JsonProperty("moduleName")] public string ModuleName { get; set; }
        [JsonProperty("moduleDescription")] public string ModuleDescription { get; set; }
        [JsonProperty("moduleFunctionIdentifier")] public string ModuleFunctionIdentifier { get; set; }
        [JsonProperty("moduleFunctionName")] public string ModuleFunctionName { get; set; }
        [JsonProperty("moduleFunctionDescription")] public string ModuleFunctionDescription { get; set; }
        [JsonProperty("addLevel")] public PermissionLevel AddLevel { get; set; }
        [JsonProperty("editLevel")] public PermissionLevel EditLevel { get; set; }
        [JsonProperty("deleteLevel")] public PermissionLevel DeleteLevel { get; set; }
        [JsonProperty("inquireLevel")] public PermissionLevel InquireLevel { get; set; }
        [JsonProperty("myAllFlag")] public bool MyAllFlag { get; set; }
        [JsonProperty("customFlag")] public bool CustomFlag { get; set; }
        [JsonProperty("reportFlag")] public bool ReportFlag { get; set; }
        [JsonProperty("restrictFlag")] public bool RestrictFlag { get; set; }
        [JsonProperty("sortOrder")] public int SortOrder { get; set; }
        [JsonProperty("member")] public MemberReference Member { get; set; }

        /// <summary>The module as the web UI shows it (the description, else the name).</summary>
        [JsonIgnore] public string Module => FirstNonEmpty(ModuleDescription, ModuleName, ModuleIdentifier);
        /// <summary>The function as the web UI shows it (the description, else the name).</summary>
        [JsonIgnore] public string Function => FirstNonEmpty(ModuleFunctionDescription, ModuleFunctionName, ModuleFunctionIdentifier);

        [JsonIgnore] public PermissionLevels Levels => new PermissionLevels(AddLevel, EditLevel, DeleteLevel, InquireLevel);
        [JsonIgnore] public bool IsNone => Levels.IsNone;

        static string FirstNonEmpty(params string[] values)
        {
            foreach (var v in values) if (!string.IsNullOrWhiteSpace(v)) return v;
            return "";
        }

        public override string ToString() => Module + " / " + Function + " " + Levels;
    }

    /// <summary>The member reference on a <c>/system/mySecurity</c> row.</summary>
    public sealed class MemberReference
    {
        [JsonProperty("id")] public int Id { get; set; }
        [JsonProperty("identifier")] public string Identifier { get; set; }
        [JsonProperty("name")] public string Name { get; set; }
        public override string ToString() => Identifier ?? Name ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One entry of the caller's Customize allow-lists (<c>/system/mySecurity/customizeItems/</c>).</summary>
    public sealed class CustomizeItem
    {
        [JsonProperty("id")] public int Id { get; set; }
        [JsonProperty("customizeIdentifier")] public string CustomizeIdentifier { get; set; }
        [JsonProperty("itemIdentifier")] public string ItemIdentifier { get; set; }
        public override string ToString() => CustomizeIdentifier + ": " + ItemIdentifier;
    }
}
