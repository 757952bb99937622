using System.Diagnostics;

namespace Lms.Features.Common.Behaviors;

/// <summary>Outermost: logs the request type and elapsed time. Never the payload (passwords, payment data).</summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogInformation("Handled {Request} in {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (AppException e)
        {
            logger.LogInformation("Refused {Request} with {Status} {Code} in {ElapsedMs:0.0} ms",
                name, e.Status, e.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
