package probe

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// Answers copied (trimmed) from real framework servers run on loopback:
// Django 3.2 runserver, Flask 2.2 / Werkzeug 2.2, FastAPI 0.92 on uvicorn
// 0.17, Express 5, swagger-ui-express 5, Fastify 5, NestJS 11, Go net/http.

// django404Debug is the end of Django's 404 page with DEBUG = True: the
// apostrophe is U+2019, not ASCII.
const django404Debug = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <title>Page not found at /nope</title>
  <meta name="robots" content="NONE,NOARCHIVE">
</head>
<body>
      <p>
          The current path, <code>nope</code>,
        didn’t match any of these.
      </p>
  <div id="explanation">
    <p>
      You’re seeing this error because you have <code>DEBUG = True</code> in
      your Django settings file. Change that to <code>False</code>, and Django
      will display a standard 404 page.
    </p>
  </div>
</body>
</html>`

// django404 is the same page with DEBUG = False.
const django404 = `
<!doctype html>
<html lang="en">
<head>
  <title>Not Found</title>
</head>
<body>
  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
</body>
</html>
`

// werkzeugConsole is what Werkzeug's debugger serves at /console when
// Flask runs with debug=True.
const werkzeugConsole = `<!doctype html>
<html lang=en>
  <head>
    <title>Console // Werkzeug Debugger</title>
    <link rel="stylesheet" href="?__debugger__=yes&amp;cmd=resource&amp;f=style.css">
    <script src="?__debugger__=yes&amp;cmd=resource&amp;f=debugger.js"></script>
    <script>
      var CONSOLE_MODE = true,
          EVALEX = true,
          EVALEX_TRUSTED = false,
          SECRET = "lvT47ONP8aIjJDmirgBF";
    </script>
  </head>`

// werkzeug404 is Flask's 404 page, debug on or off.
const werkzeug404 = `<!doctype html>
<html lang=en>
<title>404 Not Found</title>
<h1>Not Found</h1>
<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>
`

// express500Dev is Express 5's default error handler outside production.
const express500Dev = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Error</title>
</head>
<body>
<pre>Error: database not connected<br> &nbsp; &nbsp;at /srv/bookshelf/index.js:5:54<br> &nbsp; &nbsp;at Layer.handleRequest (/srv/bookshelf/node_modules/router/lib/layer.js:152:17)<br> &nbsp; &nbsp;at next (/srv/bookshelf/node_modules/router/lib/route.js:157:13)</pre>
</body>
</html>
`

// express404 is Express's default 404: HTML, but no leak.
const express404 = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Error</title>
</head>
<body>
<pre>Cannot GET /nope</pre>
</body>
</html>
`

func TestRealDebugPages(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"django 404 DEBUG=True", django404Debug, []string{"debug-page"}},
		{"django 404 DEBUG=False", django404, nil},
		{"werkzeug console", werkzeugConsole, []string{"debug-page"}},
		{"werkzeug 404", werkzeug404, nil},
		{"express 500 development", express500Dev, []string{"debug-page", "stack-trace"}},
		{"express 500 custom error class", strings.Replace(express500Dev, "Error: database", "MongoServerError: database", 1), []string{"debug-page", "stack-trace"}},
		{"express 404", express404, nil},
		{"express 500 production", `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><pre>Internal Server Error</pre></body></html>`, nil},
		{"fastify 500", `{"statusCode":500,"error":"Internal Server Error","message":"kaboom"}`, nil},
		{"nestjs 500", `{"statusCode":500,"message":"Internal server error"}`, nil},
	} {
		got := scanBody([]byte(tc.body))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: scanBody = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRealServerHeaders(t *testing.T) {
	for _, tc := range []struct {
		header, value string
		disclosed     bool
	}{
		{"Server", "WSGIServer/0.2 CPython/3.11.2", true}, // Django runserver
		{"Server", "Werkzeug/2.2.2 Python/3.11.2", true},  // Flask
		{"Server", "uvicorn", true},                       // FastAPI
		{"Server", "gunicorn", true},
		{"X-Powered-By", "Express", true}, // Express, NestJS
		{"Server", "nginx", false},
		{"Server", "cloudflare", false},
		{"Server", "Google Frontend", false},
	} {
		h := http.Header{}
		h.Set(tc.header, tc.value)
		if got := serverVersion(h) != ""; got != tc.disclosed {
			t.Errorf("%s: %s disclosed = %v, want %v", tc.header, tc.value, got, tc.disclosed)
		}
	}
}

// TestRealNotFound replays each framework's answer to an unknown path.
func TestRealNotFound(t *testing.T) {
	for _, tc := range []struct {
		name, ctype, body string
		json              bool
	}{
		{"fastapi", "application/json", `{"detail":"Not Found"}`, true},
		{"fastify", "application/json; charset=utf-8", `{"message":"Route GET:/nope not found","error":"Not Found","statusCode":404}`, true},
		{"nestjs", "application/json; charset=utf-8", `{"message":"Cannot GET /nope","error":"Not Found","statusCode":404}`, true},
		{"express", "text/html; charset=utf-8", express404, false},
		{"flask", "text/html; charset=utf-8", werkzeug404, false},
		{"django", "text/html", django404, false},
		{"go net/http", "text/plain; charset=utf-8", "404 page not found\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/" {
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, `{"name":"bookshelf"}`)
					return
				}
				w.Header().Set("Content-Type", tc.ctype)
				w.WriteHeader(404)
				fmt.Fprint(w, tc.body)
			}))
			live := run(t, testConfig(srv.URL))
			if live.NotFoundStatus != 404 || live.NotFoundJSON == nil || *live.NotFoundJSON != tc.json {
				t.Errorf("not found: status %d json %v, want 404 %v", live.NotFoundStatus, live.NotFoundJSON, tc.json)
			}
			if len(live.Leaks) != 0 {
				t.Errorf("a plain 404 page is no leak: %+v", live.Leaks)
			}
		})
	}
}

// TestDjangoDebug404 is runserver with DEBUG = True: every unknown path
// answers the debug page.
func TestDjangoDebug404(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "WSGIServer/0.2 CPython/3.11.2")
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"ok":true}`)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(404)
		fmt.Fprint(w, django404Debug)
	}))
	cfg := testConfig(srv.URL)
	cfg.Framework = "django"
	live := run(t, cfg)
	if got := kinds(live.Leaks); !slices.Equal(got, []string{"debug-page", "server-version"}) {
		t.Errorf("leaks = %+v", live.Leaks)
	}
	if live.Headers == nil || live.Headers.ServerVersion != "Server: WSGIServer/0.2 CPython/3.11.2" {
		t.Errorf("headers = %+v", live.Headers)
	}
}

