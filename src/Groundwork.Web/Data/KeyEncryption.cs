using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Data;

/// <summary>
/// How the Data Protection keys (stored in the database) are themselves encrypted. Bound from the "DataProtection"
/// section; set one of the two in production, from the environment or a secret store, never in a committed file.
/// </summary>
public sealed class KeyEncryptionOptions
{
    /// <summary>Base64 of 32 random bytes (e.g. `openssl rand -base64 32`). Default: none.</summary>
    public string? KeyEncryptionKey { get; set; }
    /// <summary>Path of a PFX certificate whose key encrypts the keys. Default: none.</summary>
    public string? CertificatePath { get; set; }
    /// <summary>Password of <see cref="CertificatePath"/>. Default: none.</summary>
    public string? CertificatePassword { get; set; }

    public bool Configured => AesKey() is not null || !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>The AES key, or null when none is set; a value that is not 32 bytes of base64 stops the app at start-up.</summary>
    public byte[]? AesKey()
    {
        if (string.IsNullOrWhiteSpace(KeyEncryptionKey))
        {
            return null;
        }
        byte[]? key = null;
        try
        {
            key = Convert.FromBase64String(KeyEncryptionKey.Trim());
        }
        catch (FormatException)
        {
        }
        return key is { Length: 32 }
            ? key
            : throw new OptionsValidationException("DataProtection", typeof(KeyEncryptionOptions),
                ["DataProtection:KeyEncryptionKey must be base64 of exactly 32 bytes (openssl rand -base64 32)."]);
    }
}

internal static partial class KeyEncryption
{
    public static IDataProtectionBuilder ProtectKeysFromConfiguration(this IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        var section = configuration.GetSection("DataProtection");
        dataProtection.Services.Configure<KeyEncryptionOptions>(section);
        dataProtection.Services.AddHostedService<UnencryptedKeysWarning>();
        var options = section.Get<KeyEncryptionOptions>() ?? new KeyEncryptionOptions();
        if (options.AesKey() is { } key)
        {
            dataProtection.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(key));
        }
        else if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword));
        }
        return dataProtection;
    }

    /// <summary>
    /// Outside Development, says at start-up that a copy of the database would be enough to read the tokens. With key
    /// encryption configured on a database that already holds a plaintext key still in force, makes a new (encrypted)
    /// key the one in use at once, instead of protecting new tokens with the plaintext one until it expires.
    /// </summary>
    private sealed partial class UnencryptedKeysWarning(IOptions<KeyEncryptionOptions> options, IOptions<KeyManagementOptions> keyManagement,
        IKeyManager keys, Infrastructure.AppClock clock, IHostEnvironment environment, ILogger<UnencryptedKeysWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.Configured)
            {
                if (!environment.IsDevelopment()) LogUnencrypted(logger);
                return Task.CompletedTask;
            }
            var now = clock.GetUtcNow();
            var inForce = (keyManagement.Value.XmlRepository?.GetAllElements() ?? [])
                .Where(k => k.Name == "key" && (DateTimeOffset?)k.Element("expirationDate") > now).ToList();
            // Once an encrypted key is in force it is the newest, so later starts leave the keys alone.
            if (inForce.Any(k => k.Descendants("masterKey").Any()) && !inForce.Any(k => !k.Descendants("masterKey").Any()))
            {
                keys.CreateNewKey(now, now + keyManagement.Value.NewKeyLifetime);
                LogReplaced(logger);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection keys are stored unencrypted in the database next to the QuickBooks tokens they protect. " +
            "Set DataProtection:KeyEncryptionKey or DataProtection:CertificatePath (see the README's production checklist).")]
        private static partial void LogUnencrypted(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A Data Protection key stored before key encryption was turned on was still in force; a new, encrypted key " +
            "protects everything from now on. The old key still opens what it protected; revoke it once the QuickBooks tokens have been refreshed (an hour).")]
        private static partial void LogReplaced(ILogger logger);
    }
}
