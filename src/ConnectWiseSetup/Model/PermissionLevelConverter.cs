using System;
using System.Globalization;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
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
            else writer.WriteValue(((PermissionLevel)value).ToString());
        }

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
            => Read(reader, nullable: objectType == typeof(PermissionLevel?));

        /// <summary>The level at the reader's token (a name in any case, or its number); null only where <paramref name="nullable"/> allows it.</summary>
        internal static PermissionLevel? Read(JsonReader reader, bool nullable)
        {
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    if (nullable) return null;
                    throw new JsonSerializationException("A permission level cannot be null.");
                case JsonToken.String:
                    var text = (string)reader.Value;
                    if (PermissionLevelParser.TryParse(text, out var level)) return level;
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
    }
}
