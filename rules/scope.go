package rules

import (
	"fmt"
	"slices"
	"strings"
)

// scopeCriterion judges whether the project goes beyond the "hello world"
// three-endpoint CRUD the guide warns about: several resources with
// relations, enough endpoints, pagination, and signs of a real product.
var scopeCriterion = &Criterion{
	ID:    "scope",
	Title: "Beyond hello world",
	Doc: "The guide warns that a three-endpoint CRUD does not impress: a reviewer looks for several related resources, " +
		"enough endpoints to be a real API, paginated lists, and signs of a product such as a client that consumes the API " +
		"or background jobs and caching.",
	Checks: []*Check{scopeEndpoints, scopeResources, scopeRelations, scopePagination, scopeClient, scopeExtras},
}

// minEndpoints and minResources are what a reviewer reads as more than a
// single-table CRUD.
const (
	minEndpoints = 8
	minResources = 3
)

// apiEndpoints counts the routes that serve the API itself, leaving out
// health, documentation and metrics routes.
func apiEndpoints(f *Facts) int {
	if len(f.Routes.List) == 0 {
		return f.Endpoints
	}
	n := 0
	for _, r := range f.Routes.List {
		p := r
		if i := strings.IndexByte(r, ' '); i >= 0 {
			p = r[i+1:]
		}
		if !operationalPath(p) {
			n++
		}
	}
	return n
}

// operationalPath reports whether a route serves health or documentation.
func operationalPath(p string) bool {
	switch strings.ToLower(p[strings.LastIndexByte(p, '/')+1:]) {
	case "health", "healthz", "healthcheck", "health-check", "readyz", "livez":
		return true
	}
	for _, seg := range strings.Split(strings.ToLower(p), "/") {
		if seg == "" || seg == "api" || len(seg) >= 2 && seg[0] == 'v' && strings.Trim(seg[1:], "0123456789") == "" {
			continue
		}
		switch seg {
		case "health", "healthz", "healthcheck", "health-check", "ready", "readyz", "live", "livez", "status", "ping",
			"docs", "doc", "swagger", "swagger-ui", "swagger-ui.html", "openapi", "openapi.json", "redoc", "api-docs",
			"actuator", "metrics", "favicon.ico", "ht":
			return true
		}
		return false
	}
	return false
}

var scopeEndpoints = &Check{
	ID:    "scope.endpoints",
	Title: fmt.Sprintf("The API has at least %d endpoints", minEndpoints),
	Doc: fmt.Sprintf("A hello-world CRUD has three or four endpoints; a reviewer looks for an API that does more. Passes "+
		"with at least %d distinct routes (method and path) besides health, documentation and metrics routes, counted "+
		"from the framework's route declarations (DRF viewsets count each action they serve). GraphQL queries and mutations "+
		"count as endpoints, and the route the GraphQL server is mounted on does not.", minEndpoints),
	Points: 25,
	Run: func(f *Facts) Result {
		if f.GraphQL.Server != "" {
			return graphQLEndpoints(f)
		}
		n := apiEndpoints(f)
		if n >= minEndpoints {
			return Pass(fmt.Sprintf("%d endpoints", n), f.Routes.Evidence...)
		}
		if n == 0 {
			return Fail("no HTTP routes found in the code")
		}
		return Fail(fmt.Sprintf("only %d endpoints; a reviewer reads that as a hello-world CRUD", n), f.Routes.Evidence...)
	},
	Fix: withGraphQL(func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"":       {"Add the endpoints a real client needs: filtering and search on lists, nested resources (`/users/{id}/orders`), and actions beyond CRUD (`POST /orders/{id}/cancel`)"},
			"django": {"Add viewsets for the related models and `@action` endpoints for operations beyond CRUD (`@action(detail=True, methods=[\"post\"])`)"},
		})
	}, graphQLEndpointSteps),
}

// graphQLEndpoints judges an API that serves GraphQL: its queries and
// mutations count with the REST routes beside them.
func graphQLEndpoints(f *Facts) Result {
	g := f.GraphQL
	rest, ops := restEndpoints(f), graphQLOps(f)
	n := rest + ops
	what := fmt.Sprintf("%d GraphQL operations (%s, %s)", ops, plural(g.Queries, "query", "queries"), plural(g.Mutations, "mutation", "mutations"))
	if rest > 0 {
		what += fmt.Sprintf(" and %s", plural(rest, "REST route", "REST routes"))
	}
	ev := append(append([]Location(nil), g.Evidence...), f.Routes.Evidence...)
	if len(ev) > 5 {
		ev = ev[:5]
	}
	if n >= minEndpoints {
		return Pass(fmt.Sprintf("%d endpoints: %s", n, what), ev...)
	}
	if n == 0 {
		return Fail(fmt.Sprintf("a %s GraphQL server, but no queries, mutations or REST routes found", g.Server), ev...)
	}
	return Fail(fmt.Sprintf("only %d endpoints: %s; a reviewer reads that as a hello-world CRUD", n, what), ev...)
}

