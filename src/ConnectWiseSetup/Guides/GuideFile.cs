using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// Reads a guide file for ConvertFrom-CwIntegrationGuide -Path: text (UTF-8 unless a byte-order mark says
    /// otherwise), at most <see cref="MaxBytes"/>. Any failure is a CwGuideUnreadable error naming the file.
    /// </summary>
    public static class GuideFile
    {
        /// <summary>The most a guide file may hold (the same bound as a page read by -Uri).</summary>
        public const int MaxBytes = 5 * 1024 * 1024;

        /// <summary>The text of the guide file at <paramref name="path"/> (a provider path already resolved to the file system).</summary>
        public static string Read(string path)
        {
            try
            {
                if (!File.Exists(path))
                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.ObjectNotFound, "There is no guide file '" + path + "'.", path);
                var info = new FileInfo(path);
                if (info.Length > MaxBytes)
                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidData, "The guide file '" + path + "' is larger than 5 MB; is it a guide?", path);
                var text = File.ReadAllText(path, new UTF8Encoding(false));
                if (text.IndexOf('\0') >= 0)
                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidData, "The guide file '" + path + "' is not text (a PDF or a document?). Copy the guide's text into a .txt or markdown file, or save the web page as HTML.", path);
                return text;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.ReadError, "Could not read the guide file '" + path + "': " + e.Message, path, e);
            }
        }
    }
}
