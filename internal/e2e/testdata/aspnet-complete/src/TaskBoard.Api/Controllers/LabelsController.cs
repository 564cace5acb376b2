using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Api.Data;
using TaskBoard.Api.Dtos;
using TaskBoard.Api.Models;

namespace TaskBoard.Api.Controllers;

[ApiController]
[Authorize]
[Route("api/labels")]
public class LabelsController(AppDbContext db) : ControllerBase
{
    /// <summary>Lists every label.</summary>
    [HttpGet]
    public async Task<IEnumerable<LabelResponse>> List() =>
        await db.Labels.OrderBy(l => l.Name).Select(l => new LabelResponse(l.Id, l.Name, l.Color)).ToListAsync();

    /// <summary>Creates a label.</summary>
    [HttpPost]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<LabelResponse>> Create(CreateLabelRequest request)
    {
        if (await db.Labels.AnyAsync(l => l.Name == request.Name))
        {
            return Conflict(new ProblemDetails { Title = $"label {request.Name} exists" });
        }
        var label = new Label { Name = request.Name, Color = request.Color };
        db.Labels.Add(label);
        await db.SaveChangesAsync();
        return Created($"/api/labels/{label.Id}", new LabelResponse(label.Id, label.Name, label.Color));
    }

    /// <summary>Deletes a label; tasks keep their other labels.</summary>
    [HttpDelete("{id:int}")]
    [Authorize(Roles = "admin")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(int id)
    {
        var label = await db.Labels.FindAsync(id);
        if (label is null)
        {
            return NotFound();
        }
        db.Labels.Remove(label);
        await db.SaveChangesAsync();
        return NoContent();
    }
}
