package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
)

// A GraphQL API has no OpenAPI document: its endpoint and its IDE page
// (GraphiQL, Apollo Sandbox, GraphQL Playground, Altair) are what a
// reviewer opens instead. The probe asks only {__typename}, the one query
// every GraphQL server answers (introspection switched off included) and
// that reads and changes nothing, and only with GET.

// graphQLQuery is the query string of the only GraphQL request sent.
const graphQLQuery = "?query=%7B__typename%7D"

// graphQLHeader goes with the query: Apollo Server 4 (csrfPrevention, on
// by default) and yoga's CSRF plugin refuse a GET that carries none of
// their custom headers, as a browser's simple request would.
func graphQLHeader() http.Header {
	return http.Header{"Apollo-Require-Preflight": {"true"}, "X-Graphql-Yoga-Csrf": {"vetfolio"}}
}

// htmlHeader asks as a browser does: GraphQL servers show their IDE page
// only to a request that prefers HTML.
func htmlHeader() http.Header {
	return http.Header{"Accept": {"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}}
}

// graphQLPaths are the endpoint paths tried, the code's route first, then
// gqlgen's and graphql-go's /query for those servers.
func graphQLPaths(cfg Config) []string {
	var first []string
	if p := cfg.GraphQLPath; strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") && !strings.ContainsAny(p, "{:<*?#") {
		first = append(first, p)
	}
	if cfg.GraphQLServer == "gqlgen" || cfg.GraphQLServer == "graphql-go" {
		first = append(first, "/query")
	}
	return dedupe(append(first, "/graphql", "/api/graphql", "/query"))
}

// graphQLAnswer tells whether r came from a GraphQL endpoint, and whether
// it answered the query with data. A JSON errors array (GET queries off,
// CSRF prevention), a 405 whose Allow names POST, or an IDE page served
// in place of the answer (Ariadne) show the endpoint without data.
func graphQLAnswer(r *response) (found, data bool) {
	if r == nil || r.status == 0 {
		return false, false
	}
	if r.status == http.StatusMethodNotAllowed {
		return strings.Contains(strings.ToUpper(r.header.Get("Allow")), "POST"), false
	}
	if r.status == http.StatusNotFound || r.status >= 500 || r.cut {
		return false, false
	}
	if isGraphQLIDE(r) {
		return true, false
	}
	body := bytes.TrimSpace(r.body)
	if len(body) == 0 || body[0] != '{' || r.isHTML() {
		return false, false
	}
	var ans struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message *string `json:"message"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &ans) != nil {
		return false, false
	}
	var d struct {
		Typename string `json:"__typename"`
	}
	if len(ans.Data) > 0 && json.Unmarshal(ans.Data, &d) == nil && d.Typename != "" {
		return true, true
	}
	return len(ans.Errors) > 0 && ans.Errors[0].Message != nil, false
}

// graphQLIDEMarkers name the GraphQL IDE pages: GraphiQL (graphene,
// strawberry, yoga, Spring for GraphQL, gqlgen), Apollo Server's landing
// pages (Sandbox, Explorer, the production page), GraphQL Playground and
// Altair.
var graphQLIDEMarkers = [][]byte{
	[]byte("graphiql"), []byte("graphql-playground"), []byte("graphql playground"),
	[]byte("apollographql.com"), []byte("embeddable-sandbox"), []byte("embeddable-explorer"),
}

// isGraphQLIDE reports a GraphQL IDE page.
func isGraphQLIDE(r *response) bool {
	if r == nil || !r.ok() || !r.isHTML() {
		return false
	}
	b := bytes.ToLower(r.body[:min(len(r.body), 64<<10)])
	for _, m := range graphQLIDEMarkers {
		if bytes.Contains(b, m) {
			return true
		}
	}
	return bytes.Contains(b, []byte("altair")) && bytes.Contains(b, []byte("graphql"))
}

// pathOf is the path of a request URI, without its query.
func pathOf(uri string) string {
	if i := strings.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	return uri
}

// graphQL records the GraphQL endpoint and IDE page. answers are the
// endpoint requests made with the other well-known paths when the code
// has a GraphQL server; without one, a single /graphql request is made
// here, and only when no OpenAPI document was found live. base is the
// service's own answer (gqlgen serves its playground at /), notFound the
// answer to an unknown path, which tells a catch-all from an endpoint.
func (p *probe) graphQL(ctx context.Context, base, notFound *response, answers []*response) {
	live, hinted := p.live, p.cfg.GraphQLServer != ""
	if !hinted {
		if live.SpecURL != "" || !live.Reachable {
			return
		}
		answers = []*response{p.get(ctx, p.at("/graphql"+graphQLQuery), graphQLHeader())}
	}
	// A service that answers every path like a GraphQL endpoint (the same
	// error array for all, a page for all) shows nothing; data for
	// {__typename} is proof wherever it comes from.
	catchAll, _ := graphQLAnswer(notFound)
	var hit *response
	for _, r := range answers {
		found, data := graphQLAnswer(r)
		if data {
			hit, live.GraphQLIntrospection = r, true
			break
		}
		if found && hit == nil && !(catchAll && r.status == notFound.status && r.contentType() == notFound.contentType()) {
			hit = r
		}
	}
	if hit != nil {
		live.GraphQLPath = pathOf(hit.path)
		if isGraphQLIDE(hit) && live.DocsPath == "" {
			live.DocsPath = live.GraphQLPath
		}
	}
	if live.DocsPath != "" || (hit == nil && !hinted) {
		return
	}
	// The IDE page: gqlgen's at the service's root, already fetched (its
	// template mounts the playground on "/", so every unknown path shows
	// it too); the others at the endpoint, asked for as a browser does, or
	// at /graphiql.
	if isGraphQLIDE(base) {
		live.DocsPath = "/"
		if base.final != nil && base.final.Host == p.origin.Host && base.final.Path != "" {
			live.DocsPath = base.final.Path
		}
		return
	}
	if isGraphQLIDE(notFound) {
		return
	}
	endpoint := live.GraphQLPath
	if endpoint == "" {
		endpoint = graphQLPaths(p.cfg)[0]
	}
	for _, path := range dedupe([]string{endpoint, "/graphiql"}) {
		if ctx.Err() != nil {
			return
		}
		r := p.get(ctx, p.at(path), htmlHeader())
		if !isGraphQLIDE(r) {
			continue
		}
		live.DocsPath = path
		if live.GraphQLPath == "" && path == endpoint {
			// The IDE is served by the endpoint itself.
			live.GraphQLPath = path
		}
		return
	}
}
