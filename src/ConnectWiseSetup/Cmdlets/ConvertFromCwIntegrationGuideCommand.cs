using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Reads a vendor's setup guide (a text or HTML file, text from the pipeline, or a web page) into a permission
    /// profile that every -Profile parameter takes. Rows carry the guide's line numbers; a profile with lines that look
    /// like permissions but were not read is marked NeedsReview, with a warning and notes naming the lines.
    /// Sends no request, except the one GET of -Uri.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "CwIntegrationGuide", DefaultParameterSetName = TextSet)]
    [OutputType(typeof(PermissionProfile), typeof(string))]
    // Text is the default set so that strings piped with other parameters (-Name) bind to -Text; a path given by
    // position or a file object piped (FullName) still selects the Path set.
    public sealed class ConvertFromCwIntegrationGuideCommand : CwCmdletBase
    {
        const string PathSet = "Path";
        const string TextSet = "Text";
        const string UriSet = "Uri";

        /// <summary>Guide files: text or markdown copied from the vendor's page, or the page saved as HTML.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>The guide's text; lines from the pipeline (Get-Content) are joined into one guide.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string[] Text { get; set; }

        /// <summary>The guide's web page (http or https); its HTML is turned into text first.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UriSet)]
        [ValidateNotNull]
        public Uri Uri { get; set; }

        /// <summary>The profile's name (what to type after -Profile); default: from the guide's role name or the file name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>Write the profile file's JSON (about_ConnectWiseSetup_Profiles) instead of the profile object.</summary>
        [Parameter]
        public SwitchParameter AsJson { get; set; }

        readonly List<string> _text = new List<string>();

        protected override void BeginProcessing()
        {
            // A bad -Name fails before any file is read or request sent.
            try { GuideImporter.CheckName(Name); }
            catch (CwException e) { ThrowCwError(e, Name); }
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case TextSet:
                    if (Text != null) _text.AddRange(Text.Select(t => t ?? ""));
                    return;
                case UriSet:
                    var shown = Uri.IsAbsoluteUri ? GuideSource.Scrub(Uri) : Uri;
                    try
                    {
                        GuideDownloader.Check(Uri);
                        if (Uri.Scheme == System.Uri.UriSchemeHttp && !ServerAddress.IsLoopbackHost(Uri))
                            WriteWarning("Reading " + shown + " over plain http: anyone on the way can change the page. Compare the profile's rows with the guide.");
                        // The download and the reading share one time limit; a stop ends either at once.
                        Write(RunAsync(ct => GuideImporter.ImportAsync(Uri, Name, ct)));
                    }
                    catch (Exception e) { WriteCwError(e, shown); }
                    return;
                default:
                    foreach (var path in Path)
                    {
                        var full = ProfileArgument.ProviderPath(path, SessionState.Path);
                        try { Write(RunAsync(ct => Task.FromResult(GuideImporter.Import(GuideFile.Read(full, ct), full, Name, null, ct)))); }
                        catch (CwException e) { WriteCwError(e, path); }
                    }
                    return;
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != TextSet) return;
            var text = string.Join("\n", _text);
            try { Write(RunAsync(ct => Task.FromResult(GuideImporter.Import(text, "text", Name, null, ct)))); }
            catch (CwException e) { WriteCwError(e, null); }
        }

        void Write(PermissionProfile profile)
        {
            var report = profile.Import;
            WriteVerbose(profile.Name + ": " + report);
            foreach (var row in report.Rows) WriteVerbose("Read " + row + " as " + row.Shape + ".");
            if (profile.NeedsReview)
                WriteWarning("Profile '" + profile.Name + "' needs review: " + profile.Notes.First(n => n.StartsWith("NEEDS REVIEW: ", StringComparison.Ordinal)).Substring(14) +
                             " See its Notes and Import.Unread.");
            if (AsJson) WriteObject(ProfileJson.Serialize(profile));
            else WriteObject(profile);
        }
    }
}
