using System.ComponentModel.DataAnnotations;
using TaskBoard.Api.Models;

namespace TaskBoard.Api.Dtos;

public record RegisterRequest(
    [Required, EmailAddress] string Email,
    [Required, StringLength(80, MinimumLength = 2)] string DisplayName,
    [Required, StringLength(128, MinimumLength = 10)] string Password);

public record LoginRequest([Required, EmailAddress] string Email, [Required] string Password);

public record CreateProjectRequest([Required, StringLength(120)] string Name, [StringLength(2000)] string? Description);

public record CreateTaskRequest([Range(1, int.MaxValue)] int ProjectId, [Required, StringLength(200)] string Title, DateOnly? DueDate);

public record ChangeStatusRequest([EnumDataType(typeof(TaskItemStatus))] TaskItemStatus Status);

public record CreateLabelRequest([Required, StringLength(40)] string Name, [RegularExpression("^#[0-9a-fA-F]{6}$")] string Color);
