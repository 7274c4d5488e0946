using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Model
{
    /// <summary>
    /// Reads a model's JSON object field by field, for the models parsed by the hundred (grid rows, API members, references): the
    /// same result as Newtonsoft's contract (names matched exactly, then ignoring case; unknown fields skipped; each value read by
    /// the subclass with the reader's own ReadAs* calls, which convert the other forms as the contract does; nulls left out, as
    /// CwJson leaves them out) without its general path per value. Writing uses the contract.
    /// </summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <typeparam name="TField">An enum of its fields, each named as its JSON name with the first letter upper case.</typeparam>
    internal abstract class FieldConverter<T, TField> : JsonConverter where T : class, new() where TField : struct
    {
        static readonly Dictionary<string, TField> Exact = Names(StringComparer.Ordinal);
        static readonly Dictionary<string, TField> AnyCase = Names(StringComparer.OrdinalIgnoreCase);

        static Dictionary<string, TField> Names(StringComparer comparer)
        {
            var names = new Dictionary<string, TField>(comparer);
            foreach (TField f in Enum.GetValues(typeof(TField)))
            {
                var n = f.ToString();
                names[char.ToLowerInvariant(n[0]) + n.Substring(1)] = f;
            }
            return names;
        }

        /// <summary>What the model is called in errors ("a permission row").</summary>
        protected abstract string What { get; }

        /// <summary>Reads the field's value (the reader is on its name) and sets it; a null leaves the field as it is.</summary>
        protected abstract void Set(T target, TField field, JsonReader reader, JsonSerializer serializer);

        /// <summary>Moves to a value that is not one of the ReadAs* primitives; false for a null.</summary>
        protected bool NextValue(JsonReader reader)
        {
            if (!reader.Read()) throw new JsonSerializationException(Capital(What) + " ends inside a value.");
            return reader.TokenType != JsonToken.Null;
        }

        public override bool CanConvert(Type objectType) => objectType == typeof(T);

        public override bool CanWrite => false;

        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer) => throw new NotSupportedException();

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            if (reader.TokenType == JsonToken.Null) return null;
            if (reader.TokenType != JsonToken.StartObject)
                throw new JsonSerializationException("Expected " + What + " (a JSON object), found " + reader.TokenType + ".");
            var target = existingValue as T ?? new T();
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonToken.EndObject:
                        return target;
                    case JsonToken.Comment:
                        continue;
                    case JsonToken.PropertyName:
                        var name = (string)reader.Value;
                        if (Exact.TryGetValue(name, out var field) || AnyCase.TryGetValue(name, out field))
                        {
                            Set(target, field, reader, serializer);
                            continue;
                        }
                        if (!reader.Read()) throw new JsonSerializationException(Capital(What) + " ends after '" + name + "'.");
                        reader.Skip();
                        continue;
                    default:
                        throw new JsonSerializationException("Unexpected " + reader.TokenType + " in " + What + ".");
                }
            }
            throw new JsonSerializationException(Capital(What) + " is not closed.");
        }

        static string Capital(string s) => char.ToUpperInvariant(s[0]) + s.Substring(1);
    }
}
