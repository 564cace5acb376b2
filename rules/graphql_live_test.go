package rules

import (
	"strings"
	"testing"
)

func TestAPIDocsLiveGraphQL(t *testing.T) {
	k := apiDocsCheck(t, "api-docs.live")
	live := func(l Live) *Facts {
		f := graphQLFacts()
		l.URL, l.Reachable = "https://shop.fly.dev", true
		f.Live = &l
		return f
	}
	cases := []struct {
		name       string
		f          *Facts
		want, msg  string
		evidenceAt string
	}{
		{"endpoint answered", live(Live{GraphQLPath: "/graphql", GraphQLIntrospection: true}), "pass",
			"GraphQL endpoint answered at /graphql (the query {__typename} returned data)", "https://shop.fly.dev/graphql"},
		{"GET off", live(Live{GraphQLPath: "/graphql"}), "pass", "GraphQL endpoint answered at /graphql (it did not answer {__typename} over GET", "https://shop.fly.dev/graphql"},
		{"endpoint and GraphiQL", live(Live{GraphQLPath: "/query", GraphQLIntrospection: true, DocsPath: "/"}), "pass",
			"GraphQL endpoint answered at /query (the query {__typename} returned data); the deployed service serves docs at /", "https://shop.fly.dev/query"},
		{"nothing answered", live(Live{}), "fail", "serves no docs page or OpenAPI document", ""},
	}
	// A REST API with a small GraphQL side is judged on its REST docs: the
	// endpoint is mentioned, it does not pass.
	rest := live(Live{GraphQLPath: "/graphql", GraphQLIntrospection: true})
	rest.GraphQL.Queries, rest.GraphQL.Mutations = 1, 0
	rest.Routes.List = append(rest.Routes.List, "GET /api/orders", "GET /api/orders/{id}", "POST /api/orders")
	rest.Endpoints = len(rest.Routes.List)
	cases = append(cases, struct {
		name       string
		f          *Facts
		want, msg  string
		evidenceAt string
	}{"REST API with a GraphQL side", rest, "fail", "a GraphQL endpoint answered at /graphql, but the API is judged on its REST routes", ""})

	for _, c := range cases {
		r := k.Run(c.f)
		got := "fail"
		if r.Passed {
			got = "pass"
		} else if r.Skipped {
			got = "skip"
		}
		if got != c.want || !strings.Contains(r.Message, c.msg) {
			t.Errorf("%s: got %s %q, want %s containing %q", c.name, got, r.Message, c.want, c.msg)
		}
		if c.evidenceAt != "" && (len(r.Evidence) == 0 || r.Evidence[0].URL != c.evidenceAt) {
			t.Errorf("%s: evidence %+v, want %s first", c.name, r.Evidence, c.evidenceAt)
		}
	}

	// The fix speaks about the GraphQL IDE first for a GraphQL stack.
	f := graphQLFacts()
	if steps := k.Fix(f.Stack); len(steps) < 2 || !strings.Contains(steps[0], "GraphiQL") {
		t.Errorf("fix = %q, want the GraphiQL step first", steps)
	}
	if steps := k.Fix(Stack{Framework: "django"}); strings.Contains(strings.Join(steps, " "), "GraphQL") {
		t.Errorf("REST fix mentions GraphQL: %q", steps)
	}
}
