package php

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

func code(src string) []byte { return scan.Code([]byte(src), "php") }

func sigSummary(ss []Signal) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Lib+"/"+s.Kind+"/"+s.Hash)
	}
	return strings.Join(out, " ")
}

func TestAuthSignals(t *testing.T) {
	cases := []struct{ name, file, src, want string }{
		{"sanctum token issued, Hash::make", "app/Http/Controllers/AuthController.php",
			`<?php $u = User::create(['password' => Hash::make($r->password)]); return $u->createToken('api')->plainTextToken;`,
			"sanctum/session/ //bcrypt"},
		{"jwt-auth subject", "app/Models/User.php",
			`<?php class User extends Authenticatable implements JWTSubject { }`, "jwt-auth/jwt/"},
		{"passport guard in config/auth.php", "config/auth.php",
			`<?php return ['guards' => ['api' => ['driver' => 'passport', 'provider' => 'users']]];`, "passport/oauth/"},
		{"session login", "app/Http/Controllers/LoginController.php",
			`<?php if (Auth::attempt($credentials)) { $request->session()->regenerate(); }`, "laravel-auth/session/"},
		{"hashed cast on a token-bearing user", "app/Models/User.php",
			`<?php class User extends Authenticatable { use HasApiTokens; protected function casts(): array { return ['password' => 'hashed']; } }`,
			"//bcrypt"},
		{"argon driver in config/hashing.php", "config/hashing.php", `<?php return ['driver' => 'argon2id'];`, "//argon2"},
		{"md5 of a password", "app/Services/Legacy.php", `<?php $h = md5($request->password);`, "//other"},
		// Negatives.
		{"the stock User model's cast alone is not a login", "app/Models/User.php",
			`<?php class User extends Authenticatable { use HasFactory, Notifiable; protected function casts(): array { return ['password' => 'hashed']; } }`, ""},
		{"a factory's Hash::make is test data", "database/factories/UserFactory.php",
			`<?php return ['password' => static::$password ??= Hash::make('password')];`, ""},
		{"a comment mentioning JWTAuth:: is not code", "app/Http/Controllers/X.php",
			"<?php\n// TODO: JWTAuth::attempt later, createToken too\n", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sigSummary(AuthSignals(tc.file, code(tc.src))); got != tc.want {
				t.Errorf("signals %q, want %q", got, tc.want)
			}
		})
	}
}

func TestControllerProtection(t *testing.T) {
	pos := map[string]string{
		"constructor middleware (Laravel 5-10)": `<?php class A { public function __construct() { $this->middleware('auth.api')->except(['index']); } }`,
		"HasMiddleware object (Laravel 11)":     `<?php class A implements HasMiddleware { public static function middleware(): array { return [new Middleware('auth:sanctum', except: ['index'])]; } }`,
		"HasMiddleware strings":                 `<?php class A implements HasMiddleware { public static function middleware(): array { return ['auth:api', 'verified']; } }`,
	}
	for name, src := range pos {
		if got := ControllerProtection(code(src)); len(got) != 1 {
			t.Errorf("%s: %d protections, want 1", name, len(got))
		}
	}
	neg := map[string]string{
		"guest middleware": `<?php class A { public function __construct() { $this->middleware('guest')->except('logout'); } }`,
		"throttle only":    `<?php class A implements HasMiddleware { public static function middleware(): array { return ['throttle:api']; } }`,
	}
	for name, src := range neg {
		if got := ControllerProtection(code(src)); len(got) != 0 {
			t.Errorf("%s: %d protections, want 0", name, len(got))
		}
	}
}

const stockUsers = `<?php
return new class extends Migration {
    public function up(): void {
        Schema::create('users', function (Blueprint $table) {
            $table->id();
            $table->string('name');
            $table->string('email')->unique();
            $table->timestamp('email_verified_at')->nullable();
            $table->string('password');
            $table->rememberToken();
            $table->timestamps();
        });
        Schema::create('sessions', function (Blueprint $table) {
            $table->string('id')->primary();
            $table->foreignId('user_id')->nullable()->index();
        });
    }
};`

