#nullable enable
using System.Net;
using System.Net.Http;
using System.Text;
using ConnectWiseSetup.Client;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

/// <summary>
/// A response body is text however a server encodes it: UTF-8 with or without its byte order mark, UTF-16 and UTF-32 with
/// theirs, a body larger than the copy buffer, a body whose Content-Length is not sent. Names with accents and a euro sign
/// come back as sent.
/// </summary>
public class BodyDecodingTests
{
    const string Json = "[{\"id\":1,\"name\":\"Caf\u00e9 \u20ac\"}]";

    static HttpResponseMessage Bytes(byte[] body, bool announceLength = true)
    {
        HttpContent content = announceLength ? new ByteArrayContent(body) : new StreamContent(new NoLengthStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    public static IEnumerable<object[]> Encodings => new[]
    {
        new object[] { "utf-8", Encoding.UTF8.GetBytes(Json) },
        new object[] { "utf-8 with BOM", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Json)).ToArray() },
        new object[] { "utf-16 LE with BOM", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Json)).ToArray() },
        new object[] { "utf-16 BE with BOM", Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Json)).ToArray() },
        new object[] { "utf-32 BE with BOM", new UTF32Encoding(true, true).GetPreamble().Concat(new UTF32Encoding(true, true).GetBytes(Json)).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Every_encoding_a_server_may_send_is_read_as_text(string encoding, byte[] body)
    {
        foreach (var announce in new[] { true, false })
        {
            using var client = TestTenant.Client(new FakeHandler(_ => Bytes(body, announce)));
            var rows = await client.GetAsync<JArray>("company/companies");
            Assert.True("Caf\u00e9 \u20ac" == (string?)rows[0]["name"], encoding + (announce ? "" : ", no Content-Length") + ": " + rows.ToString());
        }
    }

    [Fact]
    public async Task A_body_larger_than_the_copy_buffer_arrives_whole()
    {
        var rows = new JArray(Enumerable.Range(1, 3000).Select(i => new JObject { ["id"] = i, ["name"] = "Company \u00e9 " + i }));
        var body = Encoding.UTF8.GetBytes(rows.ToString(Newtonsoft.Json.Formatting.None));
        Assert.True(body.Length > 81920);
        foreach (var announce in new[] { true, false })
        {
            using var client = TestTenant.Client(new FakeHandler(_ => Bytes(body, announce)));
            var read = await client.GetAsync<JArray>("company/companies");
            Assert.Equal(3000, read.Count);
            Assert.Equal("Company \u00e9 3000", (string?)read[2999]["name"]);
        }
    }

    /// <summary>A stream that does not tell its length, as a chunked response does not.</summary>
    sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
