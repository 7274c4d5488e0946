using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Tests.Infrastructure;
using ConnectWiseSetup.Tests.Reliability;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>
    /// A guide is untrusted text (issue 23, point 3 and the reader's part of point 5): the reader is linear in the text's
    /// size, stops when asked, reads at most 5 MB from any kind of file, keeps no user info of an address, and reads
    /// names with the characters the guide hides in them.
    /// </summary>
    public sealed class GuideHostileTests
    {
        struct Timespec { public long Seconds; public long Nanoseconds; }

        [DllImport("libc", SetLastError = true)]
        static extern int clock_gettime(int clock, out Timespec time);

        /// <summary>
        /// The processor time this thread has used, in ms: the work done, which a busy machine does not stretch as it
        /// stretches the clock on the wall (CLOCK_THREAD_CPUTIME_ID; the reader runs on the calling thread).
        /// </summary>
        static double ThreadMs()
        {
            Assert.Equal(0, clock_gettime(3, out var t));
            return t.Seconds * 1000.0 + t.Nanoseconds / 1e6;
        }

        /// <summary>The work one read of a text costs (processor time of the reading thread, ms).</summary>
        static double Read(string text)
        {
            var start = ThreadMs();
            GuideImporter.Import(text, "x");
            return ThreadMs() - start;
        }

        /// <summary>The least of three reads, after one to warm up: the cost of reading a text.</summary>
        static double Cost(string text)
        {
            Read(text);
            return Enumerable.Range(0, 3).Min(_ => Read(text));
        }

        /// <summary>The costs of two texts, read in turn (a busy machine slows both alike), the least of three each.</summary>
        static (double A, double B) Costs(string a, string b)
        {
            Read(a);
            Read(b);
            double ca = double.MaxValue, cb = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                ca = Math.Min(ca, Read(a));
                cb = Math.Min(cb, Read(b));
            }
            return (ca, cb);
        }

        public static TheoryData<string, string, int> HostileTexts => new()
        {
            // name, a unit of text, and how many units make the small text (the large is eight times that)
            { "a line of Add/", "Add/", 3000 },
            { "unclosed <a in a page", "<a ", 3000 },
            { "unclosed comments and quotes in a page", "<p x=\"<!-- <a y='", 800 },
            { "plain lines", "This is plain line of a guide about the Contacts screen, nothing more.\n", 200 },
            { "table rows that never end", "| Contacts | All | All | Add/Edit/Inquire | All | None\n", 200 },
            { "level phrases for unknown names", "Frobnicator widgets: Add/Edit/Inquire (All), Inquire Level = All; Customize: allow access to x/y\n", 200 },
        };

        [Theory]
        [MemberData(nameof(HostileTexts))]
        public void A_hostile_text_eight_times_as_long_costs_about_eight_times_as_much(string name, string unit, int units)
        {
            // Linear: eight times the text costs about eight times the work (quadratic work would cost 64 times). The factor
            // 32 leaves room for a busy machine; the texts that were quadratic cost hundreds of times more before
            // (a 32 KB line of "Add/" about 20 s, 60 KB of "<a " about 37 s, where a guide of that size reads in well under one).
            var head = unit.StartsWith("<", StringComparison.Ordinal) ? "<html><body>" : "";
            var small = head + string.Concat(Enumerable.Repeat(unit, units));
            var large = head + string.Concat(Enumerable.Repeat(unit, units * 8));
            var (a, b) = Costs(small, large);
            Assert.True(b < 32 * Math.Max(a, 1), name + ": " + small.Length + " characters cost " + a.ToString("F1") + " ms, " + large.Length + " cost " + b.ToString("F1") + " ms");
        }

        [Fact]
        public void A_line_longer_than_the_reader_reads_is_reported_not_read_whole()
        {
            var text = "Contacts: Inquire Level = All\n" + string.Concat(Enumerable.Repeat("Add/", 8000)) + "\n";
            var p = GuideImporter.Import(text, "x");
            Assert.Equal("Companies / Contacts", p.Permissions.Single().Module + " / " + p.Permissions.Single().Function);
            var unread = p.Import.Unread.Single(u => u.Line == 2);
            Assert.Equal(300, unread.Text.Length - 3);
            Assert.Contains("32000 characters; only its first " + GuideLine.MaxChars, unread.Reason);
            Assert.True(p.NeedsReview);
        }

        [Fact]
        public void A_cancelled_read_stops_with_OperationCanceled()
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => GuideImporter.Import("Contacts: Inquire Level = All", "x", null, null, cts.Token));
            Assert.ThrowsAny<OperationCanceledException>(() => GuideHtml.ToText(string.Concat(Enumerable.Repeat("<p>x</p>", 1000)), cts.Token));
        }

        [Fact]
        public async Task A_stop_during_a_long_read_ends_it_long_before_the_read_would_end()
        {
            var line = "This is plain line of a guide about the Contacts screen, nothing more.\n";
            var part = string.Concat(Enumerable.Repeat(line, 5000));
            var whole = string.Concat(Enumerable.Repeat(part, 24));
            var partCost = Cost(part);

            using var s = new PsSession();
            var run = s.RunAsync("ConvertFrom-CwIntegrationGuide -Text $T", new() { ["T"] = whole });
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(partCost / 2, 2000)));
            var sw = Stopwatch.StartNew();
            s.Stop();
            var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
            var stopCost = sw.Elapsed.TotalMilliseconds;
            Assert.Same(run, ended);
            var r = await run;
            Assert.Empty(r.Output);
            // Read whole, the text costs at least 24 times the work of a part (in time on the wall, more); stopped, it ends
            // within a fraction of that.
            Assert.True(stopCost < 4 * partCost + 1000, "the stop took " + stopCost.ToString("F0") + " ms; an eighth of the read costs " + partCost.ToString("F0") + " ms");
        }

        [Fact]
        public void A_device_that_never_ends_is_refused_after_5_MB()
        {
            using var s = new PsSession();
            var r = s.Run("ConvertFrom-CwIntegrationGuide -Path /dev/zero");
            Assert.Empty(r.Output);
            var e = r.SingleError();
            Assert.StartsWith("CwGuideUnreadable,", e.FullyQualifiedErrorId);
            Assert.Contains("larger than 5 MB", e.Exception.Message);
        }

        [DllImport("libc", SetLastError = true)]
        static extern int mkfifo(string path, uint mode);

        [Fact]
        public void A_pipe_nobody_writes_to_is_refused_after_the_time_limit()
        {
            var dir = Directory.CreateTempSubdirectory("guide-fifo-");
            var fifo = Path.Combine(dir.FullName, "guide.txt");
            try
            {
                Assert.Equal(0, mkfifo(fifo, Convert.ToUInt32("600", 8)));
                var e = Assert.Throws<CwException>(() => GuideFile.Read(fifo, CancellationToken.None, TimeSpan.FromSeconds(1)));
                Assert.Equal(ErrorIds.GuideUnreadable, e.ErrorId);
                Assert.Contains("pipe or a device", e.Message);

                // A stop ends the wait too, before the limit.
                using var cts = new CancellationTokenSource();
                cts.CancelAfter(100);
                Assert.ThrowsAny<OperationCanceledException>(() => GuideFile.Read(fifo, cts.Token, TimeSpan.FromMinutes(5)));
            }
            finally
            {
                // The readers left blocked in opening the pipe end when a writer comes and goes (opened on a thread of its
                // own: with no reader left, opening the pipe to write would block too).
                var release = new Thread(() => { using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { } }) { IsBackground = true };
                release.Start();
                release.Join(TimeSpan.FromSeconds(5));
                dir.Delete(true);
            }
        }

        [Fact]
        public void A_name_that_hides_a_zero_width_character_is_never_folded_into_another()
        {
            var p = GuideImporter.Import("Security role name: Adm\u200Bin\nMember ID: Ad\u200Bmin\nContacts: Inquire Level = All\n", "x");
            // Ordinal: a culture's comparison ignores the zero-width space, which is the confusion this guards against.
            Assert.False(string.Equals("Admin", p.RoleName, StringComparison.Ordinal), p.RoleName);
            Assert.False(string.Equals("Admin", p.MemberIdentifier, StringComparison.Ordinal), p.MemberIdentifier);
            Assert.Single(p.Permissions);
        }

        [Theory]
        [InlineData("Acme Backup - ConnectWise PSA integration guide\nContacts: Inquire Level = All", "AcmeBackup", "Acme Backup")]
        [InlineData("# Integrating Acme Backup with ConnectWise Manage\nContacts: Inquire Level = All", "AcmeBackup", "Acme Backup")]
        [InlineData("Setting up the ConnectWise Manage integration for Acme Backup\nContacts: Inquire Level = All\nRole name: Acme Reader", "AcmeBackup", "Acme Reader")]
        [InlineData("Contacts: Inquire Level = All", "vendor", "vendor")]
        public void Names_come_from_the_product_the_title_names_and_the_file_only_when_it_names_none(string text, string name, string role)
        {
            var p = GuideImporter.Import(text, "/tmp/guides/vendor.txt");
            Assert.Equal(name, p.Name);
            Assert.Equal(role, p.RoleName);
        }
    }
}
