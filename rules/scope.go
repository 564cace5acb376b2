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
	for seg := range strings.SplitSeq(strings.ToLower(p), "/") {
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
	NeutralFix: true, // REST paths read the same in every framework; Django's viewsets refine them
	Fix: withGraphQL(func(s Stack) []string {
		return Steps{ID: "scope.endpoints", Generic: []string{"Add the endpoints a real client needs: filtering and search on lists, nested resources (`/users/{id}/orders`), and actions beyond CRUD (`POST /orders/{id}/cancel`)"}}.For(s)
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
		return Steps{ID: "scope.resources", Generic: []string{"Model the domain as several resources that reference each other (for example users, projects and tasks) and expose each one through its own routes"}}.For(s)
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
		return Steps{ID: "scope.relations", Generic: []string{"Relate the resources with foreign keys or ORM relations"}}.For(s)
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
		return Steps{ID: "scope.pagination", Generic: []string{"Add limit/offset or page/size parameters to every list endpoint"}}.For(s)
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
		return Steps{ID: "scope.client", Generic: []string{"Add a small client in `frontend/` (for example `npm create vite@latest frontend -- --template react-ts`) that logs in and lists, creates and edits the main resource", "Link the deployed client from the README"}}.For(s)
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
		return Steps{ID: "scope.extras", Generic: []string{"Add one feature beyond request/response: a background job, a cache, file uploads or email notifications"}}.For(s)
	},
}
