using System.Reflection;
using Carter;
using FluentValidation;
using Lms.Features.Common;
using Lms.Features.Common.Behaviors;
using Lms.Features.Common.Surfaces;
using Lms.Features.Common.Tenancy;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Lms.Tests.Unit.Wiring;

public class WiringTests
{
    private static readonly Assembly Features = typeof(TenantContext).Assembly;

    private static IEnumerable<Type> Concrete => Features.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false });

    private static Type? ResponseOf(Type request) =>
        request.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))?.GetGenericArguments()[0];

    private static Type[] Requests => Concrete.Where(t => ResponseOf(t) is not null).ToArray();

    private static Type[] Modules => Concrete.Where(t => typeof(ICarterModule).IsAssignableFrom(t)).ToArray();

    [Fact]
    public void The_features_assembly_has_requests_and_modules()
    {
        Assert.NotEmpty(Requests);
        Assert.NotEmpty(Modules);
    }

    [Fact]
    public void Every_request_has_exactly_one_handler()
    {
        var handlers = MediatorRegistration.HandlerTypes(Features).ToList();

        var wrong = Requests
            .Select(r => (Request: r, Count: handlers.Count(h => h.Service == typeof(IRequestHandler<,>).MakeGenericType(r, ResponseOf(r)!))))
            .Where(x => x.Count != 1)
            .Select(x => $"{x.Request.FullName}: {x.Count} handlers")
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_handler_handles_a_request_of_the_assembly()
    {
        var requests = Requests.ToHashSet();

        Assert.All(MediatorRegistration.HandlerTypes(Features), h => Assert.Contains(h.Service.GetGenericArguments()[0], requests));
    }

    [Fact]
    public void Every_command_is_a_request() =>
        Assert.All(Concrete.Where(t => typeof(ICommand).IsAssignableFrom(t)), c => Assert.NotNull(ResponseOf(c)));

    [Fact]
    public void Every_validator_validates_a_request_and_has_a_parameterless_constructor() =>
        Assert.All(Concrete.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))), v =>
        {
            var validated = v.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).GetGenericArguments()[0];
            Assert.NotNull(ResponseOf(validated));
            Assert.NotNull(v.GetConstructor(Type.EmptyTypes));
        });

    [Fact]
    public void Every_carter_module_is_public_with_a_public_parameterless_constructor() =>
        Assert.All(Modules, m =>
        {
            Assert.True(m.IsVisible, $"{m.FullName} is not public");
            Assert.NotNull(m.GetConstructor(Type.EmptyTypes));
        });

    [Fact]
    public void Every_carter_module_is_the_endpoint_of_a_static_slice_class() =>
        Assert.All(Modules, m =>
        {
            Assert.Equal("Endpoint", m.Name);
            Assert.NotNull(m.DeclaringType);
            Assert.True(m.DeclaringType!.IsAbstract && m.DeclaringType.IsSealed, $"{m.DeclaringType.FullName} is not a static class");
        });

    /// <summary>Maps every module on a bare application (no database, no server) and returns its route endpoints.</summary>
    private static async Task<List<RouteEndpoint>> MappedEndpoints()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddLmsMediator(Features);
        await using var app = builder.Build();
        foreach (var module in Modules) ((ICarterModule)Activator.CreateInstance(module)!).AddRoutes(app);
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
    }

    [Fact]
    public async Task Every_endpoint_declares_the_documents_it_belongs_to()
    {
        var endpoints = await MappedEndpoints();

        Assert.True(endpoints.Count >= Modules.Length, $"{Modules.Length} modules mapped only {endpoints.Count} endpoints");
        Assert.All(endpoints, e =>
        {
            var surface = e.Metadata.GetMetadata<DocumentSurface>();
            Assert.True(surface is { Documents: not ApiDocument.None }, $"{e.DisplayName} has no DocumentSurface");
        });
    }

    [Fact]
    public async Task Every_endpoint_has_a_unique_name_and_a_unique_method_and_route()
    {
        var endpoints = await MappedEndpoints();

        var names = endpoints.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).ToList();
        Assert.DoesNotContain(null, names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());

        var routes = endpoints.SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
            .Select(m => $"{m} {e.RoutePattern.RawText}")).ToList();
        Assert.Equal(routes.Count, routes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
