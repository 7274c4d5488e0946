using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator;

/// <summary>The JSON connection file the command line writes: what a client needs to connect.</summary>
public static class ConnectionFile
{
    /// <summary>{server, companyId, clientId, publicKey, privateKey, operatorToken, operatorUrl} for the first tenant,
    /// plus tenants[] when there are several, and certificate when https.</summary>
    public static JObject Build(SimulatorServer server)
    {
        var first = server.Tenants[0];
        var o = Tenant(first);
        o.AddFirst(new JProperty("server", server.BaseUrl.ToString().TrimEnd('/')));
        o["operatorToken"] = server.OperatorToken;
        o["operatorUrl"] = server.OperatorUrl.ToString();
        if (server.CertificatePath != null) o["certificate"] = server.CertificatePath;
        if (server.Tenants.Count > 1) o["tenants"] = new JArray(server.Tenants.Select(Tenant));
        return o;
    }

    private static JObject Tenant(TenantInfo t) => new()
    {
        ["companyId"] = t.CompanyId, ["clientId"] = t.ClientId, ["publicKey"] = t.PublicKey, ["privateKey"] = t.PrivateKey,
        ["adminMemberIdentifier"] = t.AdminMemberIdentifier, ["adminRoleName"] = t.AdminRoleName,
    };

    /// <summary>Writes the file (atomically: temp file then move).</summary>
    public static void Write(SimulatorServer server, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp";
        File.WriteAllText(tmp, Build(server).ToString(Formatting.Indented));
        File.Move(tmp, full, overwrite: true);
    }
}
