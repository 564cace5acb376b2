package probe

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// The GraphQL deployments below replay what the servers answer: Apollo
// Server 4 (expressMiddleware at /graphql, csrfPrevention on), graphql-yoga
// (createServer(yoga)), gqlgen's generated server.go (playground on /,
// the server on /query), Spring for GraphQL (POST only, GraphiQL at
// /graphiql) and a REST API without GraphQL.

const apolloLandingPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8" /><title>Apollo Server</title>
<link rel="icon" href="https://apollo-server-landing-page.cdn.apollographql.com/_latest/assets/favicon.png" /></head>
<body><div class="fallback"><h1>Welcome to Apollo Server</h1><p>Apollo Sandbox cannot be loaded; it appears that you might be offline.</p></div>
<div id="embeddableSandbox" style="width: 100vw; height: 100vh; position: absolute; top: 0;"></div>
<script src="https://embeddable-sandbox.cdn.apollographql.com/_latest/embeddable-sandbox.umd.production.min.js"></script>
<script>new window.EmbeddedSandbox({ target: '#embeddableSandbox', initialEndpoint: window.location.href });</script></body></html>`

const yogaGraphiQL = `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Yoga GraphiQL</title>
<link rel="icon" href="https://raw.githubusercontent.com/dotansimha/graphql-yoga/main/website/public/favicon.ico" />
<link rel="stylesheet" href="https://unpkg.com/@graphql-yoga/graphiql@4/dist/style.css" /></head>
<body id="body" class="no-focus-outline"><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
<script type="module">import { renderYogaGraphiQL } from 'https://unpkg.com/@graphql-yoga/graphiql@4/dist/yoga-graphiql.es.js';
renderYogaGraphiQL(root, {"endpoint":"/graphql"})</script></body></html>`

const gqlgenPlayground = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>GraphQL playground</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/graphiql@3.7.0/graphiql.min.css" crossorigin="anonymous"/></head>
<body><div id="graphiql">Loading...</div>
<script src="https://cdn.jsdelivr.net/npm/graphiql@3.7.0/graphiql.min.js" crossorigin="anonymous"></script>
<script>const url = location.protocol + '//' + location.host + '/query';
const fetcher = GraphiQL.createFetcher({ url, subscriptionUrl: url.replace('http', 'ws') });
ReactDOM.render(React.createElement(GraphiQL, { fetcher, isHeadersEditorEnabled: true, shouldPersistHeaders: true }), document.getElementById('graphiql'));</script></body></html>`

const springGraphiQL = `<!doctype html><html lang="en"><head><title>GraphiQL</title>
<link href="https://unpkg.com/graphiql/graphiql.min.css" rel="stylesheet" /></head>
<body><div id="graphiql">Loading...</div>
<script crossorigin src="https://unpkg.com/graphiql/graphiql.min.js"></script>
<script>const params = new URLSearchParams(window.location.search); const path = params.get("path") || "/graphql";</script></body></html>`

// gqlServer records every request of a GraphQL deployment.
type gqlServer struct {
	mu       sync.Mutex
	requests []*http.Request
	handler  http.Handler
}

func (g *gqlServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	g.requests = append(g.requests, r.Clone(r.Context()))
	g.mu.Unlock()
	g.handler.ServeHTTP(w, r)
}

// assertSafe checks that the deployment saw no write: no POST (only GET,
// and the probe's HEAD/OPTIONS), no query but {__typename}, and no more
// requests than the cap.
func (g *gqlServer) assertSafe(t *testing.T, max int) {
	t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, r := range g.requests {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			t.Errorf("server saw %s %s", r.Method, r.URL)
		}
		if q, ok := r.URL.Query()["query"]; ok && (len(q) != 1 || q[0] != "{__typename}") {
			t.Errorf("server was sent the query %q", q)
		}
		if strings.Contains(strings.ToLower(r.URL.Path), "graph") && r.Method != http.MethodGet {
			t.Errorf("a GraphQL path was called with %s", r.Method)
		}
	}
	if len(g.requests) > max {
		t.Errorf("server saw %d requests, more than the cap %d", len(g.requests), max)
	}
}

// count counts the requests whose path is path.
func (g *gqlServer) count(path string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, r := range g.requests {
		if r.URL.Path == path {
			n++
		}
	}
	return n
}

