package code

import "testing"

// A pack's RouteScanner feeds the engine's routes, and its Pagination
// pattern the scope facts (the php pack: Laravel).
func TestPackRouteScannerAndPagination(t *testing.T) {
	st := stackOf("php", "laravel", "laravel/framework")
	f := run(t, st,
		"routes/api.php", `<?php
Route::middleware('auth:sanctum')->group(function () {
    Route::apiResource('events', EventController::class)->only(['index', 'store']);
});`,
		"bootstrap/app.php", `<?php
return Application::configure(basePath: dirname(__DIR__))->withRouting(api: __DIR__.'/../routes/api.php', health: '/up')->create();`,
		"app/Http/Controllers/EventController.php", `<?php
class EventController { public function index() { return Event::orderBy('starts_at')->paginate(20); } }`)
	wantRoutes(t, f, "GET /api/events", "POST /api/events", "GET /up")
	if !f.Scope.Pagination {
		t.Error("->paginate(20) not read as pagination")
	}
	if len(f.Routes.Resources) != 1 || f.Routes.Resources[0] != "events" {
		t.Errorf("resources %v, want [events] (/up is the health check)", f.Routes.Resources)
	}

	f = run(t, st,
		"routes/web.php", `<?php Route::get('/', fn () => view('welcome'));`,
		"app/Http/Controllers/ProductController.php", `<?php
class ProductController { public function index() { return Product::all(); } }`)
	wantRoutes(t, f, "GET /")
	if f.Scope.Pagination {
		t.Error("Product::all() read as pagination")
	}
}

// Auth actions spelled with a separator (sign-in, sign_up, log-out) are not
// resources; a resource whose name holds a separator still is.
func TestAuthActionsWithSeparatorsAreNoResources(t *testing.T) {
	st := stackOf("php", "laravel", "laravel/framework")
	f := run(t, st,
		"routes/api.php", `<?php
Route::post('sign-in', [AuthController::class, 'signIn']);
Route::post('sign_up', [AuthController::class, 'signUp']);
Route::post('sign-out', [AuthController::class, 'signOut']);
Route::post('log-out', [AuthController::class, 'logOut']);
Route::get('task-lists', [TaskListController::class, 'index']);
Route::get('sign-ups', [SignUpController::class, 'index']);`)
	want := []string{"sign-ups", "task-lists"}
	if len(f.Routes.Resources) != len(want) || f.Routes.Resources[0] != want[0] || f.Routes.Resources[1] != want[1] {
		t.Errorf("resources %v, want %v", f.Routes.Resources, want)
	}
}
