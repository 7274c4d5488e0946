using System;
using System.Linq;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace ConnectWiseSetup.Model
{
    /// <summary>A permission level, ordered None &lt; My &lt; All as ConnectWise orders them.</summary>
    [JsonConverter(typeof(PermissionLevelConverter))]
    public enum PermissionLevel
    {
        None = 0,
        My = 1,
        All = 2,
    }

    /// <summary>The four levels of one permission row.</summary>
    public struct PermissionLevels : IEquatable<PermissionLevels>
    {
        public PermissionLevels(PermissionLevel add, PermissionLevel edit, PermissionLevel delete, PermissionLevel inquire)
        {
            Add = add; Edit = edit; Delete = delete; Inquire = inquire;
        }

        public PermissionLevel Add { get; }
        public PermissionLevel Edit { get; }
        public PermissionLevel Delete { get; }
        public PermissionLevel Inquire { get; }

        public static readonly string[] Names = { "Add", "Edit", "Delete", "Inquire" };

        public PermissionLevel this[int i] => i == 0 ? Add : i == 1 ? Edit : i == 2 ? Delete : Inquire;

        public bool IsNone => Add == PermissionLevel.None && Edit == PermissionLevel.None && Delete == PermissionLevel.None && Inquire == PermissionLevel.None;

        public static PermissionLevels None => default;

        public bool Equals(PermissionLevels other) => Add == other.Add && Edit == other.Edit && Delete == other.Delete && Inquire == other.Inquire;
        public override bool Equals(object obj) => obj is PermissionLevels o && Equals(o);
        public override int GetHashCode() => ((int)Add << 6) | ((int)Edit << 4) | ((int)Delete << 2) | (int)Inquire;

        /// <summary>Add/Edit/Delete/Inquire in one line, e.g. <c>None/All/None/All</c>.</summary>
        public override string ToString() => Add + "/" + Edit + "/" + Delete + "/" + Inquire;

        /// <summary>
        /// What to set to go from <paramref name="from"/> to <paramref name="to"/>, the levels that make the same move named together in
        /// the screen's column order: <c>Add, Edit, Inquire None -> All; Delete All -> None</c>. Empty when they are equal.
        /// </summary>
        public static string DescribeChange(PermissionLevels from, PermissionLevels to)
        {
            var moves = new List<KeyValuePair<string, List<string>>>();
            for (var i = 0; i < Names.Length; i++)
            {
                if (from[i] == to[i]) continue;
                var move = from[i] + " -> " + to[i];
                var group = moves.FirstOrDefault(m => m.Key == move);
                if (group.Value == null) moves.Add(group = new KeyValuePair<string, List<string>>(move, new List<string>()));
                group.Value.Add(Names[i]);
            }
            return string.Join("; ", moves.Select(m => string.Join(", ", m.Value) + " " + m.Key));
        }
    }

    public static class PermissionLevelParser
    {
        static readonly Dictionary<string, PermissionLevel> Map = new Dictionary<string, PermissionLevel>(StringComparer.OrdinalIgnoreCase)
        {
            ["None"] = PermissionLevel.None,
            ["My"] = PermissionLevel.My,
            ["All"] = PermissionLevel.All,
        };

        public static bool TryParse(string text, out PermissionLevel level)
        {
            level = PermissionLevel.None;
            return text != null && Map.TryGetValue(text.Trim(), out level);
        }
    }
}