// flaskServer plays Flask's development server; with debug on, Werkzeug's
// debugger answers /console.
func flaskServer(debug bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "Werkzeug/2.2.2 Python/3.11.2")
		switch {
		case r.URL.Path == "/":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"message":"hello"}`)
		case r.URL.Path == "/health":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"status":"ok"}`)
		case r.URL.Path == "/console" && debug:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, werkzeugConsole)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(404)
			fmt.Fprint(w, werkzeug404)
		}
	})
}

func TestFlaskDebugger(t *testing.T) {
	for _, debug := range []bool{true, false} {
		// No framework given: the Server header alone leads to /console.
		live := run(t, testConfig(serve(t, flaskServer(debug)).URL))
		var consoles []facts.Leak
		for _, l := range live.Leaks {
			if l.Kind == "debug-page" {
				consoles = append(consoles, l)
			}
		}
		switch {
		case debug && (len(consoles) != 1 || consoles[0].Path != "/console"):
			t.Errorf("debug on: debug-page leaks = %+v, want one at /console", consoles)
		case !debug && len(consoles) != 0:
			t.Errorf("debug off: debug-page leaks = %+v, want none", consoles)
		}
		if live.HealthPath != "/health" || !live.Reachable {
			t.Errorf("debug %v: health %q reachable %v", debug, live.HealthPath, live.Reachable)
		}
	}
}

func TestNoConsoleRequestForOtherServers(t *testing.T) {
	api := newFakeAPI()
	live := run(t, testConfig(serve(t, api).URL))
	if api.hits["/console"] != 0 {
		t.Errorf("asked /console of a server that is not Werkzeug (%d requests)", live.Requests)
	}
}

// TestExpressErrorAtRoot is Express in development whose landing route
// throws: the service answers (500), so its leaks and 404 are judged.
func TestExpressErrorAtRoot(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Powered-By", "Express")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			w.WriteHeader(500)
			fmt.Fprint(w, express500Dev)
			return
		}
		w.WriteHeader(404)
		fmt.Fprint(w, strings.Replace(express404, "/nope", r.URL.Path, 1))
	}))
	live := run(t, testConfig(srv.URL))
	if !live.Reachable || live.Status != 500 {
		t.Errorf("reachable %v status %d error %q, want an answering service with 500", live.Reachable, live.Status, live.Error)
	}
	if got := kinds(live.Leaks); !slices.Equal(got, []string{"debug-page", "server-version", "stack-trace"}) {
		t.Errorf("leaks = %+v", live.Leaks)
	}
	if live.NotFoundJSON == nil || *live.NotFoundJSON {
		t.Errorf("not found json = %v", live.NotFoundJSON)
	}
}

func TestGatewayErrorsAreDown(t *testing.T) {
	for _, status := range []int{502, 503, 504, 522} {
		srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
		}))
		live := run(t, testConfig(srv.URL))
		if live.Reachable || live.Status != status {
			t.Errorf("%d: reachable %v status %d", status, live.Reachable, live.Status)
		}
	}
}

