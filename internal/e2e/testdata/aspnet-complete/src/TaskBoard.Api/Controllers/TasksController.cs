using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Api.Auth;
using TaskBoard.Api.Data;
using TaskBoard.Api.Dtos;
using TaskBoard.Api.Errors;
using TaskBoard.Api.Models;

namespace TaskBoard.Api.Controllers;

[ApiController]
[Authorize]
[Route("api/tasks")]
[Produces("application/json")]
public class TasksController(AppDbContext db) : ControllerBase
{
    /// <summary>Lists the tasks of one project, one page at a time.</summary>
    [HttpGet]
    public async Task<ActionResult<PagedResponse<TaskResponse>>> List([FromQuery] int projectId, [FromQuery] int page = 1, [FromQuery] int pageSize = 20)
    {
        var query = db.Tasks.Where(t => t.ProjectId == projectId && t.Project.OwnerId == User.UserId()).OrderBy(t => t.DueDate);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).Select(t => TaskResponse.From(t)).ToListAsync();
        return Ok(new PagedResponse<TaskResponse>(items, page, pageSize, await query.CountAsync()));
    }

    /// <summary>Reads one task with its labels.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<TaskResponse>> Get(int id) => TaskResponse.From(await Find(id));

    /// <summary>Adds a task to a project.</summary>
    [HttpPost]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<TaskResponse>> Create(CreateTaskRequest request)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == request.ProjectId && p.OwnerId == User.UserId())
            ?? throw new NotFoundException($"project {request.ProjectId} not found");
        var task = new TaskItem { Title = request.Title, DueDate = request.DueDate, Project = project };
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return CreatedAtAction(nameof(Get), new { id = task.Id }, TaskResponse.From(task));
    }

    /// <summary>Moves a task to another status.</summary>
    [HttpPatch("{id:int}/status")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> ChangeStatus(int id, ChangeStatusRequest request)
    {
        var task = await Find(id);
        if (task.Status == TaskItemStatus.Done && request.Status != TaskItemStatus.Done)
        {
            return Conflict(new ProblemDetails { Title = "A finished task cannot be reopened" });
        }
        task.Status = request.Status;
        await db.SaveChangesAsync();
        return NoContent();
    }

    /// <summary>Deletes a task.</summary>
    [HttpDelete("{id:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int id)
    {
        db.Tasks.Remove(await Find(id));
        await db.SaveChangesAsync();
        return NoContent();
    }

    private async Task<TaskItem> Find(int id) =>
        await db.Tasks.Include(t => t.Labels).Include(t => t.Project)
            .SingleOrDefaultAsync(t => t.Id == id && t.Project.OwnerId == User.UserId())
        ?? throw new NotFoundException($"task {id} not found");
}