func TestMigrations(t *testing.T) {
	if !IsMigration("database/migrations/2024_09_03_090000_create_venues_table.php") ||
		!IsMigration("Modules/Shop/Database/Migrations/2024_01_01_000000_create_carts_table.php") {
		t.Error("migrations not recognised")
	}
	if IsMigration("database/seeders/DatabaseSeeder.php") || IsMigration("app/Models/Migration.php") {
		t.Error("non-migrations recognised")
	}
	own := map[string]string{
		"database/migrations/2024_09_03_090000_create_venues_table.php":     `<?php Schema::create('venues', fn ($t) => $t->id());`,
		"database/migrations/2014_10_12_000000_create_users_table.php":      strings.Replace(stockUsers, "$table->string('name');", "$table->string('username')->unique();", 1),
		"database/migrations/2024_01_01_000001_add_role_to_users_table.php": `<?php Schema::table('users', fn ($t) => $t->string('role'));`,
	}
	for p, src := range own {
		if !OwnMigration(p, code(src)) {
			t.Errorf("%s: not counted as the project's own", p)
		}
	}
	stock := map[string]string{
		"database/migrations/0001_01_01_000000_create_users_table.php":                  stockUsers,
		"database/migrations/0001_01_01_000001_create_cache_table.php":                  `<?php Schema::create('cache', fn ($t) => $t->string('key'));`,
		"database/migrations/2019_12_14_000001_create_personal_access_tokens_table.php": `<?php Schema::create('personal_access_tokens', fn ($t) => $t->morphs('tokenable'));`,
		"database/migrations/2025_07_24_041703_create_oauth_clients_table.php":          `<?php Schema::create('oauth_clients', fn ($t) => $t->uuid('id'));`,
	}
	for p, src := range stock {
		if OwnMigration(p, code(src)) {
			t.Errorf("%s: stock migration counted as the project's own", p)
		}
	}
	if n := len(ForeignKeys(code(`<?php
$table->foreignId('venue_id')->constrained()->cascadeOnDelete();
$table->foreign('user_id')->references('id')->on('users');
$table->foreignIdFor(User::class);`))); n != 3 {
		t.Errorf("%d foreign keys, want 3", n)
	}
	if n := len(ForeignKeys(code(stockUsers))); n != 0 {
		t.Errorf("the sessions table's unconstrained user_id read as %d foreign keys", n)
	}
}

func TestModelsAndRelations(t *testing.T) {
	src := code(`<?php
class Event extends Model {
    public function venue(): BelongsTo { return $this->belongsTo(Venue::class); }
    public function tickets(): HasMany { return $this->hasMany(Ticket::class); }
    public function tags() { return $this->morphToMany(Tag::class, 'taggable'); }
}`)
	names, _ := Models(src)
	kinds, _ := Relations(src)
	if strings.Join(names, ",") != "Event" || strings.Join(kinds, ",") != "belongsTo,hasMany,morphToMany" {
		t.Errorf("models %v relations %v", names, kinds)
	}
	names, _ = Models(code(`<?php class EventService { public function all() { return $this->repo->hasMany(); } }`))
	kinds, _ = Relations(code(`<?php // return $this->hasMany(Ticket::class);`))
	if len(names) != 0 || len(kinds) != 0 {
		t.Errorf("non-models read: %v %v", names, kinds)
	}
}

