namespace TaskBoard.Api.Models;

public class Label
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Color { get; set; } = "#888888";

    public ICollection<TaskItem> Tasks { get; set; } = new List<TaskItem>();
}
