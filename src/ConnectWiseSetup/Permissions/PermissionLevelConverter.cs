using System;
using System.Globalization;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>
    /// A level as ConnectWise writes it ("None", "My", "All"; any case on read, or the number), for PermissionLevel and
    /// PermissionLevel?. What StringEnumConverter does for this enum, without its general lookup per value: a role grid carries
    /// four levels a row, and an audit reads dozens of grids.
    /// </summary>
    internal sealed class PermissionLevelConverter : JsonConverter
    {
        public override bool CanConvert(Type objectType) =>
            objectType == typeof(PermissionLevel) || objectType == typeof(PermissionLevel?);

        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
        {
            if (value == null) writer.WriteNull();
            else writer.WriteValue(Name((PermissionLevel)value));
        }

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            var nullable = objectType == typeof(PermissionLevel?);
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    if (nullable) return null;
                    throw new JsonSerializationException("A permission level cannot be null.");
                case JsonToken.String:
                    var text = (string)reader.Value;
                    if (TryParse(text, out var level)) return level;
                    if (nullable && text.Length == 0) return null;
                    throw new JsonSerializationException("'" + text + "' is not a permission level (None, My or All).");
                case JsonToken.Integer:
                    var n = Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture);
                    if (n >= (long)PermissionLevel.None && n <= (long)PermissionLevel.All) return (PermissionLevel)n;
                    throw new JsonSerializationException(n.ToString(CultureInfo.InvariantCulture) + " is not a permission level (None, My or All).");
                default:
                    throw new JsonSerializationException("Unexpected " + reader.TokenType + " where a permission level (None, My or All) was expected.");
            }
        }

        static string Name(PermissionLevel level)
        {
            switch (level)
            {
                case PermissionLevel.None: return "None";
                case PermissionLevel.My: return "My";
                case PermissionLevel.All: return "All";
                default: return ((int)level).ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>A level's name, in any case, with spaces around allowed.</summary>
        internal static bool TryParse(string text, out PermissionLevel level)
        {
            var t = text.Trim();
            if (string.Equals(t, "None", StringComparison.OrdinalIgnoreCase)) { level = PermissionLevel.None; return true; }
            if (string.Equals(t, "My", StringComparison.OrdinalIgnoreCase)) { level = PermissionLevel.My; return true; }
            if (string.Equals(t, "All", StringComparison.OrdinalIgnoreCase)) { level = PermissionLevel.All; return true; }
            level = PermissionLevel.None;
            return false;
        }
    }
}
