using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QboEmulator.Api;

/// <summary>A parsed API request: path after the realm, query options and the raw body text.</summary>
internal sealed record ApiRequest(string Method, string Path, IQueryCollection Query, string? Body, string FullUrl)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string? Operation => Query["operation"].FirstOrDefault()?.ToLowerInvariant();

    public string Include => Query["include"].ToString().ToLowerInvariant();

    public string? RequestId => Query["requestid"].FirstOrDefault() is { Length: > 0 } id ? id : null;

    public static async Task<ApiRequest> ReadAsync(HttpContext http, string path, int maxBytes)
    {
        string? body = null;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    throw Faults.V("2010", "Request has invalid or unsupported property", $"Request body exceeds the {maxBytes} byte limit");
                }
            }

            body = Decode(buffer.ToArray());
        }

        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
        return new ApiRequest(http.Request.Method, path, http.Request.Query, body, url);
    }

    /// <summary>The JSON object body; malformed JSON is a 2010 fault like Jackson's, never a 500.</summary>
    public JsonObject JsonBody()
    {
        try
        {
            return JsonNode.Parse(Body ?? "", documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw Faults.Unsupported("the request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw Faults.Unsupported($"Unexpected content: {e.Message}");
        }
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Faults.UnsupportedOperation("Operation com.sun.org.apache.xerces.internal.impl.io.MalformedByteSequenceException: Invalid byte 1 of 1-byte UTF-8 sequence is not supported.");
        }
    }
}
