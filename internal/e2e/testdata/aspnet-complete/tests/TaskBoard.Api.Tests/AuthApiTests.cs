using System.Net;
using System.Net.Http.Json;
using TaskBoard.Api.Dtos;
using Xunit;

namespace TaskBoard.Api.Tests;

public class AuthApiTests(TaskBoardFactory factory) : IClassFixture<TaskBoardFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Register_then_login_returns_a_bearer_token()
    {
        var register = await _client.PostAsJsonAsync("/api/auth/register",
            new RegisterRequest("ana@example.com", "Ana", "correct horse battery"));
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);

        var login = await _client.PostAsJsonAsync("/api/auth/login", new LoginRequest("ana@example.com", "correct horse battery"));
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        Assert.Equal("Bearer", token!.TokenType);
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_401()
    {
        await _client.PostAsJsonAsync("/api/auth/register", new RegisterRequest("bo@example.com", "Bo", "a long enough secret"));
        var login = await _client.PostAsJsonAsync("/api/auth/login", new LoginRequest("bo@example.com", "wrong password"));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Registering_the_same_email_twice_is_409()
    {
        var request = new RegisterRequest("cy@example.com", "Cy", "a long enough secret");
        await _client.PostAsJsonAsync("/api/auth/register", request);
        var again = await _client.PostAsJsonAsync("/api/auth/register", request);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
