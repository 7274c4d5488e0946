using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// Reads a file a person named (a guide, a profile) without trusting it: at most a given number of bytes whatever length
    /// the file reports (a device such as /dev/zero reports 0 and never ends), and on a background thread of its own, so that
    /// a pipe nobody writes to (which blocks even its opening, where no call can be cancelled) is given up after a time limit
    /// or at a stop. The thread left blocked in such an opening ends when the pipe gets a writer, or with the process.
    /// Callers turn <see cref="Refusal"/> into their own error (CwGuideUnreadable, CwInvalidProfile); I/O errors pass through.
    /// </summary>
    internal static class BoundedFile
    {
        /// <summary>Why a file was not read: it holds more than the bound, or it gave no end within the time limit.</summary>
        internal sealed class Refusal : Exception
        {
            public Refusal(bool tooLarge) : base(tooLarge ? "The file is larger than the bound." : "The file gave no end within the time limit.")
            {
                TooLarge = tooLarge;
            }

            /// <summary>True: more than the bound; false: no end of text within the time limit (a pipe or a device).</summary>
            public bool TooLarge { get; }
        }

        /// <summary>The bytes of <paramref name="path"/>: at most <paramref name="maxBytes"/>, within <paramref name="limit"/>, ended early by <paramref name="cancel"/>.</summary>
        public static byte[] Read(string path, int maxBytes, TimeSpan limit, CancellationToken cancel)
        {
            if (new FileInfo(path).Length > maxBytes) throw new Refusal(true);
            var done = new TaskCompletionSource<byte[]>();
            var reader = new Thread(() =>
            {
                try { done.TrySetResult(ReadUpTo(path, maxBytes, cancel)); }
                catch (Exception e) { done.TrySetException(e); }
            }) { IsBackground = true, Name = "ConnectWiseSetup bounded file read" };
            reader.Start();
            try
            {
                if (!done.Task.Wait((int)Math.Min(int.MaxValue, limit.TotalMilliseconds), cancel)) throw new Refusal(false);
                return done.Task.GetAwaiter().GetResult();
            }
            catch (AggregateException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        static byte[] ReadUpTo(string path, int maxBytes, CancellationToken cancel)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096))
            using (var buffer = new MemoryStream())
            {
                var chunk = new byte[81920];
                int read;
                while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (buffer.Length + read > maxBytes) throw new Refusal(true);
                    buffer.Write(chunk, 0, read);
                }
                return buffer.ToArray();
            }
        }
    }
}
