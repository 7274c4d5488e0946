using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// Reads a guide file for ConvertFrom-CwIntegrationGuide -Path: text (UTF-8 unless a byte-order mark says
    /// otherwise), at most <see cref="MaxBytes"/> whatever the file is. The length a file reports is not trusted (a device
    /// such as /dev/zero reports 0 and never ends): the bytes are read through a bound, on a thread of their own, and a
    /// file that gives no end within <see cref="Limit"/> (a pipe nobody writes to blocks even its opening) is refused.
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
                if (new FileInfo(path).Length > MaxBytes) throw TooLarge(path);

                // Opening a pipe blocks until someone writes to it, and no call can be cancelled there: the read runs on a
                // background thread of its own that is left behind if it never ends.
                var done = new TaskCompletionSource<byte[]>();
                var reader = new Thread(() =>
                {
                    try { done.TrySetResult(ReadBounded(path, cancel)); }
                    catch (Exception e) { done.TrySetException(e); }
                }) { IsBackground = true, Name = "ConvertFrom-CwIntegrationGuide file" };
                reader.Start();
                if (!done.Task.Wait((int)Math.Min(int.MaxValue, limit.TotalMilliseconds), cancel))
                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.ReadError,
                        "The guide file '" + path + "' gave no end of text within " + limit.TotalSeconds + " seconds: is it a pipe or a device? Copy the guide's text into a .txt or markdown file.", path);
                var bytes = done.Task.GetAwaiter().GetResult();
                var text = GuideDownloader.Decode(bytes, null);
                if (text.IndexOf('\0') >= 0)
                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidData, "The guide file '" + path + "' is not text (a PDF or a document?). Copy the guide's text into a .txt or markdown file, or save the web page as HTML.", path);
                return text;
            }
            catch (AggregateException e) when (e.InnerException is OperationCanceledException || e.InnerException is CwException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.ReadError, "Could not read the guide file '" + path + "': " + e.Message, path, e);
            }
        }

        /// <summary>At most <see cref="MaxBytes"/> bytes; one more is a CwGuideUnreadable error.</summary>
        static byte[] ReadBounded(string path, CancellationToken cancel)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096))
            using (var buffer = new MemoryStream())
            {
                var chunk = new byte[81920];
                int read;
                while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (buffer.Length + read > MaxBytes) throw TooLarge(path);
                    buffer.Write(chunk, 0, read);
                }
                return buffer.ToArray();
            }
        }

        static CwException TooLarge(string path)
            => new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidData, "The guide file '" + path + "' is larger than " + (MaxBytes / 1024 / 1024) + " MB; is it a guide?", path);
    }
}
