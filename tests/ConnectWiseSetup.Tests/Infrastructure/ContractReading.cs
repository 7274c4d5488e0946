#nullable enable
using ConnectWiseSetup.Client;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace ConnectWiseSetup.Tests.Infrastructure
{
    /// <summary>
    /// How Newtonsoft's contract reads a model that has a converter of its own: CwJson's settings with the given models'
    /// converters taken away. The reference the converter tests compare with.
    /// </summary>
    internal static class ContractReading
    {
        sealed class Resolver : DefaultContractResolver
        {
            readonly HashSet<Type> _plain;
            public Resolver(IEnumerable<Type> plain)
            {
                _plain = new HashSet<Type>(plain);
                // What CamelCasePropertyNamesContractResolver does, with a contract cache of this instance's own.
                NamingStrategy = new CamelCaseNamingStrategy(processDictionaryKeys: true, overrideSpecifiedNames: true);
            }
            protected override JsonContract CreateContract(Type objectType)
            {
                var contract = base.CreateContract(objectType);
                if (_plain.Contains(objectType)) contract.Converter = null;
                return contract;
            }
        }

        public static T Read<T>(string json, params Type[] withoutConverter)
        {
            var serializer = JsonSerializer.Create(new JsonSerializerSettings
            {
                ContractResolver = new Resolver(withoutConverter),
                NullValueHandling = CwJson.Settings.NullValueHandling,
                MissingMemberHandling = CwJson.Settings.MissingMemberHandling,
                DateTimeZoneHandling = CwJson.Settings.DateTimeZoneHandling,
                DateParseHandling = CwJson.Settings.DateParseHandling,
                DateFormatString = CwJson.Settings.DateFormatString,
                Culture = CwJson.Settings.Culture,
                Converters = CwJson.Settings.Converters,
            });
            using var reader = new JsonTextReader(new StringReader(json));
            return serializer.Deserialize<T>(reader)!;
        }
    }
}