// swaggerUIExpressInit is the head of the script swagger-ui-express
// serves beside its page, with the document embedded.
const swaggerUIExpressInit = `
window.onload = function() {
  // Build a system
  var url = window.location.search.match(/url=([^&]+)/);
  if (url && url.length > 1) {
    url = decodeURIComponent(url[1]);
  } else {
    url = window.location.origin;
  }
  var options = {
  "swaggerDoc": {
    "openapi": "3.0.0",
    "info": {"title": "Bookshelf", "version": "1.0.0"},
    "paths": {
      "/api/books": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}}}},
      "/api/me": {"get": {"security": [{"bearerAuth": []}], "responses": {"200": {"description": "me"}, "401": {"description": "no"}}}}
    },
    "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}}
  },
  "customOptions": {}
};
  url = options.swaggerUrl || url
  var spec1 = options.swaggerDoc
`

const swaggerUIExpressPage = `<!-- HTML for static distribution bundle build -->
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>Swagger UI</title>
  <link rel="stylesheet" type="text/css" href="./swagger-ui.css" >
</head>
<body>
<div id="swagger-ui"></div>
<script src="./swagger-ui-bundle.js"> </script>
<script src="./swagger-ui-standalone-preset.js"> </script>
<script src="./swagger-ui-init.js"> </script>
</body>
</html>`

// expressDocs plays app.use('/api-docs', swaggerUi.serve, swaggerUi.setup(spec)):
// no JSON document at any well-known path, only the page and its script.
func expressDocs(init string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Powered-By", "Express")
		switch r.URL.Path {
		case "/api-docs":
			http.Redirect(w, r, "/api-docs/", http.StatusMovedPermanently)
		case "/api-docs/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, swaggerUIExpressPage)
		case "/api-docs/swagger-ui-init.js":
			w.Header().Set("Content-Type", "application/javascript; charset=UTF-8")
			fmt.Fprint(w, init)
		case "/api/books":
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			fmt.Fprint(w, `[{"id":1}]`)
		case "/api/me":
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(401)
			fmt.Fprint(w, `{"error":"unauthorized"}`)
		case "/spec/openapi.json":
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			fmt.Fprint(w, `{"openapi":"3.0.0","info":{"title":"B","version":"1"},"paths":{"/api/books":{"get":{"responses":{"200":{"description":"ok"}}}}}}`)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(404)
			fmt.Fprint(w, express404)
		}
	})
}

func TestSwaggerUIExpressEmbeddedSpec(t *testing.T) {
	cfg := testConfig(serve(t, expressDocs(swaggerUIExpressInit)).URL)
	cfg.Framework = "express"
	live := run(t, cfg)
	if live.DocsPath != "/api-docs" {
		t.Errorf("docs = %q", live.DocsPath)
	}
	if !strings.HasSuffix(live.SpecURL, "/api-docs/swagger-ui-init.js") || live.SpecValid == nil || !*live.SpecValid {
		t.Fatalf("spec url %q valid %v error %q", live.SpecURL, live.SpecValid, live.SpecError)
	}
	if live.SpecOperations != 2 || live.Conformance.Checked != 1 || live.Conformance.Violations != 0 {
		t.Errorf("operations %d conformance %+v", live.SpecOperations, live.Conformance)
	}
	if live.AuthEnforced == nil || !*live.AuthEnforced {
		t.Errorf("auth enforced = %v (%v)", live.AuthEnforced, live.AuthFailures)
	}
	if live.Requests > MaxRequests {
		t.Errorf("requests = %d", live.Requests)
	}
}

func TestSwaggerUIExpressSpecURL(t *testing.T) {
	init := "window.onload = function() {\n  var options = {\n  \"swaggerUrl\": \"/spec/openapi.json\",\n  \"customOptions\": {}\n};\n  url = options.swaggerUrl || url\n"
	live := run(t, testConfig(serve(t, expressDocs(init)).URL))
	if !strings.HasSuffix(live.SpecURL, "/spec/openapi.json") || live.SpecOperations != 1 {
		t.Errorf("spec url %q operations %d", live.SpecURL, live.SpecOperations)
	}
}

func TestInitOptionsBadInput(t *testing.T) {
	for _, js := range []string{
		"",
		"var options = ",
		"var options = {\"swaggerDoc\": {\"openapi\": ",
		"var options = {\"swaggerDoc\": {\"title\": \"not a document\"}};",
		"var options = [1, 2];",
		"\xff\xfe var options = {\"swaggerDoc\": \"\xff\"}",
	} {
		if doc, u := initOptions([]byte(js)); doc != nil || u != "" {
			t.Errorf("initOptions(%q) = %q, %q", js, doc, u)
		}
	}
}