func TestCentralErrorHandling(t *testing.T) {
	pos := map[string]string{
		"bootstrap/app.php": `<?php return Application::configure()->withExceptions(function (Exceptions $exceptions) {
    $exceptions->render(fn (NotFoundHttpException $e) => response()->json(['message' => 'Not found'], 404));
})->create();`,
		"bootstrap/app.php#registrar":           `<?php return Application::configure()->withExceptions(fn (Exceptions $e) => app(ExceptionRegistrar::class)->handle($e))->create();`,
		"app/Exceptions/Handler.php":            `<?php class Handler extends ExceptionHandler { public function render($request, Throwable $e) { return parent::render($request, $e); } }`,
		"app/Exceptions/Handler.php#renderable": `<?php class Handler extends ExceptionHandler { public function register(): void { $this->renderable(function (AuthenticationException $e) { return response()->json([], 401); }); } }`,
		"app/Exceptions/ProposalException.php":  `<?php class ProposalException extends Exception { public function render(Request $request): JsonResponse { return response()->json(['message' => $this->getMessage()], 422); } }`,
	}
	for name, src := range pos {
		file := strings.SplitN(name, "#", 2)[0]
		if CentralErrorHandling(file, code(src)) < 0 {
			t.Errorf("%s: no central handling found", name)
		}
	}
	neg := map[string]string{
		"bootstrap/app.php": `<?php return Application::configure()->withExceptions(function (Exceptions $exceptions) {
    //
})->create();`,
		"app/Exceptions/Handler.php": `<?php class Handler extends ExceptionHandler {
    public function register(): void {
        $this->reportable(function (Throwable $e) {
            //
        });
    }
}`,
		"app/Exceptions/QuietException.php": `<?php class QuietException extends Exception { }`,
	}
	for name, src := range neg {
		if at := CentralErrorHandling(name, code(src)); at >= 0 {
			t.Errorf("%s: stock or empty handler read as central handling", name)
		}
	}
}

func TestLogging(t *testing.T) {
	if n := len(LogCalls(code(`<?php Log::info('x'); Log::channel('slack')->error('y'); logger()->warning('z');`))); n != 3 {
		t.Errorf("%d log calls, want 3", n)
	}
	if n := len(LogCalls(code(`<?php $this->info('Seeded.'); // Log::info('x')`))); n != 0 {
		t.Errorf("console output or a comment read as %d log calls", n)
	}
	mw := code(`<?php class LogRequests { public function handle(Request $request, Closure $next) { $r = $next($request); Log::info('request', []); return $r; } }`)
	if RequestLogging("app/Http/Middleware/LogRequests.php", mw) < 0 {
		t.Error("request-logging middleware not found")
	}
	if RequestLogging("app/Http/Controllers/X.php", mw) >= 0 {
		t.Error("a controller read as request-logging middleware")
	}
	if RequestLogging("app/Http/Middleware/ForceJson.php", code(`<?php class ForceJson { public function handle(Request $request, Closure $next) { return $next($request); } }`)) >= 0 {
		t.Error("a middleware that logs nothing read as request logging")
	}
	if p, at := HealthRoute(code(`<?php Application::configure()->withRouting(web: __DIR__.'/../routes/web.php', health: '/up')`)); p != "/up" || at < 0 {
		t.Errorf("health %q", p)
	}
	if p, _ := HealthRoute(code(`<?php $health = ['status' => 'ok'];`)); p != "" {
		t.Errorf("health %q from a non-routing file", p)
	}
}

