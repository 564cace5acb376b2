package php

import (
	"sort"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

func routeList(rs []Route) []string {
	var out []string
	for _, r := range rs {
		s := r.Method + " " + r.Path
		if r.Protected {
			s += " auth"
		}
		if r.Stock {
			s += " stock"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func parse(file, src string) FileRoutes {
	return ParseRoutes(file, scan.Code([]byte(src), "php"))
}

func TestParseRoutes(t *testing.T) {
	cases := []struct {
		name, file, src string
		want            []string
	}{
		{
			name: "verbs in api.php are served under /api; middleware on a group protects its routes",
			file: "routes/api.php",
			src: `<?php
Route::post('/login', [AuthController::class, 'login'])->middleware('throttle:auth');
Route::middleware('auth:sanctum')->group(function () {
    Route::get('/me', [AuthController::class, 'me']);
    Route::prefix('admin')->group(function () {
        Route::delete('users/{user}', [AdminController::class, 'destroy']);
    });
});
// Route::get('/commented', fn () => 1);
`,
			want: []string{"DELETE /api/admin/users/{user} auth", "GET /api/me auth", "POST /api/login"},
		},
		{
			name: "apiResource with only/except, nested and shallow resources, web resource forms",
			file: "routes/web.php",
			src: `<?php
Route::apiResource('venues', VenueController::class)->except(['destroy']);
Route::apiResource('events.tickets', TicketController::class)->shallow()->only(['index', 'destroy']);
Route::resource('articles', ArticleController::class, ['only' => ['create', 'store']]);
`,
			want: []string{"DELETE /tickets/{ticket}", "GET /articles/create", "GET /events/{event}/tickets",
				"GET /venues", "GET /venues/{venue}", "POST /articles", "POST /venues", "PUT /venues/{venue}"},
		},
		{
			name: "array group attributes, match, any, view, apiResources",
			file: "routes/web.php",
			src: `<?php
Route::group(['prefix' => 'v1', 'middleware' => ['auth:api']], function () {
    Route::match(['put', 'patch'], 'user', 'UserController@update');
    Route::apiResources(['categories' => CategoryController::class]);
});
Route::view('/about', 'about');
Route::any('/{any}', fn () => view('app'));
`,
			want: []string{"ANY /{any}", "DELETE /v1/categories/{category} auth", "GET /about",
				"GET /v1/categories auth", "GET /v1/categories/{category} auth", "PATCH /v1/user auth",
				"POST /v1/categories auth", "PUT /v1/categories/{category} auth", "PUT /v1/user auth"},
		},
		{
			name: "the skeleton's /user route is marked stock; guest and throttle do not protect",
			file: "routes/api.php",
			src: `<?php
use Illuminate\Http\Request;
Route::middleware('auth:sanctum')->get('/user', function (Request $request) {
    return $request->user();
});
Route::middleware('guest')->post('/register', [AuthController::class, 'register']);
`,
			want: []string{"GET /api/user auth stock", "POST /api/register"},
		},
		{
			name: "Laravel 11 install:api form of the stock route, withoutMiddleware unprotects",
			file: "routes/api.php",
			src: `<?php
Route::get('/user', function (Request $request) {
    return $request->user();
})->middleware('auth:sanctum');
Route::middleware(['auth:sanctum'])->group(function () {
    Route::get('/status', StatusController::class)->withoutMiddleware('auth:sanctum');
    Route::get('/profile', function (Request $request) { return $request->user()->load('posts'); });
});
`,
			want: []string{"GET /api/profile auth", "GET /api/status", "GET /api/user auth stock"},
		},
		{
			name: "custom auth middleware aliases and Authenticate::class protect",
			file: "routes/web.php",
			src: `<?php
Route::middleware('auth.admin')->prefix('admin')->group(function () {
    Route::get('/posts', [PostController::class, 'posts']);
});
Route::middleware(Authenticate::using('sanctum'))->get('/a', A::class);
Route::get('/b', B::class)->middleware(['jwt.verify']);
`,
			want: []string{"GET /a auth", "GET /admin/posts auth", "GET /b auth"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := routeList(parse(tc.file, tc.src).Routes)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestResolveMounts(t *testing.T) {
	files := map[string]FileRoutes{
		"routes/api.php": parse("routes/api.php", `<?php
Route::prefix('v1')->middleware('api.log')->group(base_path('routes/api/v1.php'));`),
		"routes/api/v1.php": parse("routes/api/v1.php", `<?php
Route::get('/health', HealthController::class);
Route::middleware(['auth:sanctum'])->group(function () { Route::get('/students', [S::class, 'index']); });`),
		"app/Providers/RouteServiceProvider.php": parse("app/Providers/RouteServiceProvider.php", `<?php
Route::prefix('api/admin')->middleware(['api', 'auth:api-admin'])->group(base_path('routes/api-admin.php'));`),
		"routes/api-admin.php": parse("routes/api-admin.php", `<?php
Route::apiResource('users', UserController::class)->only(['index']);`),
	}
	got := routeList(ResolveMounts(files))
	want := []string{"GET /api/admin/users auth", "GET /api/v1/health", "GET /api/v1/students auth"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRouteLinesAndUnparseable(t *testing.T) {
	fr := parse("routes/web.php", "<?php\n\nRoute::get('/a', A::class);\nRoute::get($path, B::class);\nRoute::get('/broken'")
	if len(fr.Routes) != 2 || fr.Routes[0].Line != 3 || fr.Routes[1].Path != "/{path}" {
		t.Errorf("routes %+v", fr.Routes)
	}
	// A class whose name ends in Route is not the facade.
	if fr := parse("app/X.php", "<?php\nMyRoute::get('/x');"); len(fr.Routes) != 0 {
		t.Errorf("MyRoute:: read as a route: %+v", fr.Routes)
	}
}

func TestProtections(t *testing.T) {
	src := code(`<?php
Route::middleware('auth:sanctum')->get('/user', function (Request $request) {
    return $request->user();
});
Route::post('/login', [AuthController::class, 'login'])->middleware('throttle:auth');
Route::middleware('auth:sanctum')->group(function () {
    Route::apiResource('venues', VenueController::class);
    Route::get('/me', [AuthController::class, 'me'])->middleware('auth:sanctum');
});
Route::group(['middleware' => 'auth:api'], function () { Route::get('/a', A::class); });
Route::apiResource('orders', OrderController::class)->middleware('auth:api');
class C { public function __construct() { $this->middleware('auth.api'); } }`)
	// the sanctum group, the route inside it that repeats the guard, the
	// array group, the guarded resource, the controller: not the stock
	// /user route, not the throttled login.
	if got := Protections(src); len(got) != 5 {
		t.Errorf("%d protections, want 5", len(got))
	}
	if got := Protections(code(`<?php Route::apiResource('products', ProductController::class);`)); len(got) != 0 {
		t.Errorf("an open resource read as %d protections", len(got))
	}
}

func TestRouteScanner(t *testing.T) {
	sc := newRouteScanner()
	for p, src := range map[string]string{
		"bootstrap/app.php": `<?php return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(api: __DIR__.'/../routes/api.php', apiPrefix: 'api/v2', health: '/up')->create();`,
		"routes/api.php":             `<?php Route::apiResource('events', EventController::class)->only(['index']);`,
		"app/Http/Controllers/X.php": `<?php class X { public function a() { return Route::currentRouteName(); } }`,
	} {
		sc.Scan(pack.Source{Path: p, Lang: "php", Code: code(src)})
	}
	var got []string
	for _, r := range sc.Routes() {
		got = append(got, r.Method+" "+r.Path+" "+r.At.Path)
	}
	want := "GET /up bootstrap/app.php,GET /api/v2/events routes/api.php"
	if strings.Join(got, ",") != want {
		t.Errorf("routes %v, want %s", got, want)
	}
}
