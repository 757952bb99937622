using Lms.Features.Progress;
using Lms.Features.Progress.UpdateLessonProgress;

namespace Lms.Tests.Unit.Progress;

public class LessonProgressTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddHours(1);
    private static readonly DateTimeOffset T2 = T0.AddHours(2);

    private static LessonProgress At(ProgressStatus status, DateTimeOffset? completedAt = null) =>
        new() { Id = 1, StudentId = 20, CourseId = 42, LessonId = 101, Status = status, UpdatedAt = T0, CompletedAt = completedAt };

    [Fact]
    public void MoveTo_returns_the_previous_status_and_stamps_the_update()
    {
        var progress = At(ProgressStatus.NotStarted);

        var previous = progress.MoveTo(ProgressStatus.InProgress, T1);

        Assert.Equal(ProgressStatus.NotStarted, previous);
        Assert.Equal((ProgressStatus.InProgress, T1), (progress.Status, progress.UpdatedAt));
        Assert.Null(progress.CompletedAt);
    }

    [Fact]
    public void Completing_sets_the_completion_time()
    {
        var progress = At(ProgressStatus.InProgress);

        progress.MoveTo(ProgressStatus.Completed, T1);

        Assert.Equal(T1, progress.CompletedAt);
    }

    [Fact]
    public void Completing_a_completed_lesson_keeps_the_first_completion_time()
    {
        var progress = At(ProgressStatus.Completed, completedAt: T0);

        var previous = progress.MoveTo(ProgressStatus.Completed, T2);

        Assert.Equal(ProgressStatus.Completed, previous);
        Assert.Equal(T0, progress.CompletedAt);
        Assert.Equal(T2, progress.UpdatedAt);
    }

    [Theory]
    [InlineData(ProgressStatus.InProgress)]
    [InlineData(ProgressStatus.NotStarted)]
    public void Leaving_completed_clears_the_completion_time(ProgressStatus next)
    {
        var progress = At(ProgressStatus.Completed, completedAt: T0);

        progress.MoveTo(next, T1);

        Assert.Null(progress.CompletedAt);
    }
}

public class UpdateLessonProgressValidatorTests
{
    private readonly UpdateLessonProgress003.Validator _validator = new();

    private static UpdateLessonProgress003.Command Update(string? status, string? notes) => new(1, 20, status, notes);

    [Theory]
    [InlineData("not_started")]
    [InlineData("in_progress")]
    [InlineData("completed")]
    [InlineData(" COMPLETED ")]
    public void Each_progress_word_is_a_valid_status(string status) => Assert.Empty(Validated.Errors(_validator, Update(status, null)));

    [Fact]
    public void Notes_alone_are_valid() => Assert.Empty(Validated.Errors(_validator, Update(null, "Finished the exercises")));

    [Theory]
    [InlineData("done")]
    [InlineData("NotStarted")]
    [InlineData("2")]
    public void Any_other_status_is_not_a_valid_choice(string status) =>
        Assert.Equal([$"\"{status}\" is not a valid choice."], Validated.Errors(_validator, Update(status, null))["status"]);

    [Fact]
    public void Neither_status_nor_notes_is_a_non_field_error() =>
        Assert.Equal(["Provide status or notes."], Validated.Errors(_validator, Update(null, null))["non_field_errors"]);

    [Fact]
    public void Notes_over_5000_characters_are_refused() =>
        Assert.Equal(["Ensure this field has no more than 5000 characters."],
            Validated.Errors(_validator, Update("completed", new string('n', 5001)))["notes"]);
}