func TestTests(t *testing.T) {
	stockFeature := []byte(`<?php
namespace Tests\Feature;
use Tests\TestCase;
class ExampleTest extends TestCase
{
    public function test_the_application_returns_a_successful_response(): void
    {
        $response = $this->get('/');
        $response->assertStatus(200);
    }
}`)
	stockUnit := []byte(`<?php class ExampleTest extends TestCase { public function test_that_true_is_true(): void { $this->assertTrue(true); } }`)
	stockPest := []byte(`<?php test('that true is true', function () { expect(true)->toBeTrue(); });`)
	for name, src := range map[string][]byte{"feature": stockFeature, "unit": stockUnit, "pest": stockPest} {
		if !StockExampleTest("tests/Unit/ExampleTest.php", src) {
			t.Errorf("stock %s example not recognised", name)
		}
	}
	real := []byte(`<?php class ExampleTest extends TestCase {
    public function test_events_list(): void { $this->getJson('/api/events')->assertOk()->assertJsonCount(3, 'data'); }
    public function test_unknown_event(): void { $this->getJson('/api/events/9')->assertNotFound(); }
}`)
	if StockExampleTest("tests/Feature/ExampleTest.php", real) {
		t.Error("a rewritten ExampleTest read as stock")
	}
	if StockExampleTest("tests/Feature/EventTest.php", stockFeature) {
		t.Error("a test not named ExampleTest read as stock")
	}
	for p, want := range map[string]bool{
		"tests/Feature/EventTest.php": true, "tests/Unit/Models/UserTest.php": true, "tests/TestCase.php": false,
		"tests/Pest.php": false, "app/Http/Controllers/TestController.php": false, "tests/Feature/events.test.php": true,
	} {
		if got := IsTestFile(p); got != want {
			t.Errorf("IsTestFile(%s) = %v", p, got)
		}
	}
	if !PestFile(stockPest) || PestFile(real) {
		t.Error("Pest files told apart wrongly")
	}
	for cmd, want := range map[string]bool{
		"php artisan test": true, "vendor/bin/phpunit --coverage-text": true, "./vendor/bin/pest --parallel": true,
		"phpunit": true, "composer test": true, "php artisan migrate --force": false, "composer install": false,
	} {
		if got := CITestCommand.MatchString(cmd); got != want {
			t.Errorf("CITestCommand(%q) = %v", cmd, got)
		}
	}
}

func TestOperations(t *testing.T) {
	attrs := []byte(`<?php
#[OA\SecurityScheme(securityScheme: 'sanctum', type: 'http', scheme: 'bearer')]
class EventController {
    #[OA\Get(path: '/api/events', summary: 'List events', responses: [new OA\Response(response: 200, description: 'ok')])]
    public function index() {}
    #[OA\Post(path: '/api/events', responses: [new OA\Response(response: 201, description: 'created'), new OA\Response(response: 422, description: 'invalid')])]
    public function store() {}
}`)
	q := Operations(attrs)
	if q.Operations != 2 || q.Described != 2 || q.ErrorResponses != 1 || !q.SecurityScheme {
		// The second operation's responses carry descriptions too: an
		// operation counts as described when any summary or description is given.
		t.Errorf("quality %+v", q)
	}
	doc := []byte(`<?php
/**
 * @OA\Get(
 *     path="/api/tags",
 *     @OA\Response(response=200, description="ok"),
 *     @OA\Response(response=404, description="none")
 * )
 */
function tags() {}`)
	if q := Operations(doc); q.Operations != 1 || q.ErrorResponses != 1 || q.SecurityScheme {
		t.Errorf("docblock quality %+v", q)
	}
	if q := Operations([]byte(`<?php Route::get('/api/events', [EventController::class, 'index']);`)); q.Operations != 0 {
		t.Errorf("a route read as an OpenAPI operation: %+v", q)
	}
}

