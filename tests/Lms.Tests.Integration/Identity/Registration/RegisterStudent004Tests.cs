using System.Net;
using System.Net.Http.Json;
using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity.Registration;

public sealed class RegisterStudent004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    [Fact]
    public async Task A_student_registers_under_a_teacher_with_201_and_is_linked_to_that_teacher()
    {
        await RegisterTeacher("teach1");

        var response = await Anonymous().PostAsJsonAsync("/api/student/student-register/teach1/", new
        {
            first_name = "Sam", last_name = "Student", username = "sammy", email = "sammy@example.com", phone = "01055556666",
            parent_phone = "01077778888", password1 = Password, password2 = Password,
        });

        await Contract.Match(response, "created");
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession("1");
        var link = await session.Query<TeacherStudent>().SingleAsync();
        var student = await session.Query<User>().SingleAsync(u => u.UsernameNormalized == "sammy");
        Assert.Equal(student.Id, link.StudentId);
        Assert.Equal("01077778888", student.GuardianPhone);
        Assert.False(link.IsBlocked);
        Assert.Equal(HttpStatusCode.OK, (await StudentLogin(Anonymous(), "teach1", "sammy")).StatusCode);
    }

    [Fact]
    public async Task A_student_may_upload_an_avatar()
    {
        await RegisterTeacher("teach1");

        var response = await Anonymous().PostAsync("/api/student/student-register/teach1/",
            Uploads.Form(StudentBody("pictured"), ("avatar", "me.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("http://localhost/media/avatars/", Str((await Json(response))["user"]!["avatar"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_teacher_returns_400_naming_the_teacher_and_creates_no_account()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/student/student-register/nobody/", StudentBody("orphan"));

        await Contract.Match(response, "unknown-teacher");
        Assert.Equal(["Teacher with this username does not exist."], Messages(await Json(response), "teacher"));
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession("1");
        Assert.False(await session.Query<User>().AnyAsync(u => u.UsernameNormalized == "orphan"));
    }

    [Fact]
    public async Task A_student_username_is_not_a_teacher_to_register_under()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");

        var response = await Anonymous().PostAsJsonAsync("/api/student/student-register/student1/", StudentBody("student2"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Teacher with this username does not exist."], Messages(await Json(response), "teacher"));
    }

    [Fact]
    public async Task Missing_fields_including_parent_phone_return_400_with_this_field_is_required()
    {
        await RegisterTeacher("teach1");

        var response = await Anonymous().PostAsync("/api/student/student-register/teach1/", RawJson("{}"));

        await Contract.Match(response, "missing-fields");
        Assert.Equal(["This field is required."], Messages(await Json(response), "parent_phone"));
    }

    [Fact]
    public async Task A_taken_email_and_an_unknown_teacher_are_reported_together()
    {
        await RegisterTeacher("teach1", "shared@example.com");

        var response = await Anonymous().PostAsJsonAsync("/api/student/student-register/nobody/", StudentBody("student9", "SHARED@example.com"));

        var body = await Json(response);
        Assert.Equal(["Email already exists."], Messages(body, "email"));
        Assert.Equal(["Teacher with this username does not exist."], Messages(body, "teacher"));
    }

    [Fact]
    public async Task A_logo_is_not_a_student_field()
    {
        await RegisterTeacher("teach1");

        var response = await Anonymous().PostAsync("/api/student/student-register/teach1/",
            Uploads.Form(StudentBody("logoed"), ("logo", "l.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Unknown field."], Messages(await Json(response), "logo"));
    }

    [Fact]
    public async Task The_api_v1_alias_registers_a_student_too()
    {
        await RegisterTeacher("teach1");

        var response = await Anonymous().PostAsJsonAsync("/api/v1/student/student-register/teach1/", StudentBody("aliased"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("student", Str((await Json(response))["user"]!["user_type"]));
    }
}