var scopeResources = &Check{
	ID:    "scope.resources",
	Title: fmt.Sprintf("The API serves at least %d resources", minResources),
	Doc: fmt.Sprintf("One table behind one CRUD is the tutorial; a product has users, the things they own and what links "+
		"them. Passes when routes serve at least %d distinct resources, read as the first path segment after api/vN "+
		"prefixes, leaving out auth, health and documentation routes. When routes show fewer, a GraphQL API's object "+
		"types count instead (Relay connections, edges, payloads and inputs left out).", minResources),
	Points: 20,
	Run: func(f *Facts) Result {
		r := f.Routes.Resources
		if g := f.GraphQL; g.Server != "" {
			// The route the GraphQL server is mounted on is no resource.
			r = slices.DeleteFunc(slices.Clone(r), func(x string) bool { return isGraphQLPath("/"+x, g.Server) })
		}
		if g := f.GraphQL; len(r) < minResources && g.Types > len(r) {
			names := strings.Join(g.TypeNames, ", ")
			if g.Types > len(g.TypeNames) {
				names += ", ..."
			}
			msg := plural(g.Types, "GraphQL object type", "GraphQL object types") + ": " + names
			if g.Types >= minResources {
				return Pass(msg, g.Evidence...)
			}
			return Fail("only "+msg, g.Evidence...)
		}
		if len(r) >= minResources {
			return Pass(fmt.Sprintf("%d resources: %s", len(r), strings.Join(r, ", ")), f.Routes.Evidence...)
		}
		if len(r) == 0 {
			return Fail("no resource routes found")
		}
		return Fail(fmt.Sprintf("only %s: %s", plural(len(r), "resource", "resources"), strings.Join(r, ", ")), f.Routes.Evidence...)
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"": {"Model the domain as several resources that reference each other (for example users, projects and tasks) and expose each one through its own routes"},
		})
	},
}

var scopeRelations = &Check{
	ID:    "scope.relations",
	Title: "Resources are related to each other",
	Doc: "Relations (foreign keys, one-to-many and many-to-many) are where data modelling skill shows. Passes when " +
		"the database detector found foreign keys in migrations or relation declarations in the ORM models.",
	Points: 20,
	Run: func(f *Facts) Result {
		if f.Relationships {
			return Pass("the models declare relations", f.RelationEvidence...)
		}
		return Fail("no foreign keys or ORM relations found between the models")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Add `ForeignKey` columns and `relationship(..., back_populates=...)` in the SQLAlchemy models, then `alembic revision --autogenerate`"},
			"flask":       {"Add `db.ForeignKey` columns and `db.relationship` in the Flask-SQLAlchemy models, then `flask db migrate`"},
			"django":      {"Link the models with `ForeignKey(..., on_delete=models.CASCADE)` or `ManyToManyField`, then `python manage.py makemigrations`"},
			"spring-boot": {"Map relations with `@ManyToOne`/`@OneToMany(mappedBy = ...)` on the entities and add the foreign keys in a Flyway migration"},
			"express":     {"Declare relations in the Prisma schema (`@relation(fields: [userId], references: [id])`) and run `npx prisma migrate dev`"},
			"nestjs":      {"Add `@ManyToOne`/`@OneToMany` relations to the TypeORM entities (or `@relation` in Prisma) and generate a migration"},
			"fastify":     {"Declare relations in the Prisma schema or add foreign keys in a migration"},
			"go":          {"Add `REFERENCES` foreign keys in a golang-migrate or goose migration and join the tables in the queries"},
			"":            {"Relate the resources with foreign keys or ORM relations"},
		})
	},
}

