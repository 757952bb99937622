using Lms.Features.Common.Persistence;

namespace Lms.Features.Common.Behaviors;

/// <summary>
/// Innermost, commands only: one <c>SaveChangesAsync</c> after the handler, then the after-commit work
/// (Hangfire enqueues, e-mails) so nothing is sent for a transaction that did not commit.
/// Database conflicts (unique indexes, optimistic revisions) become a clean 409, never a 500.
/// </summary>
/// <remarks>Queries pass straight through: the session and the after-commit list are resolved only for a command.</remarks>
public sealed class UnitOfWorkBehavior<TRequest, TResponse>(IServiceProvider services)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand) return await next();

        var session = services.GetRequiredService<IDocumentSession>();
        var afterCommit = services.GetRequiredService<AfterCommit>();
        var response = await next();
        try
        {
            // The client may disconnect; the decision is made, so the commit does not depend on its token.
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (DatabaseErrors.IsConflict(e, out var constraint))
        {
            if (request is IReportsUniqueViolations reports && reports.UniqueViolation(constraint) is { } invalid) throw invalid;
            throw DatabaseErrors.ToConflict(constraint);
        }
        await afterCommit.RunAsync(cancellationToken);
        return response;
    }
}
