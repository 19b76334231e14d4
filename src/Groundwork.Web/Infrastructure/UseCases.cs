using System.Reflection;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// Marks a use case (one file: input, validation, handler). Every marked class is registered scoped by
/// <see cref="UseCases.AddUseCases"/>, so a feature adds a use case by writing it: there is no central list to forget.
/// </summary>
public interface IUseCase;

internal static class UseCases
{
    public static IServiceCollection AddUseCases(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in All(assembly))
        {
            services.AddScoped(type);
        }
        return services;
    }

    public static IEnumerable<Type> All(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IUseCase).IsAssignableFrom(t));
}
