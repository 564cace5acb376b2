namespace TaskBoard.Api.Models;

public enum TaskItemStatus
{
    Todo,
    InProgress,
    Done,
}

public class TaskItem
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public TaskItemStatus Status { get; set; } = TaskItemStatus.Todo;
    public DateOnly? DueDate { get; set; }

    public int ProjectId { get; set; }
    public Project Project { get; set; } = null!;

    public ICollection<Label> Labels { get; set; } = new List<Label>();
}
