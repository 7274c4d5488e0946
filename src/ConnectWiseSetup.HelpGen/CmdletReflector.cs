using System.Management.Automation;
using System.Reflection;

namespace ConnectWiseSetup.HelpGen
{
    public sealed class CmdletInfoModel
    {
        public string Name { get; set; }
        public string Verb { get; set; }
        public string Noun { get; set; }
        public string DefaultSet { get; set; }
        public bool SupportsShouldProcess { get; set; }
        public List<ParameterModel> Parameters { get; } = new();
        public List<string> OutputTypes { get; } = new();

        /// <summary>The parameter set names in a stable order (the default first); one unnamed set when none is named.</summary>
        public List<string> Sets()
        {
            var named = Parameters.SelectMany(p => p.Sets.Keys).Where(s => s != ParameterAttribute.AllParameterSets).Distinct().ToList();
            if (named.Count == 0) return new List<string> { ParameterAttribute.AllParameterSets };
            return named.OrderBy(s => s == DefaultSet ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal).ToList();
        }
    }

    public sealed class ParameterModel
    {
        public string Name { get; set; }
        public Type Type { get; set; }
        public string TypeName { get; set; }
        public List<string> Aliases { get; } = new();
        /// <summary>Set name (or __AllParameterSets) to that set's attribute.</summary>
        public Dictionary<string, ParameterAttribute> Sets { get; } = new();
        public bool IsSwitch => Type == typeof(SwitchParameter);
        public bool Globbing { get; set; }
        /// <summary>What Get-Help shows as "Default value": [PSDefaultValue(Help)] when the cmdlet says it, else the value a new instance holds, else None.</summary>
        public string DefaultValue { get; set; } = "None";
        /// <summary>True when any parameter set takes it from the pipeline (by value or by property name).</summary>
        public bool FromPipeline => Sets.Values.Any(a => a.ValueFromPipeline || a.ValueFromPipelineByPropertyName);

        public ParameterAttribute In(string set) =>
            Sets.TryGetValue(set, out var a) ? a : Sets.TryGetValue(ParameterAttribute.AllParameterSets, out var all) ? all : null;
    }

    /// <summary>What the cmdlet classes of the module say about themselves: names, parameter sets, types, positions, pipeline input.</summary>
    public static class CmdletReflector
    {
        public static List<CmdletInfoModel> Read(Assembly assembly)
        {
            var list = new List<CmdletInfoModel>();
            foreach (var type in assembly.GetExportedTypes().Where(t => typeof(Cmdlet).IsAssignableFrom(t) && !t.IsAbstract))
            {
                var attr = type.GetCustomAttribute<CmdletAttribute>();
                if (attr == null) continue;
                var model = new CmdletInfoModel
                {
                    Name = attr.VerbName + "-" + attr.NounName, Verb = attr.VerbName, Noun = attr.NounName,
                    DefaultSet = attr.DefaultParameterSetName, SupportsShouldProcess = attr.SupportsShouldProcess,
                };
                foreach (var o in type.GetCustomAttributes<OutputTypeAttribute>())
                    foreach (var t in o.Type) model.OutputTypes.Add(t.Name);
                // A new instance holds each parameter's default (ThrottleLimit = 8, Timeout = 00:30:00, ...).
                object fresh = null;
                try { fresh = Activator.CreateInstance(type); }
                catch (Exception) { /* no parameterless constructor: defaults come from [PSDefaultValue] only */ }
                foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
                {
                    var ps = prop.GetCustomAttributes<ParameterAttribute>().ToList();
                    if (ps.Count == 0) continue;
                    var p = new ParameterModel { Name = prop.Name, Type = prop.PropertyType, TypeName = FriendlyName(prop.PropertyType) };
                    foreach (var a in ps) p.Sets[a.ParameterSetName ?? ParameterAttribute.AllParameterSets] = a;
                    foreach (var al in prop.GetCustomAttributes<AliasAttribute>()) p.Aliases.AddRange(al.AliasNames);
                    p.Globbing = prop.GetCustomAttributes<SupportsWildcardsAttribute>().Any();
                    p.DefaultValue = DefaultOf(prop, fresh);
                    model.Parameters.Add(p);
                }
                list.Add(model);
            }
            return list.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        }

        static string DefaultOf(PropertyInfo prop, object fresh)
        {
            var said = prop.GetCustomAttribute<PSDefaultValueAttribute>();
            if (said != null) return said.Help ?? Convert.ToString(said.Value, System.Globalization.CultureInfo.InvariantCulture);
            if (prop.PropertyType == typeof(SwitchParameter)) return "False";
            var value = fresh == null || !prop.CanRead ? null : prop.GetValue(fresh);
            if (value == null) return "None";
            var type = prop.PropertyType;
            if (type.IsValueType && value.Equals(Activator.CreateInstance(type))) return "None";
            return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        public static string FriendlyName(Type t)
        {
            if (t.IsArray) return FriendlyName(t.GetElementType()) + "[]";
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Nullable<>)) return FriendlyName(t.GetGenericArguments()[0]);
            if (t.IsGenericType) return t.Name.Substring(0, t.Name.IndexOf('`')) + "[" + string.Join(",", t.GetGenericArguments().Select(FriendlyName)) + "]";
            return t.Name;
        }
    }
}
