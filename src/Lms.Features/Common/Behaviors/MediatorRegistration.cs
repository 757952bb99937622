using System.Reflection;

namespace Lms.Features.Common.Behaviors;

public static class MediatorRegistration
{
    /// <summary>
    /// MediatR 5.1.0 on Microsoft DI without the old extensions package: the mediator resolves handlers and
    /// behaviours through a <see cref="ServiceFactory"/> backed by the request's scope.
    /// Behaviour order, outermost first: logging, validation, unit of work.
    /// </summary>
    public static IServiceCollection AddLmsMediator(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        // Logging and validation hold only singletons (the logger, the validators): built once per request type.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));

        foreach (var (service, implementation) in HandlerTypes(assemblies))
        {
            services.AddScoped(service, implementation);
        }
        return services;
    }

    /// <summary>Every closed IRequestHandler&lt;,&gt; implementation in the assemblies.</summary>
    public static IEnumerable<(Type Service, Type Implementation)> HandlerTypes(params Assembly[] assemblies) =>
        from type in assemblies.SelectMany(a => a.GetTypes())
        where type is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
        from service in type.GetInterfaces()
        where service.IsGenericType && service.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
        select (service, type);
}
