using Lms.Features.Common.Media;

namespace Lms.Features.Identity.ClientAccounts;

/// <summary>001's <c>{id, user_name, profile_pic_url, role}</c>; profile_pic_url is a full URL, null without a picture.</summary>
public sealed record UserProfileResponse(long Id, string UserName, string? ProfilePicUrl, string Role)
{
    public static UserProfileResponse From(User u, MediaUrls media) =>
        new(u.Id, u.Username, media.Absolute(u.AvatarPath), AiLincRoles.Word(u.Role));
}
