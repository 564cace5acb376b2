namespace TaskBoard.Api.Auth;

public sealed class JwtOptions
{
    public const string Section = "Jwt";

    public string Issuer { get; init; } = "";
    public string Audience { get; init; } = "";

    // Set through the Jwt__Key environment variable; never committed.
    public string Key { get; init; } = "";
    public int AccessTokenMinutes { get; init; } = 30;
}
