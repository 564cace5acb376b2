using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TaskBoard.Api.Dtos;
using TaskBoard.Api.Models;
using Xunit;

namespace TaskBoard.Api.Tests;

public class TasksApiTests(TaskBoardFactory factory) : IClassFixture<TaskBoardFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<int> ProjectOf(string email)
    {
        await _client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(email, "Tester", "a long enough secret"));
        var login = await _client.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, "a long enough secret"));
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var project = await _client.PostAsJsonAsync("/api/projects", new CreateProjectRequest("Board", null));
        return (await project.Content.ReadFromJsonAsync<ProjectResponse>())!.Id;
    }

    [Fact]
    public async Task A_done_task_cannot_be_reopened()
    {
        var projectId = await ProjectOf("gus@example.com");
        var created = await _client.PostAsJsonAsync("/api/tasks", new CreateTaskRequest(projectId, "Water the plants", null));
        var task = await created.Content.ReadFromJsonAsync<TaskResponse>();

        var done = await _client.PatchAsJsonAsync($"/api/tasks/{task!.Id}/status", new ChangeStatusRequest(TaskItemStatus.Done));
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);

        var reopen = await _client.PatchAsJsonAsync($"/api/tasks/{task.Id}/status", new ChangeStatusRequest(TaskItemStatus.Todo));
        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
    }

    [Fact]
    public async Task Task_in_someone_elses_project_is_404()
    {
        await ProjectOf("hal@example.com");
        var response = await _client.PostAsJsonAsync("/api/tasks", new CreateTaskRequest(999_999, "Sneaky", null));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
