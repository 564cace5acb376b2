package php

// Framework is the Laravel entry: how to recognise a Laravel project, what
// a deployed Laravel API serves, and how to fix each check the Laravel way.
type Framework struct {
	Name string
	// Deps are Composer packages that mark the framework.
	Deps []string
	// Markers are files only a project of this framework has.
	Markers []string
	// HealthPaths, DocsPaths and SpecPaths are what the probe tries on the
	// deployed URL, most likely first.
	HealthPaths, DocsPaths, SpecPaths []string
}

// Laravel is the framework entry for Laravel (and Lumen, its micro
// framework, which shares the routing and Eloquent).
var Laravel = Framework{
	Name:    "laravel",
	Deps:    []string{"laravel/framework", "laravel/lumen-framework"},
	Markers: []string{"artisan"},
	// /up: Laravel 11's ->withRouting(health: '/up').
	HealthPaths: []string{"/up", "/api/health", "/health"},
	// l5-swagger's Swagger UI, Scribe's page, Scramble's UI.
	DocsPaths: []string{"/api/documentation", "/docs", "/docs/api"},
	// l5-swagger serves its JSON at /docs/api-docs.json (route 'docs'),
	// Scramble at /docs/api.json, Scribe at /docs.openapi.
	SpecPaths: []string{"/docs/api-docs.json", "/api/documentation/json", "/docs/api.json", "/docs.openapi"},
}

// Uses is what a Laravel project already has, so a fix never asks for it
// again or advises a tool the project does not use.
type Uses struct {
	Sanctum, Passport, JWT      bool
	L5Swagger, Scribe, Scramble bool
	Pest                        bool
	BootstrapApp                bool // Laravel 11+: bootstrap/app.php configures routing, middleware, exceptions
	// Legacy is Laravel 10 or earlier (app/Http/Kernel.php, Handler.php).
	// Neither set: the version is unknown and a fix names both places.
	Legacy                         bool
	ConfigCORS, FormRequests       bool
	RouteMiddlewareGroups, Handler bool
}

// byVersion names the Laravel 11+ place, the Laravel 10 one, or both when
// the project's version is not known.
func byVersion(u Uses, modern, legacy string) string {
	switch {
	case u.BootstrapApp:
		return modern
	case u.Legacy:
		return legacy
	}
	return modern + " (Laravel 11+), or " + legacy + " (Laravel 10 and earlier)"
}

