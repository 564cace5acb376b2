package dotnet

import (
	"fmt"
	"strings"
	"testing"
)

func routeSet(rs []Route) map[string]Route {
	out := map[string]Route{}
	for _, r := range rs {
		out[r.Method+" "+r.Path] = r
	}
	return out
}

func keys(m map[string]Route) string {
	var ks []string
	for k, r := range m {
		ks = append(ks, fmt.Sprintf("%s(prot=%v anon=%v)", k, r.Protected, r.Anonymous))
	}
	return strings.Join(ks, ", ")
}

func TestControllerRoutes(t *testing.T) {
	src := `
using Microsoft.AspNetCore.Mvc;

namespace Shop.Controllers;

[ApiController]
[Authorize]
[Route("api/[controller]")]
public class OrdersController : ControllerBase
{
    // [HttpGet("commented-out")]
    [HttpGet]
    public IActionResult List([FromQuery] int page = 1) => Ok();

    [HttpGet("{id:int}", Name = "GetOrder")]
    [ProducesResponseType(404)]
    public IActionResult Get(int id) => Ok(new[] { items[0] });

    [AllowAnonymous]
    [HttpGet("public/{code}")]
    public IActionResult Public(string code) => Ok();

    [HttpPost, Authorize(Roles = "admin")]
    public IActionResult Create([FromBody] Order o) => Ok();

    [HttpDelete("~/admin/orders/{id}")]
    public IActionResult Purge(int id) => Ok();

    [Route("[action]")]
    [HttpPut]
    public IActionResult Recalculate() => Ok();
}

[Route("api/v1/health")]
public class StatusController : ControllerBase
{
    [HttpGet]
    public string Get() => "ok";
}
`
	got := routeSet(Routes([]byte(src)))
	want := map[string][2]bool{ // protected, anonymous
		"GET /api/orders":               {true, false},
		"GET /api/orders/{id:int}":      {true, false},
		"GET /api/orders/public/{code}": {false, true},
		"POST /api/orders":              {true, false},
		"DELETE /admin/orders/{id}":     {true, false},
		"PUT /api/orders/recalculate":   {true, false},
		"GET /api/v1/health":            {false, false},
	}
	if len(got) != len(want) {
		t.Errorf("got %d routes [%s], want %d", len(got), keys(got), len(want))
	}
	for k, w := range want {
		r, ok := got[k]
		if !ok {
			t.Errorf("missing %s in [%s]", k, keys(got))
			continue
		}
		if r.Protected != w[0] || r.Anonymous != w[1] {
			t.Errorf("%s: protected=%v anonymous=%v, want %v %v", k, r.Protected, r.Anonymous, w[0], w[1])
		}
	}
}

func TestControllerRoutesIgnoreNonRoutes(t *testing.T) {
	// A plain class, parameter attributes and indexers are not routes; an
	// MVC controller without attribute routes declares none.
	src := `
public class Basket
{
    [Required]
    public string Name { get; set; }
    public int First(int[] xs) => xs[0];
}
public class HomeController : Controller
{
    public IActionResult Index([FromServices] ILogger<HomeController> log) => View();
}
`
	if rs := Routes([]byte(src)); len(rs) != 0 {
		t.Errorf("got %v, want no routes", rs)
	}
}

