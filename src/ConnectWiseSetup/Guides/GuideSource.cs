using System;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// A guide's address as the module keeps and prints it: without user info ("user:password@"), which is never sent,
    /// stored in a profile (Source, Notes, -AsJson) or echoed in a message.
    /// </summary>
    public static class GuideSource
    {
        /// <summary>The address without its user info; any other source (a path, "text") as it is.</summary>
        public static string Scrub(string source)
        {
            if (string.IsNullOrEmpty(source) || source.IndexOf('@') < 0) return source;
            return Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile ? Scrub(uri).ToString() : source;
        }

        /// <summary>The address without its user info.</summary>
        public static Uri Scrub(Uri uri)
        {
            if (uri == null || !uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.UserInfo)) return uri;
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        }
    }
}
