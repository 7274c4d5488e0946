using System;
using System.Collections.Generic;
using ConnectWiseSetup.Permissions;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>
    /// Reads a grid row field by field: an audit parses dozens of grids of about a hundred rows while the next requests wait for
    /// it, and Newtonsoft's general contract path spent most of that time per value. The result is the one the contract gives
    /// (names matched exactly, then ignoring case; nulls and unknown fields left out; each value read with the reader's own
    /// ReadAsInt32/ReadAsString/ReadAsBoolean, so a number sent as text converts as it always did). Writing uses the contract.
    /// </summary>
    internal sealed class SecurityRoleSettingConverter : JsonConverter
    {
        enum Field { Id, ModuleIdentifier, ModuleName, ModuleDescription, ModuleFunctionIdentifier, ModuleFunctionName, ModuleFunctionDescription,
                     AddLevel, EditLevel, DeleteLevel, InquireLevel, MyAllFlag, CustomFlag, ReportFlag, RestrictFlag, SortOrder, Member }

        static readonly Dictionary<string, Field> Exact = FieldNames.Of<Field>(StringComparer.Ordinal);
        static readonly Dictionary<string, Field> AnyCase = FieldNames.Of<Field>(StringComparer.OrdinalIgnoreCase);

        public override bool CanConvert(Type objectType) => objectType == typeof(SecurityRoleSetting);

        public override bool CanWrite => false;

        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer) => throw new NotSupportedException();

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            if (reader.TokenType == JsonToken.Null) return null;
            if (reader.TokenType != JsonToken.StartObject)
                throw new JsonSerializationException("Expected a permission row (a JSON object), found " + reader.TokenType + ".");
            var row = existingValue as SecurityRoleSetting ?? new SecurityRoleSetting();
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonToken.EndObject:
                        return row;
                    case JsonToken.Comment:
                        continue;
                    case JsonToken.PropertyName:
                        var name = (string)reader.Value;
                        if (!Exact.TryGetValue(name, out var field) && !AnyCase.TryGetValue(name, out field))
                        {
                            if (!reader.Read()) throw new JsonSerializationException("The permission row ends after '" + name + "'.");
                            reader.Skip();
                            continue;
                        }
                        Set(row, field, reader, serializer);
                        continue;
                    default:
                        throw new JsonSerializationException("Unexpected " + reader.TokenType + " in a permission row.");
                }
            }
            throw new JsonSerializationException("The permission row is not closed.");
        }

        /// <summary>
        /// Reads the field's value as the contract does (ReadAsInt32, ReadAsString, ReadAsBoolean for the primitives, which convert
        /// the other forms as Newtonsoft always has) and sets it; a null leaves the field as it is.
        /// </summary>
        static void Set(SecurityRoleSetting row, Field field, JsonReader reader, JsonSerializer serializer)
        {
            switch (field)
            {
                case Field.Id: if (reader.ReadAsInt32() is int id) row.Id = id; break;
                case Field.SortOrder: if (reader.ReadAsInt32() is int order) row.SortOrder = order; break;
                case Field.ModuleIdentifier: if (reader.ReadAsString() is string a) row.ModuleIdentifier = a; break;
                case Field.ModuleName: if (reader.ReadAsString() is string b) row.ModuleName = b; break;
                case Field.ModuleDescription: if (reader.ReadAsString() is string c) row.ModuleDescription = c; break;
                case Field.ModuleFunctionIdentifier: if (reader.ReadAsString() is string d) row.ModuleFunctionIdentifier = d; break;
                case Field.ModuleFunctionName: if (reader.ReadAsString() is string e) row.ModuleFunctionName = e; break;
                case Field.ModuleFunctionDescription: if (reader.ReadAsString() is string f) row.ModuleFunctionDescription = f; break;
                case Field.MyAllFlag: if (reader.ReadAsBoolean() is bool g) row.MyAllFlag = g; break;
                case Field.CustomFlag: if (reader.ReadAsBoolean() is bool h) row.CustomFlag = h; break;
                case Field.ReportFlag: if (reader.ReadAsBoolean() is bool i) row.ReportFlag = i; break;
                case Field.RestrictFlag: if (reader.ReadAsBoolean() is bool j) row.RestrictFlag = j; break;
                default:
                    if (!reader.Read()) throw new JsonSerializationException("The permission row ends inside a value.");
                    if (reader.TokenType == JsonToken.Null) break; // left out, as CwJson leaves nulls out
                    switch (field)
                    {
                        case Field.AddLevel: row.AddLevel = Level(reader, serializer); break;
                        case Field.EditLevel: row.EditLevel = Level(reader, serializer); break;
                        case Field.DeleteLevel: row.DeleteLevel = Level(reader, serializer); break;
                        case Field.InquireLevel: row.InquireLevel = Level(reader, serializer); break;
                        case Field.Member: row.Member = serializer.Deserialize<MemberReference>(reader); break;
                    }
                    break;
            }
        }

        static PermissionLevel Level(JsonReader reader, JsonSerializer serializer) =>
            reader.TokenType == JsonToken.String && PermissionLevelConverter.TryParse((string)reader.Value, out var level) ? level : serializer.Deserialize<PermissionLevel>(reader);
    }
}