func TestSecurity(t *testing.T) {
	if Validation(code(`<?php class StoreEventRequest extends FormRequest {}`)) < 0 ||
		Validation(code(`<?php $data = $request->validate(['name' => 'required']);`)) < 0 {
		t.Error("validation not found")
	}
	if Validation(code(`<?php Product::create($request->all());`)) >= 0 {
		t.Error("unvalidated input read as validation")
	}
	if RateLimit(code(`<?php Route::post('/login', L::class)->middleware('throttle:5,1');`)) < 0 ||
		RateLimit(code(`<?php RateLimiter::for('api', fn () => Limit::perMinute(60));`)) < 0 ||
		RateLimit(code(`<?php $middleware->throttleApi();`)) < 0 {
		t.Error("rate limiting not found")
	}
	if RateLimit(code(`<?php Route::post('/login', L::class); // throttle later`)) >= 0 {
		t.Error("a comment read as rate limiting")
	}
	if ok, wild := CORSConfig("config/cors.php", code(`<?php return ['allowed_origins' => ['*']];`)); !ok || !wild {
		t.Error("the published wildcard CORS config not recognised")
	}
	if ok, wild := CORSConfig("config/cors.php", code(`<?php return ['allowed_origins' => explode(',', env('CORS_ALLOWED_ORIGINS'))];`)); !ok || wild {
		t.Error("an explicit origin list read as a wildcard")
	}
	offs, vals := AppKeys([]byte("APP_NAME=Laravel\nAPP_KEY=base64:q3Jm8ZtP0vXw2cYk5Lr7Nb9Hd1Fg4Sa6Ue8Wi0Oy2Tq=\n"))
	if len(offs) != 1 || !strings.HasPrefix(vals[0], "base64:q3Jm") {
		t.Errorf("app keys %v", vals)
	}
	for _, env := range []string{"APP_KEY=\n", "APP_KEY=randomkeyreplacethis\n", "APP_KEY=${APP_KEY}\n"} {
		if offs, _ := AppKeys([]byte(env)); len(offs) != 0 {
			t.Errorf("%q read as an application key", env)
		}
	}
	for v, want := range map[string]bool{"required|string|min:8": true, "required|confirmed": true, "required": true,
		"s3cr3t-Pa55": false, "hunter2|x": false} {
		if got := ValidationRuleValue(v); got != want {
			t.Errorf("ValidationRuleValue(%q) = %v", v, got)
		}
	}
}

func TestFixesNameTheProjectsTools(t *testing.T) {
	jwt := strings.Join(Fix("auth.protected-routes", Uses{JWT: true}), " ")
	if !strings.Contains(jwt, "auth:api") || strings.Contains(jwt, "sanctum") {
		t.Errorf("jwt-auth project told %q", jwt)
	}
	scr := strings.Join(Fix("api-docs.present", Uses{Scribe: true}), " ")
	if !strings.Contains(scr, "scribe:generate") || strings.Contains(scr, "scramble") {
		t.Errorf("Scribe project told %q", scr)
	}
	old := strings.Join(Fix("errors.central-handler", Uses{Legacy: true}), " ")
	if !strings.Contains(old, "Handler.php") || strings.Contains(old, "bootstrap/app.php") {
		t.Errorf("Laravel 10 project told %q", old)
	}
	either := strings.Join(Fix("errors.central-handler", Uses{}), " ")
	if !strings.Contains(either, "Handler.php") || !strings.Contains(either, "bootstrap/app.php") {
		t.Errorf("a project of unknown version told %q", either)
	}
	for _, id := range []string{"auth.mechanism", "auth.protected-routes", "auth.password-hashing", "database.migrations",
		"database.relationships", "api-docs.present", "errors.central-handler", "tests.present", "tests.ci-runs-tests",
		"logging.configured", "logging.requests", "logging.health", "security.validation", "security.rate-limit",
		"security.cors", "security.no-secrets", "scope.pagination"} {
		if len(Fix(id, Uses{})) == 0 || len(Fix(id, Uses{BootstrapApp: true, Sanctum: true, L5Swagger: true})) == 0 {
			t.Errorf("%s has no Laravel fix", id)
		}
	}
}

func TestStatusesAndPagination(t *testing.T) {
	src := code(`<?php
return response()->json(['message' => 'Sold out.'], 409);
abort(403);
abort_unless($ok, 404, 'No such ticket.');
$r->setStatusCode(422);
return response()->json($e, Response::HTTP_UNPROCESSABLE_ENTITY);
return response()->json($ticket, 201);`)
	var nums []string
	for _, re := range StatusNumbers {
		for _, m := range re.FindAllSubmatch(src, -1) {
			nums = append(nums, string(m[1]))
		}
	}
	var names []string
	for _, re := range StatusNames {
		for _, m := range re.FindAllSubmatch(src, -1) {
			names = append(names, string(m[1]))
		}
	}
	if strings.Join(nums, ",") != "409,403,404,422" || strings.Join(names, ",") != "UNPROCESSABLE_ENTITY" {
		t.Errorf("statuses %v names %v", nums, names)
	}
	if !Pagination.Match(code(`<?php return Event::orderBy('starts_at')->paginate(20);`)) ||
		!Pagination.Match(code(`<?php return Post::cursorPaginate();`)) {
		t.Error("pagination not found")
	}
	if Pagination.Match(code(`<?php return Product::all(); // ->paginate(10) later`)) {
		t.Error("Model::all() or a comment read as pagination")
	}
}

