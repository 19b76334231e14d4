using System.Reflection;
using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks.Tests.Wire;

public sealed class QboEntityRegistryTests
{
    private static IEnumerable<Type> EntityTypes() => typeof(QboEntity).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQboEntity<>)));

    private static string EntityName(Type t) =>
        (string)t.GetProperty("EntityName", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    [Fact]
    public void EveryWireEntity_HasAPropertyNamedAfterIt_InBothEnvelopes()
    {
        var types = EntityTypes().ToList();
        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            var name = EntityName(type);
            Assert.Equal(type, typeof(QboEntitySet).GetProperty(name)?.PropertyType);
            Assert.Equal(typeof(IReadOnlyList<>).MakeGenericType(type), typeof(QboQueryResponse).GetProperty(name)?.PropertyType);
        }
    }

    [Fact]
    public void Get_EntityTheEnvelopeDoesNotModel_FailsLoudly()
    {
        var page = new QboQueryResponse();

        var error = Assert.Throws<NotSupportedException>(() => page.Get<QboEstimateForTest>());
        Assert.Contains("Estimate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_ModelledEntity_ReadsItsProperty()
    {
        var page = new QboQueryResponse { Customer = [new QboCustomer { Id = "7" }] };

        Assert.Equal("7", Assert.Single(page.Get<QboCustomer>()).Id);
        Assert.Empty(page.Get<QboVendor>());
    }

    /// <summary>An entity the client does not model yet, as a new wire type would start out.</summary>
    public sealed record QboEstimateForTest : QboEntity, IQboEntity<QboEstimateForTest>
    {
        public static string EntityName => "Estimate";
    }
}
