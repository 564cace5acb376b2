using Microsoft.EntityFrameworkCore;
using TaskBoard.Api.Auth;
using TaskBoard.Api.Data;
using TaskBoard.Api.Dtos;
using TaskBoard.Api.Models;

namespace TaskBoard.Api.Endpoints;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth").RequireRateLimiting("auth");

        auth.MapPost("/register", Register).AllowAnonymous();
        auth.MapPost("/login", Login).AllowAnonymous();
        auth.MapGet("/me", Me).RequireAuthorization();

        return app;
    }

    private static async Task<IResult> Register(RegisterRequest request, AppDbContext db, ILogger<RegisterRequest> logger)
    {
        if (await db.Users.AnyAsync(u => u.Email == request.Email))
        {
            return Results.Conflict(new { error = "email already registered" });
        }

        var user = new User
        {
            Email = request.Email,
            DisplayName = request.DisplayName,
            PasswordHash = BCrypt.Net.BCrypt.HashPassword(request.Password),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        logger.LogInformation("Registered user {UserId}", user.Id);

        return Results.Created($"/api/auth/me", new UserResponse(user.Id, user.Email, user.DisplayName));
    }

    private static async Task<IResult> Login(LoginRequest request, AppDbContext db, TokenService tokens)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == request.Email);
        if (user is null || !BCrypt.Net.BCrypt.Verify(request.Password, user.PasswordHash))
        {
            return Results.Unauthorized();
        }

        return Results.Ok(new TokenResponse(tokens.CreateAccessToken(user), "Bearer"));
    }

    private static async Task<IResult> Me(HttpContext http, AppDbContext db)
    {
        var user = await db.Users.FindAsync(http.User.UserId());
        return user is null
            ? Results.NotFound()
            : Results.Ok(new UserResponse(user.Id, user.Email, user.DisplayName));
    }
}
