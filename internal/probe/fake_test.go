package probe

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// goodSpec is a small, valid document in the shape FastAPI serves.
const goodSpec = `{
  "openapi": "3.0.3",
  "info": {"title": "Bookshelf API", "version": "1.0.0"},
  "paths": {
    "/api/books": {
      "get": {
        "summary": "List books",
        "operationId": "list_books",
        "responses": {
          "200": {"description": "Books", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Book"}}}}}
        }
      },
      "post": {
        "summary": "Create a book",
        "security": [{"bearerAuth": []}],
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Book"}}}},
        "responses": {"201": {"description": "Created"}, "401": {"description": "Unauthorized"}}
      }
    },
    "/api/books/{book_id}": {
      "get": {
        "summary": "Get a book",
        "parameters": [{"name": "book_id", "in": "path", "required": true, "schema": {"type": "integer", "example": 1}}],
        "responses": {
          "200": {"description": "A book", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Book"}}}},
          "404": {"description": "Not found", "content": {"application/problem+json": {"schema": {"type": "object"}}}}
        }
      }
    },
    "/api/users/me": {
      "get": {
        "summary": "Current user",
        "security": [{"bearerAuth": []}],
        "responses": {
          "200": {"description": "The user", "content": {"application/json": {"schema": {"type": "object"}}}},
          "401": {"description": "Unauthorized"}
        }
      }
    },
    "/api/reviews/{review_id}": {
      "get": {
        "summary": "Get a review (no example: not called)",
        "parameters": [{"name": "review_id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "A review"}}
      }
    }
  },
  "components": {
    "schemas": {
      "Book": {
        "type": "object",
        "required": ["id", "title"],
        "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "author_id": {"type": "integer"}}
      }
    },
    "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
  }
}`

const swaggerUI = `<!DOCTYPE html><html><head><title>Bookshelf API - Swagger UI</title>
<link type="text/css" rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script>const ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui'})</script></body></html>`

// fakeAPI is a deployment played by an httptest server. Handlers can be
// replaced per test; every request is recorded.
type fakeAPI struct {
	mu       sync.Mutex
	methods  map[string]int
	requests []*http.Request
	hits     map[string]int

	mux *http.ServeMux
	// override answers before the mux when it returns true.
	override func(w http.ResponseWriter, r *http.Request) bool
}

func newFakeAPI() *fakeAPI {
	f := &fakeAPI{methods: map[string]int{}, hits: map[string]int{}, mux: http.NewServeMux()}
	writeJSON := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	f.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"name": "bookshelf", "docs": "/docs"})
	})
	f.mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	f.mux.HandleFunc("GET /docs", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, swaggerUI)
	})
	f.mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, goodSpec)
	})
	f.mux.HandleFunc("GET /api/books", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, []map[string]any{{"id": 1, "title": "Dune", "author_id": 3}})
	})
	f.mux.HandleFunc("GET /api/books/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": 1, "title": "Dune"})
	})
	f.mux.HandleFunc("GET /api/users/me", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			writeJSON(w, 401, map[string]string{"detail": "Not authenticated"})
			return
		}
		writeJSON(w, 200, map[string]string{"email": "a@example.com"})
	})
	f.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(404)
		fmt.Fprintf(w, `{"type":"about:blank","title":"Not Found","status":404,"detail":"%s not found"}`, "path")
	})
	return f
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.methods[r.Method]++
	f.hits[r.URL.Path]++
	f.requests = append(f.requests, r.Clone(r.Context()))
	f.mu.Unlock()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.TLS != nil {
		w.Header().Set("Strict-Transport-Security", "max-age=63072000")
	}
	if f.override != nil && f.override(w, r) {
		return
	}
	f.mux.ServeHTTP(w, r)
}

func (f *fakeAPI) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// assertSafe checks the whitelist and the User-Agent of every request the
// server saw.
func (f *fakeAPI) assertSafe(t *testing.T) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for m := range f.methods {
		switch m {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			t.Errorf("server saw a %s request", m)
		}
	}
	for _, r := range f.requests {
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "vetfolio/test (+https://github.com/vetfolio/vetfolio)") {
			t.Errorf("User-Agent = %q", ua)
		}
		if r.Header.Get("Authorization") != "" {
			t.Errorf("%s sent credentials", r.URL.Path)
		}
	}
	if len(f.requests) > MaxRequests {
		t.Errorf("server saw %d requests, more than %d", len(f.requests), MaxRequests)
	}
}

// testConfig is a user-given URL with short limits.
func testConfig(u string) Config {
	return Config{
		URL: u, UserGiven: true, Version: "test",
		RequestTimeout: 2 * time.Second, Budget: 10 * time.Second, ColdStart: 500 * time.Millisecond,
	}
}

func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// newTLSServer is httptest.NewTLSServer without the server's log of
// handshakes the probe refuses on purpose.
func newTLSServer(h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	return srv
}