func writeGQL(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

func prefersHTML(r *http.Request) bool {
	a := r.Header.Get("Accept")
	return strings.HasPrefix(a, "text/html")
}

// apollo4 is Express with Apollo Server 4's expressMiddleware at /graphql.
func apollo4() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/graphql", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("query")
		switch {
		case r.Method == http.MethodGet && q == "" && prefersHTML(r):
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, apolloLandingPage)
		case r.Method == http.MethodGet && r.Header.Get("Apollo-Require-Preflight") == "" && r.Header.Get("Content-Type") == "":
			writeGQL(w, 400, `{"errors":[{"message":"This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight","extensions":{"code":"BAD_REQUEST"}}]}`)
		case q == "":
			writeGQL(w, 400, "{\"errors\":[{\"message\":\"GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.\",\"extensions\":{\"code\":\"BAD_REQUEST\"}}]}")
		case q == "{__typename}":
			writeGQL(w, 200, `{"data":{"__typename":"Query"}}`+"\n")
		default:
			writeGQL(w, 400, `{"errors":[{"message":"unexpected query"}]}`)
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// Express's default 404.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(404)
		fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET %s</pre>\n</body>\n</html>\n", r.URL.Path)
	})
	return mux
}

// yoga is node's http.createServer(createYoga({ schema })).
func yoga() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/graphql" {
			w.WriteHeader(404)
			return
		}
		if r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept"), "text/html") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, yogaGraphiQL)
			return
		}
		if r.URL.Query().Get("query") == "{__typename}" {
			writeGQL(w, 200, `{"data":{"__typename":"Query"}}`)
			return
		}
		writeGQL(w, 400, `{"errors":[{"message":"Must provide query string."}]}`)
	})
}

// gqlgen is the generated server.go: playground.Handler on "/", the
// server (with transport.GET) on "/query".
func gqlgen(get bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		fmt.Fprint(w, gqlgenPlayground)
	})
	mux.HandleFunc("/query", func(w http.ResponseWriter, r *http.Request) {
		if !get {
			writeGQL(w, 400, `{"errors":[{"message":"transport not supported"}],"data":null}`)
			return
		}
		if r.URL.Query().Get("query") == "{__typename}" {
			writeGQL(w, 200, `{"data":{"__typename":"Query"}}`)
			return
		}
		writeGQL(w, 422, `{"errors":[{"message":"no operation provided","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}],"data":null}`)
	})
	return mux
}

