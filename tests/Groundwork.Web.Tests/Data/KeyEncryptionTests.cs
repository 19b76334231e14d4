using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Groundwork.Web.Tests.Data;

/// <summary>
/// The Data Protection keys sit in the database next to the QuickBooks tokens they protect; with a key-encryption
/// setting, a copy of the database alone no longer opens them, and the app still reads its own keys after a restart.
/// </summary>
[Trait("Category", "Database")]
public sealed class KeyEncryptionTests
{
    private const string Purpose = "Groundwork.Tests.KeyEncryption";

    [Fact]
    public async Task KeyEncryptionKey_Set_StoresEncryptedKeysThatOpenAfterRestart()
    {
        await using var database = new GroundworkAppFactory();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var (sealedText, xml) = await ProtectAsync(database.WithWebHostBuilder(b => b.UseSetting("DataProtection:KeyEncryptionKey", key)));

        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.Contains("AesGcmXmlDecryptor", xml, StringComparison.Ordinal);
        Assert.Equal("refresh-token", Unprotect(database.WithWebHostBuilder(b => b.UseSetting("DataProtection:KeyEncryptionKey", key)), sealedText));
        var otherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Assert.ThrowsAny<CryptographicException>(() => Unprotect(database.WithWebHostBuilder(b => b.UseSetting("DataProtection:KeyEncryptionKey", otherKey)), sealedText));
    }

    [Fact]
    public async Task Certificate_Set_StoresEncryptedKeysThatOpenAfterRestart()
    {
        await using var database = new GroundworkAppFactory();
        var pfx = Path.Combine(Path.GetTempPath(), $"gw-keys-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Groundwork key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse("2036-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }
        try
        {
            WebApplicationFactory<Web.Program> WithCertificate() => database.WithWebHostBuilder(b => b
                .UseSetting("DataProtection:CertificatePath", pfx).UseSetting("DataProtection:CertificatePassword", "pfx-password"));

            var (sealedText, xml) = await ProtectAsync(WithCertificate());

            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.Equal("refresh-token", Unprotect(WithCertificate(), sealedText));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Startup_OutsideDevelopmentWithoutKeyEncryption_WarnsThatKeysAreUnencrypted()
    {
        await using var database = new GroundworkAppFactory();
        var plainLogs = new LogCapture();
        var encryptedLogs = new LogCapture();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        await using (var plain = database.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(plainLogs))))
        {
            _ = plain.Server;
        }
        await using (var encrypted = database.WithWebHostBuilder(b => b.UseSetting("DataProtection:KeyEncryptionKey", key)
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(encryptedLogs))))
        {
            _ = encrypted.Server;
        }

        Assert.Contains(plainLogs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Data Protection keys are stored unencrypted", StringComparison.Ordinal));
        Assert.DoesNotContain(encryptedLogs.Entries, e => e.Message.Contains("Data Protection keys are stored unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyEncryptionKey_TurnedOnWhileAPlaintextKeyIsInForce_NewProtectionsUseAnEncryptedKey()
    {
        await using var database = new GroundworkAppFactory();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var (before, plainXml) = await ProtectAsync(database.WithWebHostBuilder(_ => { }));
        Assert.Contains("<masterKey", plainXml, StringComparison.Ordinal);

        WebApplicationFactory<Web.Program> Encrypted() => database.WithWebHostBuilder(b => b.UseSetting("DataProtection:KeyEncryptionKey", key));
        var (_, xml) = await ProtectAsync(Encrypted());

        var keys = System.Xml.Linq.XElement.Parse($"<keys>{xml}</keys>").Elements("key").ToList();
        Assert.Equal(2, keys.Count);
        Assert.Single(keys, k => !k.Descendants("masterKey").Any());
        Assert.Equal("refresh-token", Unprotect(Encrypted(), before));
        var (_, again) = await ProtectAsync(Encrypted());
        Assert.Equal(2, System.Xml.Linq.XElement.Parse($"<keys>{again}</keys>").Elements("key").Count());
    }

    [Fact]
    public void KeyEncryptionKey_NotThirtyTwoBytes_IsRefused()
    {
        var options = new KeyEncryptionOptions { KeyEncryptionKey = Convert.ToBase64String(new byte[16]) };

        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => options.AesKey());
    }

    private static async Task<(string Sealed, string Xml)> ProtectAsync(WebApplicationFactory<Web.Program> host)
    {
        await using (host)
        {
            var sealedText = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("refresh-token");
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
            var xml = string.Join("\n", await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
            Assert.False(string.IsNullOrEmpty(xml), "No key was stored");
            return (sealedText, xml);
        }
    }

    private static string Unprotect(WebApplicationFactory<Web.Program> host, string sealedText)
    {
        using (host)
        {
            return host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(sealedText);
        }
    }
}
