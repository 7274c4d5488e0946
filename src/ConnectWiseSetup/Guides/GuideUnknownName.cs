using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>A function or Customize item a guide names that the module's catalogue does not know, with the closest it knows.</summary>
    public sealed class GuideUnknownName
    {
        public int Line { get; set; }
        /// <summary>The name as the guide writes it.</summary>
        public string Name { get; set; }
        /// <summary>"function" or the Customize list's identifier (e.g. SystemTableSetup).</summary>
        public string Kind { get; set; }
        public IReadOnlyList<string> Closest { get; set; } = new string[0];
        public override string ToString() => "line " + Line + ": '" + Name + "' is not a " + (Kind == "function" ? "function" : Kind + " item") + " the module knows" +
                                             (Closest.Count > 0 ? " (closest: " + string.Join(", ", Closest) + ")" : "");
    }
}
