using TaskBoard.Api.Models;

namespace TaskBoard.Api.Dtos;

public record UserResponse(int Id, string Email, string DisplayName);

public record TokenResponse(string AccessToken, string TokenType);

public record ProjectResponse(int Id, string Name, string? Description, int TaskCount);

public record LabelResponse(int Id, string Name, string Color);

public record TaskResponse(int Id, string Title, TaskItemStatus Status, DateOnly? DueDate, int ProjectId, string[] Labels)
{
    public static TaskResponse From(TaskItem t) =>
        new(t.Id, t.Title, t.Status, t.DueDate, t.ProjectId, t.Labels.Select(l => l.Name).ToArray());
}

public record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
