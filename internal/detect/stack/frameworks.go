package stack

import "strings"

// fwRule names a framework and the dependencies that declare it.
type fwRule struct {
	name string
	// deps are exact dependency keys; prefixes match any key they start.
	deps, prefixes []string
}

// frameworkRules list each ecosystem's backend frameworks, the most
// specific first: NestJS before the Express it runs on, FastAPI before
// Starlette.
var frameworkRules = map[string][]fwRule{
	ecoPython: {
		{name: "fastapi", deps: []string{"fastapi"}},
		{name: "django", deps: []string{"django", "djangorestframework"}},
		{name: "flask", deps: []string{"flask"}},
		{name: "litestar", deps: []string{"litestar"}},
		{name: "sanic", deps: []string{"sanic"}},
		{name: "starlette", deps: []string{"starlette"}},
		{name: "tornado", deps: []string{"tornado"}},
		{name: "pyramid", deps: []string{"pyramid"}},
		{name: "falcon", deps: []string{"falcon"}},
		{name: "bottle", deps: []string{"bottle"}},
	},
	ecoJVM: {
		{name: "spring-boot", deps: []string{"org.springframework.boot"}, prefixes: []string{"spring-boot-starter", "org.springframework.boot:"}},
		{name: "quarkus", prefixes: []string{"io.quarkus:"}},
		{name: "micronaut", prefixes: []string{"io.micronaut:", "io.micronaut."}},
		{name: "ktor", prefixes: []string{"io.ktor:ktor-server"}},
		{name: "javalin", deps: []string{"io.javalin:javalin"}},
		{name: "dropwizard", prefixes: []string{"io.dropwizard:"}},
	},
	ecoNode: {
		{name: "nestjs", deps: []string{"@nestjs/core"}},
		{name: "fastify", deps: []string{"fastify"}},
		{name: "koa", deps: []string{"koa"}},
		{name: "hapi", deps: []string{"@hapi/hapi", "hapi"}},
		{name: "hono", deps: []string{"hono"}},
		{name: "adonis", deps: []string{"@adonisjs/core"}},
		{name: "express", deps: []string{"express"}},
		{name: "nextjs", deps: []string{"next"}},
	},
	ecoGo: {
		{name: "gin", deps: []string{"github.com/gin-gonic/gin"}},
		{name: "echo", deps: []string{"github.com/labstack/echo/v4", "github.com/labstack/echo/v5", "github.com/labstack/echo"}},
		{name: "chi", deps: []string{"github.com/go-chi/chi/v5", "github.com/go-chi/chi"}},
		{name: "fiber", deps: []string{"github.com/gofiber/fiber/v2", "github.com/gofiber/fiber/v3", "github.com/gofiber/fiber"}},
		{name: "gorilla", deps: []string{"github.com/gorilla/mux"}},
	},
	ecoRuby: {
		{name: "rails", deps: []string{"rails", "railties"}},
		{name: "sinatra", deps: []string{"sinatra"}},
		{name: "grape", deps: []string{"grape"}},
		{name: "hanami", deps: []string{"hanami"}},
	},
	ecoDotnet: {
		{name: "aspnet", prefixes: []string{"microsoft.aspnetcore"}},
	},
	ecoPHP: {
		{name: "laravel", deps: []string{"laravel/framework", "laravel/lumen-framework"}},
		{name: "symfony", deps: []string{"symfony/framework-bundle"}},
		{name: "slim", deps: []string{"slim/slim"}},
	},
	ecoRust: {
		{name: "actix", deps: []string{"actix-web"}},
		{name: "axum", deps: []string{"axum"}},
		{name: "rocket", deps: []string{"rocket"}},
		{name: "warp", deps: []string{"warp"}},
	},
	ecoElixir: {
		{name: "phoenix", deps: []string{"phoenix"}},
	},
}

// weakFrameworks serve pages more than APIs: a Next.js frontend beside a
// real backend must not win the monorepo.
var weakFrameworks = map[string]bool{"nextjs": true}

// frameworksOf lists the frameworks a unit's dependencies declare, in rule order.
func frameworksOf(u *unit) []string {
	var out []string
	for _, r := range frameworkRules[u.eco] {
		if matches(r, u.deps) {
			out = append(out, r.name)
		}
	}
	if u.eco == ecoDotnet && u.web && len(out) == 0 {
		out = append(out, "aspnet")
	}
	return out
}

func matches(r fwRule, deps map[string]bool) bool {
	for _, d := range r.deps {
		if deps[d] {
			return true
		}
	}
	if len(r.prefixes) == 0 {
		return false
	}
	for d := range deps {
		for _, p := range r.prefixes {
			if strings.HasPrefix(d, p) {
				return true
			}
		}
	}
	return false
}
