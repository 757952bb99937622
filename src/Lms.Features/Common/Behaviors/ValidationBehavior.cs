namespace Lms.Features.Common.Behaviors;

/// <summary>Runs every FluentValidation validator of the request; the one place validation happens.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        Dictionary<string, List<string>>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            foreach (var failure in result.Errors)
            {
                errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
                var key = string.IsNullOrEmpty(failure.PropertyName) ? "non_field_errors" : failure.PropertyName;
                if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
                if (!list.Contains(failure.ErrorMessage)) list.Add(failure.ErrorMessage);
            }
        }
        if (errors is not null)
        {
            throw new ValidationFailed(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
        return await next();
    }
}
