using Lms.Features.Common.Persistence;
using Lms.Features.Common.Security;

namespace Lms.Features.Courses;

public enum CourseLevel
{
    Beginner,
    Intermediate,
    Advanced,
}

/// <summary>draft → pending (submitted for approval) → published, or → rejected; archived at the end (spec decision 5).</summary>
public enum CourseStatus
{
    Draft,
    Pending,
    Published,
    Rejected,
    Archived,
}

/// <summary>A course in the one shared catalog. Owned by a client (tenant) and taught by one instructor.</summary>
public sealed class Course
{
    public long Id { get; set; }
    public Guid Key { get; set; } = Guid.CreateVersion7();
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public string Category { get; set; } = "";
    public CourseLevel Level { get; set; }
    public int DurationWeeks { get; set; }
    public CourseStatus Status { get; set; }
    public long InstructorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Marten's hook for what its fluent registry cannot say: the catalog page's composite index.</summary>
    public static void ConfigureMarten(Marten.Schema.DocumentMapping mapping) =>
        // Equality on the client and the status, then newest first (a backward scan), ties by id.
        mapping.Indexes.Add(new Weasel.Postgresql.Tables.IndexDefinition(CoursesSchema.CatalogIndex)
        {
            Columns = ["tenant_id", "(data ->> 'Status')", $"{mapping.DatabaseSchemaName}.mt_immutable_timestamptz(data ->> 'CreatedAt')", "id"],
        });

    /// <summary>Published courses are public; the instructor and admins also see the others.</summary>
    public bool IsVisibleTo(Caller? caller) =>
        Status == CourseStatus.Published || (caller is not null && (caller.IsAdmin || caller.Id == InstructorId));

    public bool IsEditableBy(Caller caller) => caller.IsAdmin || caller.Id == InstructorId;

    /// <summary>
    /// Moves the course to another status. Publishing and rejecting are an admin's decision (the approval of 002);
    /// the instructor drafts, submits (pending) and archives.
    /// </summary>
    public void ChangeStatus(CourseStatus next, Caller caller, DateTimeOffset now)
    {
        if (next == Status) return;
        if (!caller.IsAdmin && next is CourseStatus.Published or CourseStatus.Rejected)
            throw new PermissionDenied("Only an admin can publish or reject a course; set status \"pending\" to submit it for approval.");
        Status = next;
        UpdatedAt = now;
    }

    /// <summary>Who may enroll: anyone signed in but the instructor, in a published course.</summary>
    public void EnsureOpenFor(Caller student)
    {
        if (student.Id == InstructorId)
            throw new BadRequest("Instructors cannot enroll in their own course.", "INVALID_ENROLLMENT");
        if (Status != CourseStatus.Published)
            throw new BadRequest("This course is not open for enrollment.", "COURSE_NOT_PUBLISHED");
    }
}

public sealed class CoursesSchema : IConfigureMarten, IMaintainCounts
{
    /// <summary>The catalog's page counts, per client, status and level (<see cref="MaintainedCounts"/>).</summary>
    public CountedDocument Counts { get; } = new(typeof(Course), nameof(Course.Status), nameof(Course.Level));

    public const string SlugIndex = "ux_courses_slug";

    /// <summary>The catalog page (newest first within a status): an index scan, however many courses a client has.</summary>
    public const string CatalogIndex = "ix_courses_catalog";

    public void Configure(IServiceProvider services, StoreOptions options)
    {
        options.Schema.For<Course>()
            .MultiTenanted()
            .UniqueIndex(UniqueIndexType.Computed, SlugIndex, TenancyScope.PerTenant, x => x.Slug)
            .UniqueIndex(UniqueIndexType.Computed, "ux_courses_key", x => x.Key)
            .Index(x => x.Status)
            .Index(x => x.InstructorId)
            .Index(x => x.CreatedAt)
            // 003's search is a case-insensitive substring match (ILIKE '%term%'): trigram indexes serve it.
            .Index(x => x.Title, TrigramIndex("ix_courses_title_trgm"))
            .Index(x => x.Description, TrigramIndex("ix_courses_description_trgm"));
        // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser rights.
        if (!options.Storage.ExtendedSchemaObjects.OfType<Weasel.Postgresql.Extension>().Any(e => e.ExtensionName == "pg_trgm"))
            options.Storage.ExtendedSchemaObjects.Add(new Weasel.Postgresql.Extension("pg_trgm"));
        DatabaseErrors.Describe(SlugIndex, "slug", "A course with this slug already exists.");
    }

    private static Action<Weasel.Postgresql.Tables.IndexDefinition> TrigramIndex(string name) => index =>
    {
        index.Name = name;
        index.Method = Weasel.Postgresql.Tables.IndexMethod.gin;
        index.Mask = "? gin_trgm_ops";
    };
}