// springGraphQL is Spring for GraphQL: /graphql takes only POST, GraphiQL
// (when enabled) redirects /graphiql to /graphiql?path=/graphql.
func springGraphQL(graphiql bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/graphql", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		w.WriteHeader(http.StatusMethodNotAllowed)
	})
	mux.HandleFunc("/graphiql", func(w http.ResponseWriter, r *http.Request) {
		if !graphiql {
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Get("path") == "" {
			http.Redirect(w, r, "/graphiql?path=/graphql", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html;charset=UTF-8")
		fmt.Fprint(w, springGraphiQL)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(404)
		_ = json.NewEncoder(w).Encode(map[string]any{"timestamp": "2025-03-01T10:00:00.000+00:00", "status": 404, "error": "Not Found", "path": r.URL.Path})
	})
	return mux
}

func TestGraphQLDeployments(t *testing.T) {
	cases := []struct {
		name                  string
		handler               http.Handler
		server, framework     string
		routePath             string
		wantPath, wantDocs    string
		wantData              bool
		mustNotAsk, mustAsked []string
	}{
		{name: "apollo 4", handler: apollo4(), server: "apollo", framework: "express",
			wantPath: "/graphql", wantData: true, wantDocs: "/graphql"},
		{name: "apollo 4 found without the hint", handler: apollo4(), framework: "express",
			wantPath: "/graphql", wantData: true, wantDocs: "/graphql"},
		{name: "yoga", handler: yoga(), server: "yoga", framework: "express",
			wantPath: "/graphql", wantData: true, wantDocs: "/graphql"},
		{name: "gqlgen", handler: gqlgen(true), server: "gqlgen", framework: "chi",
			wantPath: "/query", wantData: true, wantDocs: "/", mustNotAsk: []string{"/graphiql"}},
		{name: "gqlgen without the GET transport", handler: gqlgen(false), server: "gqlgen", framework: "net-http",
			wantPath: "/query", wantDocs: "/"},
		{name: "spring graphql, GET off, GraphiQL on", handler: springGraphQL(true), server: "spring-graphql", framework: "spring-boot",
			wantPath: "/graphql", wantDocs: "/graphiql"},
		{name: "spring graphql, GET off, no GraphiQL", handler: springGraphQL(false), server: "dgs", framework: "spring-boot",
			wantPath: "/graphql", mustAsked: []string{"/graphiql"}},
		{name: "django route from the code", handler: http.StripPrefix("/api/v1", yoga()), server: "graphene", framework: "django",
			routePath: "/api/v1/graphql", wantPath: "/api/v1/graphql", wantData: true, wantDocs: "/api/v1/graphql"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := &gqlServer{handler: c.handler}
			srv := serve(t, g)
			cfg := testConfig(srv.URL)
			cfg.Framework, cfg.GraphQLServer, cfg.GraphQLPath = c.framework, c.server, c.routePath
			live := run(t, cfg)
			if !live.Reachable {
				t.Fatalf("not reachable: %s", live.Error)
			}
			if live.GraphQLPath != c.wantPath || live.GraphQLIntrospection != c.wantData || live.DocsPath != c.wantDocs {
				t.Errorf("graphql=%q data=%v docs=%q, want %q %v %q", live.GraphQLPath, live.GraphQLIntrospection, live.DocsPath, c.wantPath, c.wantData, c.wantDocs)
			}
			if live.SpecURL != "" {
				t.Errorf("spec = %q, want none", live.SpecURL)
			}
			for _, p := range c.mustNotAsk {
				if n := g.count(p); n != 0 {
					t.Errorf("%s asked %d times", p, n)
				}
			}
			for _, p := range c.mustAsked {
				if g.count(p) == 0 {
					t.Errorf("%s never asked", p)
				}
			}
			if live.Requests != len(g.requests) {
				t.Errorf("probe counted %d requests, server saw %d", live.Requests, len(g.requests))
			}
			g.assertSafe(t, MaxRequests)
		})
	}
}

func TestGraphQLRespectsALowCap(t *testing.T) {
	g := &gqlServer{handler: apollo4()}
	srv := serve(t, g)
	cfg := testConfig(srv.URL)
	cfg.GraphQLServer, cfg.MaxRequests = "apollo", 6
	live := run(t, cfg)
	if live.Requests > 6 || len(g.requests) > 6 {
		t.Errorf("probe sent %d, server saw %d, cap 6", live.Requests, len(g.requests))
	}
	g.assertSafe(t, 6)
}

func TestNoGraphQLOnARESTAPI(t *testing.T) {
	// With a live OpenAPI document and no GraphQL server in the code, the
	// probe does not look for GraphQL at all.
	api := newFakeAPI()
	srv := serve(t, api)
	live := run(t, testConfig(srv.URL))
	if live.GraphQLPath != "" || live.GraphQLIntrospection || api.hits["/graphql"] != 0 || api.hits["/graphiql"] != 0 {
		t.Errorf("graphql=%q data=%v; /graphql asked %d times, /graphiql %d", live.GraphQLPath, live.GraphQLIntrospection, api.hits["/graphql"], api.hits["/graphiql"])
	}
	api.assertSafe(t)

	// Without a document: one /graphql request, a 404, nothing recorded.
	bare := newFakeAPI()
	bare.override = func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/docs", "/openapi.json":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(404)
			fmt.Fprint(w, `{"detail":"Not Found"}`)
			return true
		}
		return false
	}
	srv = serve(t, bare)
	live = run(t, testConfig(srv.URL))
	if live.SpecURL != "" || live.DocsPath != "" {
		t.Fatalf("spec=%q docs=%q, want none", live.SpecURL, live.DocsPath)
	}
	if live.GraphQLPath != "" || bare.hits["/graphql"] != 1 || bare.hits["/graphiql"] != 0 {
		t.Errorf("graphql=%q; /graphql asked %d times, /graphiql %d", live.GraphQLPath, bare.hits["/graphql"], bare.hits["/graphiql"])
	}
	bare.assertSafe(t)
}

