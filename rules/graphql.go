package rules

import (
	"fmt"
	"strings"
)

// GraphQL APIs are judged like REST ones: a GraphQL schema documents the API
// the way an OpenAPI document does (introspection serves it, with its
// descriptions, to GraphiQL and client generators), and its queries and
// mutations are the endpoints. These helpers feed api-docs and scope.

// graphQLOps counts the GraphQL operations (queries and mutations).
func graphQLOps(f *Facts) int { return f.GraphQL.Queries + f.GraphQL.Mutations }

// restEndpoints counts the REST routes of the API, leaving out the route
// the GraphQL server itself is mounted on (/graphql, gqlgen's /query) and
// its playground, which are not endpoints of their own.
func restEndpoints(f *Facts) int {
	n := apiEndpoints(f)
	if f.GraphQL.Server == "" {
		return n
	}
	for _, r := range f.Routes.List {
		p := strings.ToLower(r[strings.IndexByte(r, ' ')+1:])
		if isGraphQLPath(p, f.GraphQL.Server) && !operationalPath(p) {
			n--
		}
	}
	return max(n, 0)
}

func isGraphQLPath(p, server string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		switch seg {
		case "graphql", "graphiql", "playground":
			return true
		}
	}
	return server == "gqlgen" && strings.Trim(p, "/") == "query"
}

// graphQLMain reports whether the GraphQL schema is the API's documentation:
// there is no OpenAPI document, a GraphQL schema was read (an SDL file or
// code-first operations), and it offers at least as many operations as
// there are REST routes. A REST API with a small GraphQL side is still
// judged on OpenAPI.
func graphQLMain(f *Facts) bool {
	g := f.GraphQL
	if g.Server == "" || hasDoc(f.OpenAPI) || (g.Schema == "" && graphQLOps(f) == 0) {
		return false
	}
	return graphQLOps(f) >= restEndpoints(f)
}

// describeGraphQL names the schema for messages.
func describeGraphQL(g GraphQL) string {
	s := fmt.Sprintf("code-first GraphQL schema (%s)", g.Server)
	if g.Schema != "" {
		s = fmt.Sprintf("GraphQL schema %s (%s)", g.Schema, g.Server)
	}
	return s + fmt.Sprintf(", %s and %s", plural(g.Queries, "query", "queries"), plural(g.Mutations, "mutation", "mutations"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// graphQLDeps are the server libraries whose presence in the manifests
// makes a fix speak about the GraphQL schema too (fixes see only the stack).
var graphQLDeps = []string{
	"graphene", "graphene-django", "strawberry-graphql", "strawberry-graphql-django", "ariadne",
	"@apollo/server", "apollo-server", "apollo-server-express", "graphql-yoga", "mercurius", "@nestjs/graphql",
	"type-graphql", "express-graphql", "graphql-http", "spring-boot-starter-graphql", "spring-graphql",
	"graphql-dgs-spring-boot-starter", "graphql-dgs-spring-graphql-starter",
	"github.com/99designs/gqlgen", "github.com/graph-gophers/graphql-go",
}

// withGraphQL returns a Fix that puts the GraphQL steps before the REST ones
// when the stack depends on a GraphQL server library.
func withGraphQL(rest func(Stack) []string, gql Steps) func(Stack) []string {
	return func(s Stack) []string {
		steps := rest(s)
		if !s.HasDep(graphQLDeps...) {
			return steps
		}
		return append(append([]string(nil), gql.For(s)...), steps...)
	}
}

var graphQLDescribedSteps = Steps{ID: "api-docs.described+graphql", Generic: []string{"Describe each GraphQL query and mutation with a \"\"\"description\"\"\" above its field in the schema"}}

var graphQLEndpointSteps = Steps{ID: "scope.endpoints+graphql", Generic: []string{"Add the GraphQL queries and mutations a real client needs: lists with filter and pagination arguments (first/after), a mutation for each write, and actions beyond CRUD (cancelOrder)"}}
