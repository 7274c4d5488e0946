using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>A grid row read field by field (<see cref="FieldConverter{T,TField}"/>): an audit parses dozens of grids of about a hundred rows while its next requests wait.</summary>
    internal sealed class SecurityRoleSettingConverter : FieldConverter<SecurityRoleSetting, SecurityRoleSettingConverter.Field>
    {
        internal enum Field { Id, ModuleIdentifier, ModuleName, ModuleDescription, ModuleFunctionIdentifier, ModuleFunctionName, ModuleFunctionDescription,
                              AddLevel, EditLevel, DeleteLevel, InquireLevel, MyAllFlag, CustomFlag, ReportFlag, RestrictFlag, SortOrder, Member }

        protected override string What => "a permission row";

        protected override void Set(SecurityRoleSetting row, Field field, JsonReader reader, JsonSerializer serializer)
        {
            switch (field)
            {
                case Field.Id: if (reader.ReadAsInt32() is int id) row.Id = id; return;
                case Field.SortOrder: if (reader.ReadAsInt32() is int order) row.SortOrder = order; return;
                case Field.ModuleIdentifier: if (reader.ReadAsString() is string a) row.ModuleIdentifier = a; return;
                case Field.ModuleName: if (reader.ReadAsString() is string b) row.ModuleName = b; return;
                case Field.ModuleDescription: if (reader.ReadAsString() is string c) row.ModuleDescription = c; return;
                case Field.ModuleFunctionIdentifier: if (reader.ReadAsString() is string d) row.ModuleFunctionIdentifier = d; return;
                case Field.ModuleFunctionName: if (reader.ReadAsString() is string e) row.ModuleFunctionName = e; return;
                case Field.ModuleFunctionDescription: if (reader.ReadAsString() is string f) row.ModuleFunctionDescription = f; return;
                case Field.MyAllFlag: if (reader.ReadAsBoolean() is bool g) row.MyAllFlag = g; return;
                case Field.CustomFlag: if (reader.ReadAsBoolean() is bool h) row.CustomFlag = h; return;
                case Field.ReportFlag: if (reader.ReadAsBoolean() is bool i) row.ReportFlag = i; return;
                case Field.RestrictFlag: if (reader.ReadAsBoolean() is bool j) row.RestrictFlag = j; return;
            }
            if (!NextValue(reader)) return;
            switch (field)
            {
                case Field.AddLevel: row.AddLevel = Level(reader); return;
                case Field.EditLevel: row.EditLevel = Level(reader); return;
                case Field.DeleteLevel: row.DeleteLevel = Level(reader); return;
                case Field.InquireLevel: row.InquireLevel = Level(reader); return;
                case Field.Member: row.Member = serializer.Deserialize<MemberReference>(reader); return;
            }
        }

        static PermissionLevel Level(JsonReader reader) => PermissionLevelConverter.Read(reader, nullable: false).Value;
    }
}