func TestGraphQLCatchAllIsNotAnEndpoint(t *testing.T) {
	// An API that answers every path with a GraphQL-shaped error (here a
	// 401 for every unauthenticated call) has no endpoint to show.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeGQL(w, 401, `{"errors":[{"message":"Unauthorized"}]}`)
	})
	g := &gqlServer{handler: h}
	srv := serve(t, g)
	cfg := testConfig(srv.URL)
	cfg.GraphQLServer = "apollo"
	live := run(t, cfg)
	if live.GraphQLPath != "" || live.DocsPath != "" {
		t.Errorf("graphql=%q docs=%q, want none", live.GraphQLPath, live.DocsPath)
	}
	g.assertSafe(t, MaxRequests)
}

func TestGraphQLAnswer(t *testing.T) {
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	jsonCT := hdr("Content-Type", "application/json")
	cases := []struct {
		name        string
		r           *response
		found, data bool
	}{
		{"data", &response{status: 200, header: jsonCT, body: []byte(`{"data":{"__typename":"Query"}}`)}, true, true},
		{"graphql-response+json", &response{status: 200, header: hdr("Content-Type", "application/graphql-response+json"), body: []byte(` {"data":{"__typename":"RootQueryType"}}`)}, true, true},
		{"errors", &response{status: 400, header: jsonCT, body: []byte(`{"errors":[{"message":"GET requests are not allowed"}]}`)}, true, false},
		{"405 POST", &response{status: 405, header: hdr("Allow", "POST, OPTIONS")}, true, false},
		{"405 without POST", &response{status: 405, header: hdr("Allow", "PUT")}, false, false},
		{"404 errors", &response{status: 404, header: jsonCT, body: []byte(`{"errors":[{"message":"Not Found"}]}`)}, false, false},
		{"500", &response{status: 500, header: jsonCT, body: []byte(`{"errors":[{"message":"boom"}]}`)}, false, false},
		{"JSON:API errors", &response{status: 400, header: jsonCT, body: []byte(`{"errors":[{"status":"400","title":"Bad"}]}`)}, false, false},
		{"REST JSON", &response{status: 200, header: jsonCT, body: []byte(`{"data":[{"id":1}]}`)}, false, false},
		{"empty typename", &response{status: 200, header: jsonCT, body: []byte(`{"data":{"__typename":""}}`)}, false, false},
		{"SPA page", &response{status: 200, header: hdr("Content-Type", "text/html"), body: []byte(`<html><div id="root"></div></html>`)}, false, false},
		{"IDE page", &response{status: 200, header: hdr("Content-Type", "text/html"), body: []byte(yogaGraphiQL)}, true, false},
		{"invalid JSON", &response{status: 200, header: jsonCT, body: []byte("{\"data\":\xff")}, false, false},
		{"cut", &response{status: 200, header: jsonCT, body: []byte(`{"data":{"__typename":"Query"}}`), cut: true}, false, false},
		{"no answer", &response{}, false, false},
		{"nil", nil, false, false},
	}
	for _, c := range cases {
		found, data := graphQLAnswer(c.r)
		if found != c.found || data != c.data {
			t.Errorf("%s: found=%v data=%v, want %v %v", c.name, found, data, c.found, c.data)
		}
	}
	for _, page := range []string{apolloLandingPage, yogaGraphiQL, gqlgenPlayground, springGraphiQL,
		`<!doctype html><html><head><title>Altair</title></head><body><app-root></app-root><script>AltairGraphQL.init({endpointURL: "/graphql"})</script></body></html>`,
		`<!DOCTYPE html><html><head><title>GraphQL Playground</title><link rel="stylesheet" href="//cdn.jsdelivr.net/npm/graphql-playground-react/build/static/css/index.css" /></head></html>`,
	} {
		if !isGraphQLIDE(&response{status: 200, header: hdr("Content-Type", "text/html; charset=utf-8"), body: []byte(page)}) {
			t.Errorf("not an IDE page: %.60s", page)
		}
	}
	if isGraphQLIDE(&response{status: 200, header: hdr("Content-Type", "text/html"), body: []byte(swaggerUI)}) {
		t.Error("Swagger UI taken for a GraphQL IDE")
	}
}
