package audit

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

func TestGraphQLRoute(t *testing.T) {
	cases := []struct {
		server string
		routes []string
		want   string
	}{
		{"graphene", []string{"GET /health/", "POST /api/v1/graphql/", "GET /thumbnail/{id}/"}, "/api/v1/graphql/"},
		{"apollo", []string{"USE /graphql"}, "/graphql"},
		{"gqlgen", []string{"GET /", "ANY /query"}, ""},
		{"", []string{"POST /graphql"}, ""},
		{"apollo", []string{"GET /graphql-docs", "broken"}, ""},
	}
	for _, c := range cases {
		f := &rules.Facts{GraphQL: rules.GraphQL{Server: c.server}, Routes: rules.Routes{List: c.routes}}
		if got := graphQLRoute(f); got != c.want {
			t.Errorf("%s %v: got %q, want %q", c.server, c.routes, got, c.want)
		}
	}
}
