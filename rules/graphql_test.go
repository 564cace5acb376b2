package rules

import (
	"strings"
	"testing"
)

func scopeCheck(t *testing.T, id string) *Check {
	t.Helper()
	for _, k := range scopeCriterion.Checks {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("no check %s", id)
	return nil
}

// graphQLFacts is a saleor-like backend: a graphene schema with many
// operations, a handful of REST routes (webhooks, health, the /graphql/
// mount) and no OpenAPI document.
func graphQLFacts() *Facts {
	return &Facts{
		Stack:   Stack{Language: "python", Framework: "django", Dependencies: map[string]bool{"graphene-django": true}},
		OpenAPI: OpenAPI{Kind: "none"},
		Auth:    Auth{Kind: "jwt"},
		Routes: Routes{
			List:      []string{"POST /graphql/", "GET /health/", "POST /webhooks/stripe/", "GET /thumbnail/{id}/"},
			Resources: []string{"webhooks", "thumbnail"},
		},
		Endpoints: 4,
		GraphQL: GraphQL{Server: "graphene", Queries: 40, Mutations: 60, Described: 70, Types: 25,
			TypeNames: []string{"Address", "Checkout", "Order"}, Evidence: []Location{{Path: "saleor/graphql/api.py", Line: 3}}},
	}
}

func TestGraphQLAPIDocs(t *testing.T) {
	f := graphQLFacts()
	cases := []struct {
		id                 string
		passed, skipped    bool
		msgHas             string
		needEvidenceOnPass bool
	}{
		{"api-docs.present", true, false, "code-first GraphQL schema (graphene), 40 queries and 60 mutations", true},
		{"api-docs.valid", false, true, "GraphQL", false},
		{"api-docs.described", true, false, "70 of 100 GraphQL operations", true},
		{"api-docs.error-responses", false, true, "GraphQL", false},
		{"api-docs.security-schemes", false, true, "GraphQL", false},
	}
	for _, c := range cases {
		r := apiDocsCheck(t, c.id).Run(f)
		if r.Passed != c.passed || r.Skipped != c.skipped || !strings.Contains(r.Message, c.msgHas) {
			t.Errorf("%s = %+v, want passed=%v skipped=%v message with %q", c.id, r, c.passed, c.skipped, c.msgHas)
		}
		if c.needEvidenceOnPass && len(r.Evidence) == 0 {
			t.Errorf("%s: no evidence", c.id)
		}
	}

	// Few described operations fail, with a GraphQL fix first.
	f.GraphQL.Described = 10
	k := apiDocsCheck(t, "api-docs.described")
	if r := k.Run(f); r.Passed || r.Skipped || !strings.Contains(r.Message, "10 of 100 GraphQL") {
		t.Errorf("described = %+v, want a GraphQL failure", r)
	}
	if steps := k.Fix(f.Stack); len(steps) < 2 || !strings.Contains(steps[0], "graphene") {
		t.Errorf("fix = %q, want the graphene step first", steps)
	}
	// A REST project's fix is unchanged.
	if steps := k.Fix(Stack{Framework: "django"}); strings.Contains(strings.Join(steps, " "), "GraphQL") {
		t.Errorf("REST fix mentions GraphQL: %q", steps)
	}
}

func TestGraphQLDoesNotExcuseARESTAPI(t *testing.T) {
	// Twenty undocumented REST routes and a two-query GraphQL side: still
	// judged on OpenAPI.
	f := &Facts{OpenAPI: OpenAPI{Kind: "none"}, GraphQL: GraphQL{Server: "apollo", Schema: "schema.graphql", Queries: 2}}
	for i := 0; i < 20; i++ {
		f.Routes.List = append(f.Routes.List, "GET /items/"+strings.Repeat("x", i+1))
	}
	r := apiDocsCheck(t, "api-docs.present").Run(f)
	if r.Passed || !strings.Contains(r.Message, "no OpenAPI document") {
		t.Errorf("present = %+v, want a failure on the missing OpenAPI document", r)
	}
	if r := apiDocsCheck(t, "api-docs.error-responses").Run(f); r.Skipped {
		t.Errorf("error-responses skipped for a REST API: %+v", r)
	}

	// With an OpenAPI document the GraphQL schema changes nothing.
	f.OpenAPI = OpenAPI{Kind: "static-file", Path: "openapi.yaml", Valid: true, Version: "3.0.3", Operations: 4, Described: 1}
	if r := apiDocsCheck(t, "api-docs.described").Run(f); r.Passed || !strings.Contains(r.Message, "1 of 4 operations") {
		t.Errorf("described = %+v, want the OpenAPI judgement", r)
	}

	// A GraphQL server whose schema could not be read is not a document.
	f = &Facts{OpenAPI: OpenAPI{Kind: "none"}, GraphQL: GraphQL{Server: "strawberry"}}
	if r := apiDocsCheck(t, "api-docs.present").Run(f); r.Passed {
		t.Errorf("present = %+v, want a failure without a readable schema", r)
	}
}

func TestGraphQLScope(t *testing.T) {
	f := graphQLFacts()
	r := scopeCheck(t, "scope.endpoints").Run(f)
	// 100 operations + 2 REST routes (webhooks, thumbnail); /graphql/ and health do not count.
	if !r.Passed || !strings.Contains(r.Message, "102 endpoints: 100 GraphQL operations (40 queries, 60 mutations) and 2 REST routes") {
		t.Errorf("endpoints = %+v", r)
	}
	r = scopeCheck(t, "scope.resources").Run(f)
	if !r.Passed || !strings.Contains(r.Message, "25 GraphQL object types: Address, Checkout, Order, ...") {
		t.Errorf("resources = %+v", r)
	}

	// A hello-world GraphQL API is still a hello world.
	f = &Facts{GraphQL: GraphQL{Server: "gqlgen", Schema: "graph/schema.graphqls", Queries: 1, Mutations: 1, Types: 1, TypeNames: []string{"Todo"}},
		Routes: Routes{List: []string{"POST /query", "GET /"}}}
	r = scopeCheck(t, "scope.endpoints").Run(f)
	if r.Passed || !strings.Contains(r.Message, "only 3 endpoints: 2 GraphQL operations (1 query, 1 mutation) and 1 REST route") {
		t.Errorf("endpoints = %+v", r)
	}
	if steps := scopeCheck(t, "scope.endpoints").Fix(Stack{Language: "go", Dependencies: map[string]bool{"github.com/99designs/gqlgen": true}}); !strings.Contains(steps[0], "GraphQL") {
		t.Errorf("fix = %q, want a GraphQL step first", steps)
	}
	r = scopeCheck(t, "scope.resources").Run(f)
	if r.Passed || !strings.Contains(r.Message, "only 1 GraphQL object type: Todo") {
		t.Errorf("resources = %+v", r)
	}

	// gqlgen's /query mount is not a resource: one Todo type judged, not "query".
	f.Routes.Resources = []string{"query"}
	if r := scopeCheck(t, "scope.resources").Run(f); r.Passed || !strings.Contains(r.Message, "only 1 GraphQL object type: Todo") {
		t.Errorf("resources = %+v", r)
	}

	// REST resources are kept when they are enough.
	f.Routes.Resources = []string{"users", "orders", "items"}
	if r := scopeCheck(t, "scope.resources").Run(f); !r.Passed || strings.Contains(r.Message, "GraphQL") {
		t.Errorf("resources = %+v", r)
	}
}
