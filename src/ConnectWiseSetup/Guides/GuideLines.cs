using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>Formats line numbers as ranges: 3-5, 9.</summary>
    public static class GuideLines
    {
        public static string Format(IEnumerable<int> lines)
        {
            var sorted = (lines ?? Enumerable.Empty<int>()).Distinct().OrderBy(n => n).ToList();
            var parts = new List<string>();
            for (var i = 0; i < sorted.Count; i++)
            {
                var start = sorted[i];
                while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1) i++;
                parts.Add(start == sorted[i] ? start.ToString(System.Globalization.CultureInfo.InvariantCulture)
                                              : start.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + sorted[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return string.Join(", ", parts);
        }
    }
}
