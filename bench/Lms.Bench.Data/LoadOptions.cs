using System.Globalization;

namespace Lms.Bench.Data;

/// <summary>The loader's command line (see <see cref="Usage"/>).</summary>
internal sealed record LoadOptions(string Connection, string Schema, int Courses, int Enrollments, int Progress, int Seed)
{
    public const string Usage =
        "usage: dotnet Lms.Bench.Data.dll --connection \"<npgsql connection string>\" [--schema lms] [--courses 100000] " +
        "[--enrollments 1000000] [--progress 1000000] [--seed 20261201]";

    /// <summary>Bench teachers: one per 100 courses.</summary>
    public int Teachers => Math.Max(1, Courses / 100);

    /// <summary>Bench students: each is enrolled in <see cref="LargeData.EnrollmentsPerStudent"/> courses.</summary>
    public int Students => (Enrollments + LargeData.EnrollmentsPerStudent - 1) / LargeData.EnrollmentsPerStudent;

    /// <summary>What the marker records, so a later run can say which data set is in the database.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"seed={Seed} teachers={Teachers} students={Students} courses={Courses} lessons={Courses * LargeData.LessonsPerCourse} enrollments={Enrollments} progress={Progress}");

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with the problem and the usage.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--connection" or "--schema" or "--courses" or "--enrollments" or "--progress" or "--seed"))
                throw new ArgumentException($"unknown argument '{name}'\n{Usage}");
            if (i + 1 >= args.Count) throw new ArgumentException($"{name} needs a value\n{Usage}");
            values[name] = args[++i];
        }
        if (!values.TryGetValue("--connection", out var connection) || string.IsNullOrWhiteSpace(connection))
            throw new ArgumentException($"--connection is required\n{Usage}");

        var options = new LoadOptions(
            connection,
            values.GetValueOrDefault("--schema", "lms"),
            Number(values, "--courses", 100_000),
            Number(values, "--enrollments", 1_000_000),
            Number(values, "--progress", 1_000_000),
            Number(values, "--seed", 20261201));
        if (options.Courses < 1) throw new ArgumentException("--courses must be at least 1");
        if (options.Progress > options.Enrollments)
            throw new ArgumentException("--progress cannot exceed --enrollments: there is one progress row per enrollment (its first lesson)");
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.Schema, "^[a-z_][a-z0-9_]*$"))
            throw new ArgumentException("--schema must be a plain lower-case PostgreSQL identifier");
        return options;
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be a whole number, not '{text}'");
    }
}