func TestLaravelFixTableQualifiesByDependency(t *testing.T) {
	fx := laravelFixes()
	jwt := strings.Join(fx["auth.protected-routes|dep=tymon/jwt-auth"], " ")
	if !strings.Contains(jwt, "auth:api") || strings.Contains(jwt, "sanctum") {
		t.Errorf("jwt-auth qualified fix %q", jwt)
	}
	plain := strings.Join(fx["auth.protected-routes"], " ")
	if !strings.Contains(plain, "auth:sanctum") || !strings.Contains(plain, "auth:api") {
		t.Errorf("unqualified fix should name both guards: %q", plain)
	}
	if _, ok := fx["readme.setup|dep=laravel/sanctum"]; ok {
		t.Error("a qualified key that says nothing new")
	}
}

func TestPackTestAndLoggingPatterns(t *testing.T) {
	tl := Pack.Tests.Languages["php"]
	makeTest := code(`<?php class UserServiceTest extends TestCase { public function test_example(): void { $response = $this->get('/'); $response->assertStatus(200); } }`)
	pestReal := code(`<?php it('can index', function () { getJson(route('api.profile.show'))->assertOk()->assertJson(fn ($j) => $j->has('data')); });`)
	docblock := code("<?php class LoginTest extends TestCase {\n    /** @test */\n    public function it_returns_a_token_on_valid_login() { $this->postJson('/api/users/login', [])->assertStatus(200); }\n}")
	if n := len(tl.Test.FindAllIndex(makeTest, -1)); !tl.Boilerplate(makeTest, n) {
		t.Error("make:test's stub not read as boilerplate")
	}
	if n := len(tl.Test.FindAllIndex(pestReal, -1)); n != 1 || tl.Boilerplate(pestReal, n) {
		t.Error("a one-test Pest file with real assertions read as boilerplate")
	}
	if n := len(tl.Test.FindAllIndex(docblock, -1)); n != 1 || tl.Boilerplate(docblock, n) {
		t.Errorf("a @test method named in snake_case: %d tests", n)
	}
	lg := Pack.Logging
	for name, src := range map[string]string{
		"LogRequestResponse": `<?php class LogRequestResponse { public function handle(Request $request, Closure $next) { $this->logger->write($request); return $next($request); } }`,
		"logs the method":    `<?php class Audit { public function handle(Request $request, Closure $next) { Log::info('req', ['m' => $request->method()]); return $next($request); } }`,
	} {
		c := code(src)
		if !lg.Middleware.Match(c) || !lg.LogsRequest.Match(c) {
			t.Errorf("%s: request logging not found", name)
		}
	}
	login := code(`<?php class LoginMiddleware { public function handle(Request $request, Closure $next) { return $next($request); } }`)
	if lg.LogsRequest.Match(login) {
		t.Error("a Login middleware read as request logging")
	}
	if re := Pack.Database.Migrations[0].Path; re.MatchString(".history/database/migrations/2024_05_06_032853_create_table2.php") ||
		!re.MatchString("database/migrations/2024_05_06_032853_create_posts_table.php") {
		t.Error("migrations under an editor's .history folder counted, or real ones not")
	}
}

func TestCamelCaseStockExample(t *testing.T) {
	tl := Pack.Tests.Languages["php"]
	src := code(`<?php class ExampleTest extends TestCase { public function testThatTrueIsTrue(): void { $this->assertTrue(true); } }`)
	if n := len(tl.Test.FindAllIndex(src, -1)); !tl.Boilerplate(src, n) {
		t.Error("the camelCase stock example not read as boilerplate")
	}
}
