namespace Lms.Features.Identity.ListUsers;

/// <summary>
/// The index 002's grade filter needs (<see cref="UserListing.InGrade"/>: <c>lower(grade) = value</c>). Marten merges
/// it with the user indexes declared in <see cref="UsersSchema"/>.
/// </summary>
public sealed class GradeIndex : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<User>().Index(x => x.Grade, index =>
        {
            index.Name = "ix_users_grade";
            index.Casing = ComputedIndex.Casings.Lower;
        });
}
