namespace Lms.Features.Courses;

/// <summary>
/// A lesson of a course. 003 tracks progress per lesson; 004's modules/lessons and 000's lectures will share
/// this document (their endpoints come with the catalog issue).
/// </summary>
public sealed class Lesson
{
    public long Id { get; set; }
    public Guid Key { get; set; } = Guid.CreateVersion7();
    public long CourseId { get; set; }
    public string Title { get; set; } = "";
    public int Order { get; set; }
    public int DurationMinutes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class LessonsSchema : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<Lesson>()
            .MultiTenanted()
            .UniqueIndex(UniqueIndexType.Computed, "ux_lessons_key", x => x.Key)
            .Index(x => x.CourseId);
}
