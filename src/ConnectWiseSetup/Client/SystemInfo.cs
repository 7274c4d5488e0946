using System.Text.RegularExpressions;

namespace ConnectWiseSetup.Client
{
    /// <summary>The body of <c>GET /system/info</c>.</summary>
    internal sealed class SystemInfo
    {
        private static readonly Regex VersionPattern = new Regex(@"([0-9]{4})\.([0-9]{1,2})", RegexOptions.CultureInvariant);

        public string Version { get; set; }
        public bool? IsCloud { get; set; }
        public string ServerTimeZone { get; set; }
        public string CloudRegion { get; set; }

        /// <summary><c>v2025.1.10473</c> gives <c>2025.1</c>; null when the version is not in that form.</summary>
        public static string ApiVersionOf(string version)
        {
            if (string.IsNullOrEmpty(version)) return null;
            var m = VersionPattern.Match(version);
            return m.Success ? m.Groups[1].Value + "." + int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
    }
}
