using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TaskBoard.Api.Dtos;
using Xunit;

namespace TaskBoard.Api.Tests;

public class ProjectsApiTests(TaskBoardFactory factory) : IClassFixture<TaskBoardFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task LogInAs(string email)
    {
        await _client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(email, "Tester", "a long enough secret"));
        var login = await _client.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, "a long enough secret"));
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
    }

    [Fact]
    public async Task Projects_require_a_token()
    {
        var response = await _client.GetAsync("/api/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Created_project_is_listed_on_the_first_page()
    {
        await LogInAs("dee@example.com");
        var created = await _client.PostAsJsonAsync("/api/projects", new CreateProjectRequest("Garden", "Spring planting"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await _client.GetFromJsonAsync<PagedResponse<ProjectResponse>>("/api/projects?page=1&pageSize=10");
        Assert.Contains(page!.Items, p => p.Name == "Garden");
    }

    [Fact]
    public async Task Unknown_project_is_a_404_problem()
    {
        await LogInAs("eve@example.com");
        var response = await _client.GetAsync("/api/projects/424242");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Project_without_a_name_is_400()
    {
        await LogInAs("fay@example.com");
        var response = await _client.PostAsJsonAsync("/api/projects", new { description = "no name" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
