using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnectWiseSetup.Simulator;

/// <summary>A self-signed loopback certificate (SAN 127.0.0.1 and localhost), made at start.</summary>
public static class Certificates
{
    public const string PemFileName = "simulator-cert.pem";

    /// <summary>Returns the public certificate; pfx is the same with its private key, for Kestrel.</summary>
    public static X509Certificate2 CreateSelfSigned(out X509Certificate2 pfx)
    {
        using var key = RSA.Create(2048);
        var req = new CertificateRequest("CN=ConnectWiseSetup Simulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        pfx = X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
        return X509CertificateLoader.LoadCertificate(cert.Export(X509ContentType.Cert));
    }

    /// <summary>Writes the certificate (public part only) as PEM into the directory; returns the path.</summary>
    public static string WritePem(X509Certificate2 cert, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, PemFileName);
        File.WriteAllText(path, cert.ExportCertificatePem() + Environment.NewLine);
        return path;
    }
}
