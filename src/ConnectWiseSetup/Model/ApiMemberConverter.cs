using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>
    /// Reads an API member field by field, as <see cref="SecurityRoleSettingConverter"/> reads a grid row: a listing of hundreds of
    /// members is parsed before the first of them reaches the pipeline (an audit's first role reads wait for it). Same result as
    /// the contract: names exactly, then ignoring case; each value read with the reader's own ReadAs* as the contract reads it;
    /// nulls and unknown fields left out. Writing uses the contract.
    /// </summary>
    internal sealed class ApiMemberConverter : JsonConverter
    {
        enum Field { Id, Identifier, Name, EmailAddress, SecurityRole, StructureLevel, SecurityLocation, DefaultLocation, SalesDefaultLocation,
                     DefaultDepartment, TimeZone, ServiceDefaultBoard, Notes, ExcludedServiceBoardIds, BlockPriceFlag, BlockCostFlag, InactiveFlag, InactiveDate }

        static readonly Dictionary<string, Field> Exact = FieldNames.Of<Field>(StringComparer.Ordinal);
        static readonly Dictionary<string, Field> AnyCase = FieldNames.Of<Field>(StringComparer.OrdinalIgnoreCase);

        public override bool CanConvert(Type objectType) => objectType == typeof(ApiMember);

        public override bool CanWrite => false;

        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer) => throw new NotSupportedException();

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            if (reader.TokenType == JsonToken.Null) return null;
            if (reader.TokenType != JsonToken.StartObject)
                throw new JsonSerializationException("Expected an API member (a JSON object), found " + reader.TokenType + ".");
            var member = existingValue as ApiMember ?? new ApiMember();
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonToken.EndObject:
                        return member;
                    case JsonToken.Comment:
                        continue;
                    case JsonToken.PropertyName:
                        var name = (string)reader.Value;
                        if (!Exact.TryGetValue(name, out var field) && !AnyCase.TryGetValue(name, out field))
                        {
                            if (!reader.Read()) throw new JsonSerializationException("The API member ends after '" + name + "'.");
                            reader.Skip();
                            continue;
                        }
                        Set(member, field, reader, serializer);
                        continue;
                    default:
                        throw new JsonSerializationException("Unexpected " + reader.TokenType + " in an API member.");
                }
            }
            throw new JsonSerializationException("The API member is not closed.");
        }

        static void Set(ApiMember m, Field field, JsonReader reader, JsonSerializer serializer)
        {
            switch (field)
            {
                case Field.Id: if (reader.ReadAsInt32() is int id) m.Id = id; return;
                case Field.Identifier: if (reader.ReadAsString() is string identifier) m.Identifier = identifier; return;
                case Field.Name: if (reader.ReadAsString() is string name) m.Name = name; return;
                case Field.EmailAddress: if (reader.ReadAsString() is string email) m.EmailAddress = email; return;
                case Field.Notes: if (reader.ReadAsString() is string notes) m.Notes = notes; return;
                case Field.BlockPriceFlag: if (reader.ReadAsBoolean() is bool price) m.BlockPriceFlag = price; return;
                case Field.BlockCostFlag: if (reader.ReadAsBoolean() is bool cost) m.BlockCostFlag = cost; return;
                case Field.InactiveFlag: if (reader.ReadAsBoolean() is bool inactive) m.InactiveFlag = inactive; return;
                case Field.InactiveDate: if (reader.ReadAsDateTime() is DateTime date) m.InactiveDate = date; return;
            }
            if (!reader.Read()) throw new JsonSerializationException("The API member ends inside a value.");
            if (reader.TokenType == JsonToken.Null) return; // left out, as CwJson leaves nulls out
            switch (field)
            {
                case Field.ExcludedServiceBoardIds: m.ExcludedServiceBoardIds = serializer.Deserialize<List<int>>(reader); return;
                case Field.SecurityRole: m.SecurityRole = serializer.Deserialize<Reference>(reader); return;
                case Field.StructureLevel: m.StructureLevel = serializer.Deserialize<Reference>(reader); return;
                case Field.SecurityLocation: m.SecurityLocation = serializer.Deserialize<Reference>(reader); return;
                case Field.DefaultLocation: m.DefaultLocation = serializer.Deserialize<Reference>(reader); return;
                case Field.SalesDefaultLocation: m.SalesDefaultLocation = serializer.Deserialize<Reference>(reader); return;
                case Field.DefaultDepartment: m.DefaultDepartment = serializer.Deserialize<Reference>(reader); return;
                case Field.TimeZone: m.TimeZone = serializer.Deserialize<Reference>(reader); return;
                case Field.ServiceDefaultBoard: m.ServiceDefaultBoard = serializer.Deserialize<Reference>(reader); return;
            }
        }
    }

    /// <summary>A reference ({id, name}, anything else left out) read as its contract reads it; writing uses the contract.</summary>
    internal sealed class ReferenceConverter : JsonConverter
    {
        public override bool CanConvert(Type objectType) => objectType == typeof(Reference);

        public override bool CanWrite => false;

        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer) => throw new NotSupportedException();

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            if (reader.TokenType == JsonToken.Null) return null;
            if (reader.TokenType != JsonToken.StartObject)
                throw new JsonSerializationException("Expected a reference (a JSON object with id and name), found " + reader.TokenType + ".");
            var reference = existingValue as Reference ?? new Reference();
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonToken.EndObject:
                        return reference;
                    case JsonToken.Comment:
                        continue;
                    case JsonToken.PropertyName:
                        var name = (string)reader.Value;
                        if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase)) { if (reader.ReadAsInt32() is int id) reference.Id = id; continue; }
                        if (string.Equals(name, "name", StringComparison.OrdinalIgnoreCase)) { if (reader.ReadAsString() is string text) reference.Name = text; continue; }
                        if (!reader.Read()) throw new JsonSerializationException("The reference ends after '" + name + "'.");
                        reader.Skip();
                        continue;
                    default:
                        throw new JsonSerializationException("Unexpected " + reader.TokenType + " in a reference.");
                }
            }
            throw new JsonSerializationException("The reference is not closed.");
        }
    }

    /// <summary>The JSON names of a converter's fields: each enum name with its first letter in lower case.</summary>
    internal static class FieldNames
    {
        public static Dictionary<string, T> Of<T>(StringComparer comparer) where T : struct
        {
            var names = new Dictionary<string, T>(comparer);
            foreach (T f in Enum.GetValues(typeof(T)))
            {
                var n = f.ToString();
                names[char.ToLowerInvariant(n[0]) + n.Substring(1)] = f;
            }
            return names;
        }
    }
}
