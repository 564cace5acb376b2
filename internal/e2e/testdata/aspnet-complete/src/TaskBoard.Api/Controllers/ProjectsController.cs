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
[Route("api/[controller]")]
[Produces("application/json")]
public class ProjectsController(AppDbContext db, ILogger<ProjectsController> logger) : ControllerBase
{
    /// <summary>Lists the caller's projects, newest first, one page at a time.</summary>
    [HttpGet]
    [ProducesResponseType(typeof(PagedResponse<ProjectResponse>), StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResponse<ProjectResponse>>> List([FromQuery] int page = 1, [FromQuery] int pageSize = 20)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        var query = db.Projects.Where(p => p.OwnerId == User.UserId()).OrderByDescending(p => p.CreatedAt);
        var total = await query.CountAsync();
        var items = await query
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(p => new ProjectResponse(p.Id, p.Name, p.Description, p.Tasks.Count))
            .ToListAsync();
        return Ok(new PagedResponse<ProjectResponse>(items, page, pageSize, total));
    }

    /// <summary>Reads one project.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ProjectResponse>> Get(int id)
    {
        var project = await Find(id);
        return new ProjectResponse(project.Id, project.Name, project.Description, project.Tasks.Count);
    }

    /// <summary>Creates a project owned by the caller.</summary>
    [HttpPost]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<ProjectResponse>> Create(CreateProjectRequest request)
    {
        var project = new Project { Name = request.Name, Description = request.Description, OwnerId = User.UserId() };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        logger.LogInformation("Project {ProjectId} created", project.Id);
        return CreatedAtAction(nameof(Get), new { id = project.Id }, new ProjectResponse(project.Id, project.Name, project.Description, 0));
    }

    /// <summary>Renames or re-describes a project.</summary>
    [HttpPut("{id:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Update(int id, CreateProjectRequest request)
    {
        var project = await Find(id);
        project.Name = request.Name;
        project.Description = request.Description;
        await db.SaveChangesAsync();
        return NoContent();
    }

    /// <summary>Deletes a project and its tasks.</summary>
    [HttpDelete("{id:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(int id)
    {
        db.Projects.Remove(await Find(id));
        await db.SaveChangesAsync();
        return NoContent();
    }

    private async Task<Project> Find(int id) =>
        await db.Projects.Include(p => p.Tasks).SingleOrDefaultAsync(p => p.Id == id && p.OwnerId == User.UserId())
        ?? throw new NotFoundException($"project {id} not found");
}
