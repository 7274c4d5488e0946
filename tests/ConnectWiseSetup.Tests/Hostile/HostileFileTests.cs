using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using Xunit;

namespace ConnectWiseSetup.Tests.Hostile;

/// <summary>
/// Files a person names that are not what they seem (a profile that is a pipe), and a key object that would keep a
/// URL's user info: issue 23's last low items.
/// </summary>
public class HostileFileTests
{
    [DllImport("libc", SetLastError = true)]
    static extern int mkfifo(string path, uint mode);

    [Fact]
    public void A_profile_file_that_is_a_pipe_nobody_writes_to_is_refused_after_the_limit_or_at_a_stop()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            throw new InvalidOperationException("This test makes a named pipe with mkfifo: it runs on Linux or macOS (CI is Linux).");
        var dir = Directory.CreateTempSubdirectory("profile-fifo-");
        var fifo = Path.Combine(dir.FullName, "vendor.json");
        try
        {
            Assert.Equal(0, mkfifo(fifo, Convert.ToUInt32("600", 8)));
            var e = Assert.Throws<ProfileFormatException>(() => ProfileCatalog.LoadFile(fifo, TimeSpan.FromSeconds(1), CancellationToken.None));
            Assert.Equal(ErrorIds.InvalidProfile, e.ErrorId);
            Assert.Contains("no end of text within 1 seconds", e.Message);
            Assert.Contains(fifo, e.Message);

            // A stop ends the wait before the limit.
            using var cts = new CancellationTokenSource();
            cts.CancelAfter(100);
            Assert.ThrowsAny<OperationCanceledException>(() => ProfileCatalog.LoadFile(fifo, TimeSpan.FromMinutes(5), cts.Token));

            // The public entry point (what -Profile uses) has a bound too, and it is short: a profile is a few KB on a disk.
            Assert.InRange(ProfileCatalog.FileLimit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        }
        finally
        {
            // The readers left blocked in opening the pipe end when a writer comes and goes.
            var release = new Thread(() => { using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { } }) { IsBackground = true };
            release.Start();
            release.Join(TimeSpan.FromSeconds(5));
            dir.Delete(true);
        }
    }

    [Fact]
    public void A_profile_file_read_through_the_bound_still_parses_and_a_device_is_refused_at_the_bound()
    {
        var dir = Directory.CreateTempSubdirectory("profile-ok-");
        try
        {
            var file = Path.Combine(dir.FullName, "p.json");
            // With a byte order mark: the encoding it names is honoured.
            File.WriteAllText(file, "{\"name\":\"Acme\",\"role\":{\"name\":\"Acme\",\"permissions\":[{\"module\":\"Companies\",\"function\":\"Contacts\",\"inquire\":\"All\"}]}," +
                "\"apiMember\":{\"identifier\":\"AcmeAPI\",\"name\":\"Acme API\"},\"apiKey\":{\"description\":\"Acme\"}}", new System.Text.UTF8Encoding(true));
            var p = ProfileCatalog.LoadFile(file);
            Assert.Equal("Acme", p.Name);
            Assert.Single(p.Permissions);
            if (OperatingSystem.IsLinux())
            {
                var e = Assert.Throws<ProfileFormatException>(() => ProfileCatalog.LoadFile("/dev/zero"));
                Assert.Contains("larger than 1 MB", e.Message);
            }
        }
        finally { dir.Delete(true); }
    }

    [Theory]
    [InlineData("https://vendor:hunter2@cw.example.com", "https://cw.example.com")]
    [InlineData("vendor:hunter2@cw.example.com", "cw.example.com")]
    [InlineData("https://cw.example.com", "https://cw.example.com")]
    public void A_key_object_never_keeps_a_urls_user_info(string server, string kept)
    {
        using var secret = new SecureString();
        foreach (var c in "PrivateAbcd1234x") secret.AppendChar(c);
        var key = new CwApiKey(new MemberReference { Id = 7, Identifier = "Acme" }, "Acme key", "PublicAbcd1234", secret,
            server, "contoso", "client-id", "v2025_1", DateTime.UtcNow);
        Assert.Equal(kept, key.Server);
        Assert.DoesNotContain("hunter2", key.ToString());
    }
}
