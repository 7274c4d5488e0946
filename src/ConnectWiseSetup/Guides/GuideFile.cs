using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// Reads a guide file for ConvertFrom-CwIntegrationGuide -Path: text (UTF-8 unless a byte-order mark says
    /// otherwise), at most <see cref="MaxBytes"/> whatever the file is, within <see cref="Limit"/> (<see cref="BoundedFile"/>:
    /// a device such as /dev/zero or a pipe nobody writes to is refused).
    /// Any failure is a CwGuideUnreadable error naming the file.
    /// </summary>
    public static class GuideFile
    {
        /// <summary>The most a guide file may hold (the same bound as a page read by -Uri).</summary>
        public const int MaxBytes = 5 * 1024 * 1024;

        /// <summary>The time a guide file may take to open and be read (the same limit as a page read by -Uri).</summary>
        public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

        /// <summary>The text of the guide file at <paramref name="path"/> (a provider path already resolved to the file system).</summary>
        public static string Read(string path, CancellationToken cancel = default(CancellationToken)) => Read(path, cancel, Limit);

        internal static string Read(string path, CancellationToken cancel, TimeSpan limit)
        {
            try
            {
                if (!File.Exists(path))
                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.ObjectNotFound, "There is no guide file '" + path + "'.", path);
                byte[] bytes;
                try { bytes = BoundedFile.Read(path, MaxBytes, limit, cancel); }
                catch (BoundedFile.Refusal refusal) when (refusal.TooLarge) { throw TooLarge(path); }
                catch (BoundedFile.Refusal)
                {
                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.ReadError,
                        "The guide file '" + path + "' gave no end of text within " + limit.TotalSeconds + " seconds: is it a pipe or a device? Copy the guide's text into a .txt or markdown file.", path);
                }
                var text = GuideDownloader.Decode(bytes, null);
                if (text.IndexOf('\0') >= 0)
                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidData, "The guide file '" + path + "' is not text (a PDF or a document?). Copy the guide's text into a .txt or markdown file, or save the web page as HTML.", path);
                return text;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.ReadError, "Could not read the guide file '" + path + "': " + e.Message, path, e);
            }
        }

        static CwException TooLarge(string path)
            => new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidData, "The guide file '" + path + "' is larger than " + (MaxBytes / 1024 / 1024) + " MB; is it a guide?", path);
    }
}