func TestMinimalRoutes(t *testing.T) {
	src := `
var app = builder.Build();

app.MapGet("/", () => "hello");
app.MapHealthChecks("/health");

var api = app.MapGroup("/api");
var todos = api.MapGroup("/todos").RequireAuthorization();
todos.MapGet("/", async (Db db) => await db.Todos.ToListAsync());
todos.MapGet("/{id:int}", GetTodo).WithName("GetTodo");
todos.MapPost("/", CreateTodo).AllowAnonymous();

var auth = api.MapGroup("/auth").AllowAnonymous();
auth.MapPost("/login", Login);
auth.MapGet("/me", Me).RequireAuthorization();

app.MapDelete("/admin/cache", [Authorize(Roles = "admin")] () => Results.NoContent());
app.MapPut("/items/{id}", (int id) => Results.Ok())
   .RequireAuthorization("admins");
app.MapMethods("/items/{id}", new[] { "PATCH", "HEAD" }, (int id) => Results.Ok());
// app.MapGet("/commented", () => 1);
var text = "app.MapGet(\"/in-a-string\", () => 1)";
`
	got := routeSet(Routes([]byte(src)))
	want := map[string][2]bool{
		"GET /":                   {false, false},
		"GET /api/todos":          {true, false},
		"GET /api/todos/{id:int}": {true, false},
		"POST /api/todos":         {false, true},
		"POST /api/auth/login":    {false, true},
		"GET /api/auth/me":        {true, false},
		"DELETE /admin/cache":     {true, false},
		"PUT /items/{id}":         {true, false},
		"PATCH /items/{id}":       {false, false},
		"HEAD /items/{id}":        {false, false},
	}
	for k, w := range want {
		r, ok := got[k]
		if !ok {
			t.Errorf("missing %s in [%s]", k, keys(got))
			continue
		}
		if r.Protected != w[0] || r.Anonymous != w[1] {
			t.Errorf("%s: protected=%v anonymous=%v, want %v %v", k, r.Protected, r.Anonymous, w[0], w[1])
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d routes [%s], want %d", len(got), keys(got), len(want))
	}
}

func TestMinimalRoutesGroupsPerMethod(t *testing.T) {
	// Two extension methods of one file both call their group "group".
	src := `
public static class BlogEndpoints
{
    public static void MapCategories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/categories");
        group.MapGet("/", List);
    }

    public static void MapTags(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tags");
        group.RequireAuthorization();
        group.MapGet("/", List);
    }
}
`
	got := routeSet(Routes([]byte(src)))
	if r, ok := got["GET /api/categories"]; !ok || r.Protected {
		t.Errorf("categories: %+v in [%s]", r, keys(got))
	}
	if r, ok := got["GET /api/tags"]; !ok || !r.Protected {
		t.Errorf("tags: %+v in [%s]", r, keys(got))
	}
}

func TestMinimalRoutesOnGroupParameter(t *testing.T) {
	// The group is built elsewhere (app.MapGroup("/api/TodoItems")); the
	// class names it, and a helper forwarding its pattern is no endpoint.
	src := `
public class TodoItems : IEndpointGroup
{
    public static void Map(RouteGroupBuilder groupBuilder)
    {
        groupBuilder.RequireAuthorization();
        groupBuilder.MapPost(CreateTodoItem);
        groupBuilder.MapPut(UpdateTodoItem, "{id}");
    }
}
public static class EndpointRouteBuilderExtensions
{
    public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "")
    {
        return builder.MapGet(pattern, handler).WithName(handler.Method.Name);
    }
}
`
	rs := Routes([]byte(src))
	got := routeSet(rs)
	if len(rs) != 2 {
		t.Fatalf("got [%s], want 2 routes", keys(got))
	}
	for _, k := range []string{"POST /todoitems", "PUT /todoitems/{id}"} {
		if r, ok := got[k]; !ok || !r.Protected || !r.Unrooted {
			t.Errorf("%s: %+v in [%s]", k, r, keys(got))
		}
	}
}

func TestInheritBaseController(t *testing.T) {
	base := []byte(`[ApiController]
[Authorize]
[Route("api/[controller]")]
public abstract class BaseApiController : ControllerBase { }`)
	derived := []byte(`public class ProductsController(IMediator m) : BaseApiController
{
    [HttpGet("{id}")]
    public Task<ProductDto> Get(int id) => m.Send(new GetProduct(id));

    [AllowAnonymous]
    [HttpGet]
    public Task<List<ProductDto>> List() => m.Send(new ListProducts());
}`)
	classes := map[string]Controller{}
	for _, c := range append(Controllers(base), Controllers(derived)...) {
		classes[c.Name] = c
	}
	got := routeSet(Inherit(Routes(derived), classes))
	if r, ok := got["GET /api/products/{id}"]; !ok || !r.Protected {
		t.Errorf("inherited route and [Authorize]: %+v in [%s]", r, keys(got))
	}
	if r, ok := got["GET /api/products"]; !ok || r.Protected || !r.Anonymous {
		t.Errorf("[AllowAnonymous] action: %+v in [%s]", r, keys(got))
	}
	// Without the base, nothing is invented.
	alone := routeSet(Inherit(Routes(derived), map[string]Controller{}))
	if r, ok := alone["GET /{id}"]; !ok || r.Protected {
		t.Errorf("no base: %+v in [%s]", r, keys(alone))
	}
}

func TestMapIdentityApi(t *testing.T) {
	got := routeSet(Routes([]byte(`app.MapGroup("/api/users").MapIdentityApi<ApplicationUser>();`)))
	if r, ok := got["POST /api/users/login"]; !ok || r.Protected {
		t.Errorf("login: %+v in [%s]", r, keys(got))
	}
	if r, ok := got["GET /api/users/manage/info"]; !ok || !r.Protected {
		t.Errorf("manage/info: %+v in [%s]", r, keys(got))
	}
	if len(got) != 10 {
		t.Errorf("got %d identity endpoints, want 10", len(got))
	}
}
