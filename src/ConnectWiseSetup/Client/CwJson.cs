using System;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// The one JSON configuration: camelCase names, nulls left out on write, unknown fields ignored on read,
    /// dates ISO 8601 UTC, enums by name. Uses nothing newer than Newtonsoft.Json 13.0.1 (PowerShell 7 loads its own copy).
    /// </summary>
    internal static class CwJson
    {
        public static readonly JsonSerializerSettings Settings = CreateSettings();

        public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

        private static JsonSerializerSettings CreateSettings()
        {
            var s = new JsonSerializerSettings
            {
                ContractResolver = new CamelCasePropertyNamesContractResolver(),
                NullValueHandling = NullValueHandling.Ignore,
                MissingMemberHandling = MissingMemberHandling.Ignore,
                DateTimeZoneHandling = DateTimeZoneHandling.Utc,
                DateParseHandling = DateParseHandling.DateTime,
                DateFormatString = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'",
                Culture = CultureInfo.InvariantCulture,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = 64,
                TypeNameHandling = TypeNameHandling.None,
            };
            s.Converters.Add(new StringEnumConverter());
            return s;
        }

        public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

        /// <summary>Parses <paramref name="json"/>; any Newtonsoft failure becomes a <see cref="JsonReaderException"/>-free FormatException.</summary>
        public static T Deserialize<T>(string json)
        {
            try
            {
                using (var reader = new JsonTextReader(new StringReader(json)))
                {
                    reader.DateTimeZoneHandling = DateTimeZoneHandling.Utc;
                    reader.DateParseHandling = DateParseHandling.DateTime;
                    reader.Culture = CultureInfo.InvariantCulture;
                    reader.MaxDepth = 64;
                    var value = Serializer.Deserialize<T>(reader);
                    // Trailing garbage after a valid value is a malformed body too.
                    while (reader.Read())
                        if (reader.TokenType != JsonToken.Comment)
                            throw new FormatException("Unexpected content after the JSON value.");
                    return value;
                }
            }
            catch (JsonException e) { throw new FormatException(e.Message, e); }
            catch (ArgumentException e) { throw new FormatException(e.Message, e); }
            catch (InvalidCastException e) { throw new FormatException(e.Message, e); }
        }
    }
}
