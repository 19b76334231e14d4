using System.Reflection;
using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>Use cases register themselves: a class with a HandleAsync is a use case, and every use case resolves.</summary>
public sealed class UseCaseRegistrationTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static readonly Assembly Web = typeof(IUseCase).Assembly;

    [Fact]
    public void EveryClassWithAHandleAsync_IsMarkedAsAUseCase()
    {
        var handlers = Web.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace?.StartsWith("Groundwork.Web.Features", StringComparison.Ordinal) == true
                && t.GetMethod("HandleAsync", BindingFlags.Public | BindingFlags.Instance) is not null)
            .ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, t => Assert.True(typeof(IUseCase).IsAssignableFrom(t), $"{t.Name} has HandleAsync but is not an IUseCase"));
    }

    [Fact]
    public async Task EveryUseCase_ResolvesFromARequestScope()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(await app.CreateOrganizationAsync());
        var useCases = UseCases.All(Web).ToList();

        Assert.Contains(useCases, t => t.Name == "SaveDocument");
        Assert.All(useCases, t => Assert.NotNull(scope.ServiceProvider.GetService(t)));
    }
}