// Fix returns the Laravel steps for a failing check, or nil when the check
// has no Laravel-specific advice.
func Fix(checkID string, u Uses) []string {
	authLib := "Sanctum"
	guard := "auth:sanctum"
	// guardUse names the middleware to put on routes: the project's own,
	// or both when its auth library is not known.
	guardUse := "`Route::middleware('auth:sanctum')` (`'auth:api'` with Passport or jwt-auth)"
	switch {
	case u.Passport:
		authLib, guard = "Passport", "auth:api"
	case u.JWT:
		authLib, guard = "jwt-auth", "auth:api"
	}
	if u.Sanctum || u.Passport || u.JWT {
		guardUse = "`Route::middleware('" + guard + "')`"
	}
	switch checkID {
	case "auth.mechanism":
		if u.Passport || u.JWT || u.Sanctum {
			return []string{"Issue tokens from a login route with " + authLib + " and check them with the `" + guard + "` middleware"}
		}
		return []string{
			"Run `php artisan install:api` (Laravel 11+) or `composer require laravel/sanctum`, and add the `HasApiTokens` trait to `App\\Models\\User`",
			"Issue a token from a login route with `$user->createToken('api')->plainTextToken` after `Hash::check`",
		}
	case "auth.protected-routes":
		return []string{"Wrap the private routes in " + guardUse + "`->group(function () { ... })` in routes/api.php"}
	case "auth.password-hashing":
		return []string{"Store passwords with `Hash::make($password)` (or the `'password' => 'hashed'` cast on the User model) and check them with `Hash::check`"}
	case "auth.no-hardcoded-key":
		if u.JWT {
			return []string{"Read the signing key from the environment: `'secret' => env('JWT_SECRET')` in config/jwt.php, set with `php artisan jwt:secret`"}
		}
		return []string{"Read keys from the environment with `env()` in config files, never literals in the code"}
	case "database.migrations", "database.migration-history":
		return []string{"Create the schema with `php artisan make:model Name -m` and commit the database/migrations files; change it with new migrations, not by editing old ones"}
	case "database.models":
		return []string{"Declare an Eloquent model per table with `php artisan make:model Name`"}
	case "database.relationships":
		return []string{"Add foreign keys in the migrations with `$table->foreignId('user_id')->constrained()->cascadeOnDelete()`",
			"Declare the relations on the models: `belongsTo`, `hasMany`, `belongsToMany`"}
	case "database.relational":
		return []string{"Set `DB_CONNECTION=pgsql` (or mysql) in .env.example and config/database.php"}
	case "api-docs.valid":
		return []string{"Lint the generated document (l5-swagger's storage/api-docs/api-docs.json, `php artisan scramble:export`, Scribe's openapi.yaml) with `npx @redocly/cli lint` and fix what it reports"}
	case "api-docs.present":
		switch {
		case u.Scramble:
			return []string{"Scramble documents the routes under /api: check `php artisan scramble:export` writes a valid api.json"}
		case u.Scribe:
			return []string{"Run `php artisan scribe:generate` and commit or serve the OpenAPI file it writes"}
		case u.L5Swagger:
			return []string{"Add `#[OA\\Info(...)]` and an `#[OA\\Get]`/`#[OA\\Post]` attribute per action, then run `php artisan l5-swagger:generate`"}
		}
		return []string{"Generate the OpenAPI document from the code: `composer require dedoc/scramble` builds it from your routes and form requests and serves it at /docs/api (l5-swagger and Scribe are the alternatives)"}
	case "api-docs.described":
		if u.L5Swagger {
			return []string{"Give each `#[OA\\Get]`/`#[OA\\Post]` attribute a `summary:`"}
		}
		return []string{"Write a one-line PHPDoc summary above each controller action; Scramble and Scribe use it as the operation summary"}
	case "api-docs.error-responses":
		if u.L5Swagger {
			return []string{"List the error responses in each attribute: `new OA\\Response(response: 422, description: 'Invalid input')`"}
		}
		return []string{"Use form requests and `abort(404)`/`abort_if` so the generator documents the 422 and 404 responses"}
	case "api-docs.security-schemes":
		if u.L5Swagger {
			return []string{"Declare `#[OA\\SecurityScheme(securityScheme: 'sanctum', type: 'http', scheme: 'bearer')]` and `security: [['sanctum' => []]]` on protected operations"}
		}
		return []string{"Declare the bearer scheme: Scramble's `Scramble::afterOpenApiGenerated(fn ($doc) => $doc->secure(SecurityScheme::http('bearer')))`"}
	case "api-docs.live":
		return []string{"Serve the docs in production (l5-swagger /api/documentation, Scramble /docs/api: allow them in the `viewApiDocs` gate)"}
	case "errors.central-handler":
		modern := "in bootstrap/app.php's `->withExceptions(function (Exceptions $exceptions) { $exceptions->shouldRenderJsonWhen(fn ($r) => $r->is('api/*')); $exceptions->render(...); })`"
		legacy := "in app/Exceptions/Handler.php's `register()`: `$this->renderable(function (NotFoundHttpException $e, $request) { ... })`"
		return []string{"Render API errors as JSON " + byVersion(u, modern, legacy)}
	case "errors.status-codes":
		return []string{"Answer with the right codes: form requests give 422, `abort(404)`, `abort(403)` or policies for 403, `response()->json($x, 201)` on create"}
	case "errors.live-json-404", "errors.no-leaks":
		return []string{"Set `APP_DEBUG=false` in production and make the exception handler answer API routes with JSON (`shouldRenderJsonWhen`)"}
	case "tests.depth":
		return []string{"Cover the failure paths too: invalid input (`assertUnprocessable()`), no token (`assertUnauthorized()`), someone else's record (`assertForbidden()`), a missing one (`assertNotFound()`)"}
	case "tests.present":
		if u.Pest {
			return []string{"Write Pest feature tests in tests/Feature that call the API (`$this->postJson('/api/...')->assertCreated()`); the stock ExampleTest does not count"}
		}
		return []string{"Write PHPUnit feature tests in tests/Feature (`php artisan make:test EventTest`) that call the API with `$this->postJson(...)` and `RefreshDatabase`; the stock ExampleTest files do not count"}
	case "tests.ci", "tests.ci-runs-tests":
		return []string{"Add .github/workflows/tests.yml: `shivammathur/setup-php`, `composer install`, `cp .env.example .env && php artisan key:generate`, then `php artisan test`"}
	case "logging.configured":
		return []string{"Log with the `Log` facade (`Log::info('ticket booked', ['id' => $ticket->id])`) and send production logs to stderr as JSON in config/logging.php"}
	case "logging.requests":
		return []string{"Add a middleware that calls `Log::info('request', [...method, path, status, ms])` and append it to the api group (`$middleware->api(append: [...])`)"}
	case "logging.health":
		modern := "with `health: '/up'` in bootstrap/app.php's `->withRouting(...)`"
		legacy := "with `Route::get('/health', fn () => response()->json(['status' => 'ok']))` in routes/api.php"
		return []string{"Serve a health endpoint " + byVersion(u, modern, legacy) + ", and point the platform's health check at it"}
	case "security.no-secrets", "security.env-not-committed":
		return []string{"Remove .env from git (`git rm --cached .env`), rotate APP_KEY with `php artisan key:generate` and change every password it held; commit only .env.example"}
	case "security.env-ignored":
		return []string{"Add `.env` to .gitignore, as Laravel's skeleton does"}
	case "security.validation":
		return []string{"Validate input with form requests (`php artisan make:request StoreEventRequest`) or `$request->validate([...])`; never `Model::create($request->all())`"}
	case "security.rate-limit":
		modern := "with `$middleware->throttleApi()` in bootstrap/app.php"
		legacy := "with `throttle:api` in the api group of app/Http/Kernel.php"
		return []string{"Rate limit the API " + byVersion(u, modern, legacy) + ", and put `->middleware('throttle:5,1')` on the login route"}
	case "security.cors", "security.cors-no-wildcard":
		return []string{"Publish config/cors.php (`php artisan config:publish cors`) and list the frontend's origins in `allowed_origins` instead of `*`"}
	case "scope.pagination":
		return []string{"Return `Model::paginate(20)` (or `cursorPaginate`) from list actions instead of `Model::all()`"}
	case "scope.endpoints", "scope.relations":
		return []string{"Add related resources with `Route::apiResource('events.tickets', TicketController::class)` and Eloquent relations between their models"}
	case "scope.extras":
		return []string{"Move slow work to a queued job (`php artisan make:job`, `ShouldQueue`) or cache hot reads with `Cache::remember`"}
	case "scope.layered":
		return []string{"Keep controllers thin: validation in form requests, business rules in app/Services or app/Actions classes, output in API resources (`php artisan make:resource`)"}
	case "auth.live-enforced":
		return []string{"Deploy the version whose private routes sit behind " + guardUse + " and check that a request without a token gets 401"}
	case "api-docs.live-conformance", "api-docs.live-drift":
		if u.L5Swagger {
			return []string{"Regenerate the document with `php artisan l5-swagger:generate` in CI and on deploy, so it matches the routes served"}
		}
		return []string{"Generate the document from the routes on deploy (Scramble builds it at request time; `php artisan scribe:generate` in CI) so it matches what is served"}
	case "deployment.config":
		return []string{"Deploy on Fly.io (`fly launch` writes fly.toml) or Railway from a Dockerfile, and run `php artisan migrate --force` on release"}
	case "deployment.dockerfile":
		return []string{"Add a Dockerfile on `php:8.3-fpm-alpine` (or `serversideup/php`) that runs `composer install --no-dev --optimize-autoloader` and `php artisan config:cache`"}
	case "deployment.url", "deployment.live":
		return []string{"Set `APP_URL` and `APP_DEBUG=false` on the host, run `php artisan migrate --force` on release, and link the deployed URL in the README"}
	case "deployment.security-headers":
		return []string{"Add a middleware that sets `Strict-Transport-Security` and `X-Content-Type-Options: nosniff` and append it to the api group"}
	case "deployment.pinned-base":
		return []string{"Pin the base images, e.g. `FROM composer:2.7` to install and `FROM php:8.3-fpm-alpine` to run"}
	case "deployment.non-root":
		return []string{"Run PHP-FPM as `www-data`: add `USER www-data` to the final stage"}
	case "deployment.multi-stage":
		return []string{"Install dependencies in `FROM composer:2 AS vendor` and `COPY --from=vendor /app/vendor ./vendor` into the `php:8.3-fpm-alpine` stage"}
	case "deployment.dockerignore":
		return []string{"Add a .dockerignore listing `.git`, `vendor/`, `node_modules/`, `.env` and `storage/logs`"}
	case "readme.setup":
		return []string{"Add a Getting started section with the commands in a ```bash block: `composer install`, `cp .env.example .env`, `php artisan key:generate`, `php artisan migrate`, `php artisan serve`"}
	case "readme.configuration":
		return []string{"Add a Configuration section to the README with a table of the .env.example variables (`DB_*`, `APP_URL`, the frontend origins) and what they do"}
	case "readme.api-docs":
		if u.L5Swagger {
			return []string{"Link the Swagger UI l5-swagger serves at /api/documentation from an API section of the README"}
		}
		return []string{"Link the generated API docs (Scramble's /docs/api, Scribe's /docs, l5-swagger's /api/documentation) from an API section of the README"}
	}
	return nil
}
