using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.WebSockets.Tests.Support;

/// <summary>A throwaway CA and a "localhost"/127.0.0.1 server certificate it signed, made fresh per run.</summary>
internal sealed class TestCertificates : IDisposable
{
    public X509Certificate2 Ca { get; }
    public X509Certificate2 Server { get; }
    /// <summary>The CA in a PEM file, for the client's CaBundlePath.</summary>
    public string CaBundlePath { get; }

    public TestCertificates()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Appliance Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = request.Create(Ca, now.AddDays(-1), now.AddDays(29), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(serverKey);
        // Round-trip through PKCS#12 so the key is usable by the TLS stack like a loaded certificate.
        Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        CaBundlePath = Path.Combine(Path.GetTempPath(), $"appliance-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(CaBundlePath, Ca.ExportCertificatePem());
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        File.Delete(CaBundlePath);
    }
}
