using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// Turns a vendor's setup guide (text, or HTML turned into text) into a <see cref="PermissionProfile"/>: the rows,
    /// Customize lists and names <see cref="GuideParser"/> reads, the module's defaults where the guide names nothing,
    /// and notes that say what was not understood (the profile is then marked <see cref="PermissionProfile.NeedsReview"/>).
    /// ConvertFrom-CwIntegrationGuide is its cmdlet.
    /// </summary>
    public static class GuideImporter
    {
        /// <summary>At most this many unread lines are named one by one in the notes.</summary>
        const int NotedLines = 25;

        /// <summary>
        /// The profile a guide gives. <paramref name="source"/>: where it came from (a path, an address, "text");
        /// <paramref name="name"/>: the profile's name (default: from the role name or the source); <paramref name="readOn"/>:
        /// the date it was read (default: today, UTC). A bad <paramref name="name"/> is a CwInvalidArgument error.
        /// </summary>
        public static PermissionProfile Import(string text, string source, string name = null, DateTime? readOn = null)
            => Import(text, source, name, readOn, CancellationToken.None);

        /// <summary>
        /// <see cref="Import(string, string, string, DateTime?)"/> that stops when <paramref name="cancel"/> is cancelled
        /// (OperationCanceledException): the reader checks it on every line and every HTML token, and reads in time linear
        /// in the text's length.
        /// </summary>
        public static PermissionProfile Import(string text, string source, string name, DateTime? readOn, CancellationToken cancel)
        {
            CheckName(name);
            text = GuideHtml.Readable(text, cancel, out var cut);

            var report = new GuideImportReport { Source = GuideSource.Scrub(source) ?? "text" };
            new GuideParser(text, report, cancel, cut).Parse();
            var date = (readOn ?? DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return ToProfile(report, name, date);
        }

        /// <summary>
        /// The guide at <paramref name="uri"/> read into a profile: the download and the reading together within
        /// <see cref="GuideDownloader.Limit"/> (a CwTimeout error past it), stopped by <paramref name="cancel"/>.
        /// </summary>
        public static async Task<PermissionProfile> ImportAsync(Uri uri, string name, CancellationToken cancel)
        {
            CheckName(name);
            GuideDownloader.Check(uri);
            var limit = GuideDownloader.Limit;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                timeout.CancelAfter(limit);
                try
                {
                    var page = await GuideDownloader.GetAsync(uri, timeout.Token).ConfigureAwait(false);
                    AfterDownload?.Invoke();
                    return Import(page.Text, page.Address.ToString(), name, null, timeout.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    throw new CwException(ErrorIds.Timeout, System.Management.Automation.ErrorCategory.OperationTimeout,
                        "The guide at " + GuideSource.Scrub(uri.ToString()) + " was not downloaded and read within " + limit.TotalSeconds + " seconds.", GuideSource.Scrub(uri.ToString()));
                }
            }
        }

        /// <summary>Tests only: runs between the download and the reading (to show the time limit covers the reading).</summary>
        internal static Action AfterDownload;

        /// <summary>A profile name must be typeable after -Profile: CwInvalidArgument otherwise (null is fine: a default is made). The rule is <see cref="ProfileJson.CheckName"/>'s.</summary>
        public static void CheckName(string name) => ProfileJson.CheckName(name);

        static PermissionProfile ToProfile(GuideImportReport report, string name, string date)
        {
            var notes = new List<string>();
            // A name with hidden characters (zero-width, bidi, control) is never a source of other names: dropping them
            // would fold "Adm<U+200B>in" into "Admin".
            // The product the guide's title names, else the role it names, else the file or page; never a name with hidden characters.
            var display = name ?? Visible(report.Product) ?? Visible(report.RoleName) ?? Visible(SourceName(report.Source)) ?? "Imported guide";
            var profileName = name ?? NameOf(display);

            // The module's one names rule (InputValidator.NameProblem) decides which names the guide gives are usable.
            var role = Usable(NameKind.RoleName, report.RoleName, out var roleProblem);
            if (role == null)
            {
                role = display.Length > InputValidator.MaxLength(NameKind.RoleName) ? display.Substring(0, InputValidator.MaxLength(NameKind.RoleName)).TrimEnd() : display;
                notes.Add(report.RoleName == null
                    ? "The guide names no role; this profile calls it '" + role + "' (override with -RoleName)."
                    : "The guide's role name '" + report.RoleName + "' is not one ConnectWise takes: " + roleProblem + " This profile calls it '" + role + "'.");
            }
            var identifier = Usable(NameKind.MemberIdentifier, report.MemberIdentifier, out var identifierProblem);
            if (identifier == null)
            {
                identifier = new string(profileName.Where(c => c < 128 && char.IsLetterOrDigit(c)).ToArray());
                var max = InputValidator.MaxLength(NameKind.MemberIdentifier);
                if (identifier.Length > max) identifier = identifier.Substring(0, max);
                if (identifier.Length == 0) identifier = "Integration";
                notes.Add(report.MemberIdentifier == null
                    ? "The guide names no Member ID; this profile uses '" + identifier + "' (override with -Identifier)."
                    : "The guide's Member ID '" + report.MemberIdentifier + "' is not one ConnectWise takes: " + identifierProblem + " This profile uses '" + identifier + "'.");
            }
            var memberName = Usable(NameKind.MemberName, report.MemberName, out _) ?? (report.MemberIdentifier != null ? identifier : role);
            var key = Usable(NameKind.KeyDescription, report.KeyDescription, out _) ?? display;

            var profile = new PermissionProfile
            {
                Name = profileName,
                DisplayName = display,
                Source = report.Source,
                SourceRead = date,
                Origin = "imported from " + report.Source,
                RoleName = role,
                MemberIdentifier = identifier,
                MemberName = memberName.Length > InputValidator.MaxLength(NameKind.MemberName) ? memberName.Substring(0, InputValidator.MaxLength(NameKind.MemberName)).TrimEnd() : memberName,
                KeyDescription = key,
                NeedsReview = report.NeedsReview,
                Import = report,
            };
            profile.VendorValues.AddRange(VendorValue.Standard());
            foreach (var r in report.Rows) profile.Permissions.Add(r.ForProfile());
            profile.Customize.AddRange(report.Customize);

            profile.Notes.Add("Read from " + report.Source + " by ConvertFrom-CwIntegrationGuide on " + date + ": " + report.Rows.Count + " row" + (report.Rows.Count == 1 ? "" : "s") +
                              (report.Rows.Count > 0 ? " (" + report.Shapes + ")" : "") + (report.Customize.Count > 0 ? ", " + report.Customize.Count + " Customize list" + (report.Customize.Count == 1 ? "" : "s") : "") +
                              ". Check it against the guide before installing it.");
            if (report.NeedsReview)
                profile.Notes.Add("NEEDS REVIEW: " + ReviewSummary(report) + " Read the guide at the lines named below and fix a copy of this profile (ConvertFrom-CwIntegrationGuide -AsJson writes one).");
            if (report.Rows.Count == 0)
                profile.Notes.Add("No permission row was read: the guide states no level the module can read (None, My or All for Add, Edit, Delete or Inquire).");
            foreach (var u in report.Unread.Take(NotedLines)) profile.Notes.Add("Line " + u.Line + " was not read: " + u.Reason + ".");
            if (report.Unread.Count > NotedLines) profile.Notes.Add((report.Unread.Count - NotedLines) + " more lines were not read (see Import.Unread).");
            foreach (var u in report.Unknown) profile.Notes.Add("Line " + u.Line + ": '" + u.Name + "' is not a " + (u.Kind == "function" ? "row" : u.Kind + " item") + " the module knows" +
                                                                 (u.Closest.Count > 0 ? "; closest: " + string.Join(", ", u.Closest) : "") + ".");
            profile.Notes.AddRange(report.Conditional);
            profile.Notes.AddRange(report.Conflicts);
            profile.Notes.AddRange(report.Doubts);
            profile.Notes.AddRange(notes);
            return profile;
        }

        static string ReviewSummary(GuideImportReport report)
        {
            var parts = new List<string>();
            if (report.Unread.Count > 0) parts.Add((report.Unread.Count == 1 ? "line " : "lines ") + GuideLines.Format(report.Unread.Select(u => u.Line)) + (report.Unread.Count == 1 ? " looks" : " look") + " like permissions but " + (report.Unread.Count == 1 ? "was" : "were") + " not read");
            if (report.Unknown.Count > 0) parts.Add(report.Unknown.Count + " name" + (report.Unknown.Count == 1 ? " is" : "s are") + " not in the module's catalogue (line " + GuideLines.Format(report.Unknown.Select(u => u.Line)) + ")");
            if (report.Conflicts.Count > 0) parts.Add(report.Conflicts.Count + " level" + (report.Conflicts.Count == 1 ? " is" : "s are") + " given two values");
            if (report.Conditional.Count > 0) parts.Add(report.Conditional.Count + (report.Conditional.Count == 1 ? " row or level is" : " rows or levels are") + " optional (the guide puts a condition on " + (report.Conditional.Count == 1 ? "it" : "them") + "): keep or drop " + (report.Conditional.Count == 1 ? "it" : "them"));
            if (report.Doubts.Count > 0) parts.Add(report.Doubts.Count + " row" + (report.Doubts.Count == 1 ? " gives" : "s give") + " Add, Edit or Delete without Inquire");
            if (report.Rows.Count == 0) parts.Add("no row was read");
            return string.Join("; ", parts) + ".";
        }

        /// <summary>The text when every character of it shows (no control or format character), else null.</summary>
        static string Visible(string text)
            => text == null || text.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) ? null : text;

        /// <summary>The name when the names rule takes it, else null and the rule's sentence.</summary>
        static string Usable(NameKind kind, string value, out string problem)
        {
            problem = null;
            if (value == null) return null;
            problem = InputValidator.NameProblem(kind, value, out var cleaned);
            return problem == null ? cleaned : null;
        }

        /// <summary>A profile name from a display name: letters, digits, '_', '-', '.' ("MSP Process" gives MSPProcess).</summary>
        internal static string NameOf(string display)
        {
            var sb = new StringBuilder();
            foreach (var c in display ?? "")
                if (c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) sb.Append(c);
            var name = sb.ToString().TrimStart('_', '-', '.');
            if (name.Length > 64) name = name.Substring(0, 64);
            return name.Length == 0 ? "ImportedGuide" : name;
        }

        /// <summary>The file name without its extension, or an address's host and last path part.</summary>
        static string SourceName(string source)
        {
            if (string.IsNullOrEmpty(source) || source == "text") return null;
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                var last = uri.Segments.LastOrDefault(s => s.Trim('/').Length > 0)?.Trim('/');
                return string.IsNullOrEmpty(last) ? uri.Host : Uri.UnescapeDataString(last);
            }
            var file = System.IO.Path.GetFileNameWithoutExtension(source);
            return string.IsNullOrEmpty(file) ? null : file;
        }
    }
}