var scopePagination = &Check{
	ID:    "scope.pagination",
	Title: "List endpoints are paginated",
	Doc: "A list endpoint that returns the whole table does not survive real data. Passes on limit/offset or page/size " +
		"parameters used to query, DRF DEFAULT_PAGINATION_CLASS or pagination_class, fastapi-pagination, Spring " +
		"Pageable/Page, skip/limit or take/skip queries (Mongoose, Prisma, TypeORM), or LIMIT/OFFSET with parameters in SQL.",
	Points: 15,
	Run: func(f *Facts) Result {
		if f.Scope.Pagination {
			return Pass("lists are paginated", f.Scope.PaginationEvidence...)
		}
		return Fail("no pagination found: list endpoints return everything")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Add `skip: int = 0, limit: int = Query(20, le=100)` parameters to list routes and apply `.offset(skip).limit(limit)`, or use `fastapi-pagination`"},
			"django":      {"Set `DEFAULT_PAGINATION_CLASS: rest_framework.pagination.PageNumberPagination` and `PAGE_SIZE` in `REST_FRAMEWORK`"},
			"flask":       {"Read `page` and `per_page` from `request.args` and use Flask-SQLAlchemy's `query.paginate(page=page, per_page=per_page)`"},
			"spring-boot": {"Take a `Pageable` parameter in list endpoints and return `Page<Dto>` from `repository.findAll(pageable)`"},
			"express":     {"Read `limit` and `offset` from `req.query` (validated) and pass them to the query (`take`/`skip` in Prisma, `.limit().offset()` in Knex)"},
			"nestjs":      {"Add a `PaginationQueryDto` with `@IsInt() limit` and `offset` and pass them as `take`/`skip` to the repository"},
			"fastify":     {"Declare `limit` and `offset` in the route's `querystring` schema and apply them in the query"},
			"go":          {"Parse `limit` and `offset` from `r.URL.Query()` and use `LIMIT $1 OFFSET $2` in the list query"},
			"":            {"Add limit/offset or page/size parameters to every list endpoint"},
		})
	},
}

var scopeClient = &Check{
	ID:    "scope.client",
	Title: "A client consumes the API",
	Doc: "A frontend, mobile app or CLI that uses the API shows it was designed for a real consumer and lets a reviewer " +
		"try it without curl. Passes on a folder such as frontend/, client/ or web/ with its own package.json using " +
		"React, Vue, Svelte, Angular or Next, a Flutter or Android app, a static web client, or a CLI client.",
	Points: 10,
	Run: func(f *Facts) Result {
		if c := f.Scope.Client; c != "" {
			return Pass("client in "+c, Location{Path: c})
		}
		return Fail("no frontend, mobile or CLI client found in the repository")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"": {"Add a small client in `frontend/` (for example `npm create vite@latest frontend -- --template react-ts`) that logs in and lists, creates and edits the main resource", "Link the deployed client from the README"},
		})
	},
}

var scopeExtras = &Check{
	ID:    "scope.extras",
	Title: "The project goes beyond request/response",
	Doc: "Background jobs, caching, websockets, file uploads, email, search or messaging show the kind of work a backend " +
		"job involves. Passes when the code or the manifests use at least one of them (Celery, RQ, BullMQ, @Scheduled, " +
		"asynq; Redis or @Cacheable caching; websockets; S3 uploads; email sending; Elasticsearch; Kafka or RabbitMQ).",
	Points: 10,
	Run: func(f *Facts) Result {
		if x := f.Scope.Extras; len(x) > 0 {
			return Pass("found: "+strings.Join(x, ", "), f.Scope.ExtrasEvidence...)
		}
		return Fail("no background jobs, caching, websockets, uploads, email, search or messaging found")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Send emails or process uploads in the background with `BackgroundTasks` or a Celery/RQ worker, or cache hot reads in Redis"},
			"django":      {"Add Celery with a Redis broker for slow work (emails, reports), or the Redis cache backend with `@cache_page`"},
			"flask":       {"Add Celery or RQ for slow work, or `Flask-Caching` with Redis"},
			"spring-boot": {"Add `@EnableScheduling` with a `@Scheduled` job, or `@EnableCaching` with `@Cacheable` on hot reads"},
			"express":     {"Add a BullMQ queue with a worker for slow work, or cache hot reads in Redis with `ioredis`"},
			"nestjs":      {"Add `@nestjs/bullmq` for background jobs or `@nestjs/cache-manager` for caching"},
			"fastify":     {"Add a BullMQ worker for slow work or `@fastify/caching` with Redis"},
			"go":          {"Add a background worker with `asynq` (Redis) or a cache in front of hot queries with `go-redis`"},
			"":            {"Add one feature beyond request/response: a background job, a cache, file uploads or email notifications"},
		})
	},
}
