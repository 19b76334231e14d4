using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Data;

/// <summary>
/// Encrypts each Data Protection key with a 256-bit key from configuration (AES-GCM), so a copy of the database alone
/// cannot decrypt the QuickBooks tokens or forge sign-in cookies. The stored element is
/// &lt;encryptedKey&gt;&lt;value&gt;base64(nonce ‖ tag ‖ ciphertext)&lt;/value&gt;&lt;/encryptedKey&gt;.
/// </summary>
internal sealed class AesGcmXmlEncryptor(byte[] key) : IXmlEncryptor
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public static readonly byte[] Purpose = Encoding.UTF8.GetBytes("Groundwork.DataProtection.KeyEncryption.v1");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Purpose);
        }
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement("encryptedKey",
            new XComment(" This key is encrypted with DataProtection:KeyEncryptionKey (AES-256-GCM). "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Created by Data Protection from the type name stored next to each key; reads the key from the options.</summary>
internal sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<IOptions<KeyEncryptionOptions>>().Value.AesKey()
            ?? throw new CryptographicException("Data Protection keys are encrypted, but DataProtection:KeyEncryptionKey is not set.");
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value")
            ?? throw new CryptographicException("The encrypted key has no value."));
        if (sealedBytes.Length < AesGcmXmlEncryptor.NonceSize + AesGcmXmlEncryptor.TagSize)
        {
            throw new CryptographicException("The encrypted key is too short.");
        }
        var plain = new byte[sealedBytes.Length - AesGcmXmlEncryptor.NonceSize - AesGcmXmlEncryptor.TagSize];
        using (var aes = new AesGcm(key, AesGcmXmlEncryptor.TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, AesGcmXmlEncryptor.NonceSize),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceSize + AesGcmXmlEncryptor.TagSize),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceSize, AesGcmXmlEncryptor.TagSize), plain, AesGcmXmlEncryptor.Purpose);
        }
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
