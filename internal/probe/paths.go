package probe

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
)

// frameworkPaths are where each framework (or its usual docs package)
// serves a health route, a docs page and the OpenAPI document by default.
// The repository's own routes are tried before these.
type frameworkPaths struct {
	health, docs, spec []string
}

// defaultPaths is the one table of framework defaults, tried first for
// the detected framework; the "" row is tried for every framework after.
var defaultPaths = map[string]frameworkPaths{
	"fastapi":     {docs: []string{"/docs", "/redoc"}, spec: []string{"/openapi.json"}},
	"spring-boot": {health: []string{"/actuator/health"}, docs: []string{"/swagger-ui/index.html", "/swagger-ui.html"}, spec: []string{"/v3/api-docs", "/v2/api-docs"}},
	"nestjs":      {docs: []string{"/api", "/docs", "/api/docs", "/swagger"}, spec: []string{"/api-json", "/docs-json", "/api/docs-json"}},
	"express":     {docs: []string{"/api-docs", "/docs", "/api/docs", "/swagger"}, spec: []string{"/api-docs.json", "/swagger.json", "/api-docs/swagger.json"}},
	"fastify":     {docs: []string{"/documentation", "/docs", "/api-docs"}, spec: []string{"/documentation/json", "/docs/json"}},
	// drf-spectacular's api/schema/, DRF's own get_schema_view at schema/,
	// drf-yasg's swagger.json.
	"django":   {docs: []string{"/api/docs/", "/api/schema/swagger-ui/", "/swagger/", "/redoc/"}, spec: []string{"/api/schema/", "/schema/", "/swagger.json"}},
	"flask":    {docs: []string{"/apidocs/", "/docs", "/swagger-ui", "/api/docs"}, spec: []string{"/apispec_1.json", "/swagger.json", "/openapi.json"}},
	"gin":      {docs: []string{"/swagger/index.html", "/docs"}, spec: []string{"/swagger/doc.json"}},
	"echo":     {docs: []string{"/swagger/index.html", "/docs"}, spec: []string{"/swagger/doc.json"}},
	"chi":      {docs: []string{"/swagger/index.html", "/docs"}, spec: []string{"/swagger/doc.json"}},
	"fiber":    {docs: []string{"/swagger/index.html", "/docs"}, spec: []string{"/swagger/doc.json"}},
	"net-http": {docs: []string{"/swagger/index.html", "/docs"}, spec: []string{"/swagger/doc.json"}},
	"": {
		health: []string{"/health", "/healthz", "/api/health", "/actuator/health", "/status", "/api/healthz", "/ping", "/api/v1/health"},
		docs:   []string{"/docs", "/redoc", "/swagger-ui/index.html", "/swagger-ui.html", "/api-docs", "/api/docs", "/swagger/index.html", "/swagger"},
		spec:   []string{"/openapi.json", "/v3/api-docs", "/swagger.json", "/openapi.yaml", "/api-docs.json", "/api/openapi.json", "/swagger/doc.json", "/v2/api-docs"},
	},
}

// candidates are the paths to try for each kind, best first.
type candidates struct {
	health, docs, spec []string
}

// pathsFor orders the paths to try: the health route the code names, the
// repository's own health-like and docs/schema routes, the framework's
// defaults, then everyone's.
func pathsFor(cfg Config) candidates {
	fw, all := defaultPaths[cfg.Framework], defaultPaths[""]
	var c candidates
	hp := cfg.HealthPath
	if hp != "" && (!strings.HasPrefix(hp, "/") || strings.ContainsAny(hp, "{:<*")) {
		hp = ""
	}
	health, docs, spec := routeCandidates(cfg.Routes, cfg.Framework)
	// The framework's stack pack names its defaults first (Framework.Probe);
	// the table above keeps what the packs do not say yet.
	own, _, _ := stacks.Framework(cfg.Framework)
	c.health = dedupe(slices.Concat([]string{hp}, health, own.Probe.Health, fw.health, all.health))
	c.docs = dedupe(slices.Concat(docs, own.Probe.Docs, fw.docs, all.docs))
	c.spec = dedupe(slices.Concat(spec, own.Probe.Spec, fw.spec, all.spec))
	return c
}

// routeCandidates picks, from the "METHOD /path" routes found in the
// code, the parameterless GET routes that look like a health check, a
// docs page or a document. Django's routes end in a slash, which the
// route list drops.
func routeCandidates(routes []string, framework string) (health, docs, spec []string) {
	for _, r := range routes {
		method, path, ok := strings.Cut(strings.TrimSpace(r), " ")
		if !ok || !strings.EqualFold(method, "GET") && method != "*" && !strings.EqualFold(method, "ALL") {
			continue
		}
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "{:<*?") || len(path) > 100 {
			continue
		}
		if framework == "django" && !strings.HasSuffix(path, "/") && !strings.Contains(path[strings.LastIndexByte(path, '/'):], ".") {
			path += "/"
		}
		last := strings.ToLower(strings.Trim(path[strings.LastIndexByte(strings.TrimSuffix(path, "/"), '/')+1:], "/"))
		switch {
		case healthWords[last]:
			health = append(health, path)
		case isSpecRoute(last):
			spec = append(spec, path)
		case docsWords[last]:
			docs = append(docs, path)
		}
	}
	// Shorter routes first: /health before /api/v1/health/db.
	for _, s := range [][]string{health, docs, spec} {
		slices.SortStableFunc(s, func(a, b string) int { return len(a) - len(b) })
	}
	return health, docs, spec
}

var healthWords = map[string]bool{
	"health": true, "healthz": true, "healthcheck": true, "health-check": true, "health_check": true,
	"livez": true, "readyz": true, "ping": true, "status": true, "alive": true, "liveness": true, "readiness": true,
}

var docsWords = map[string]bool{
	"docs": true, "redoc": true, "swagger": true, "swagger-ui": true, "swagger-ui.html": true, "api-docs": true,
	"documentation": true,
}

// isSpecRoute reports a route's last segment that names a document:
// schema, openapi(.json|.yaml), swagger.json, api-docs.json, *-json.
func isSpecRoute(last string) bool {
	switch last {
	case "schema", "openapi", "openapi.json", "openapi.yaml", "openapi.yml", "swagger.json", "swagger.yaml",
		"api-docs.json", "api-json", "docs-json", "doc.json", "v3/api-docs", "spec", "spec.json":
		return true
	}
	return false
}

var (
	// Swagger UI's configuration: url: "/openapi.json", or urls: [{url:
	// "/v1.json", name: ...}], in the page or its initializer script.
	swaggerURL  = scan.MustCompile(`(?:^|[\s{,])["']?url["']?\s*:\s*["'` + "`" + `]([^"'` + "`" + `\s]{1,200})["'` + "`" + `]`)
	swaggerURLs = scan.MustCompile(`["']?urls["']?\s*:\s*\[([^\]]{0,1000})\]`)
	// Redoc: <redoc spec-url="/openapi.json"> or Redoc.init("/openapi.json").
	redocURL = scan.MustCompile(`spec-url\s*=\s*["']([^"'\s]{1,200})["']|Redoc\.init\(\s*["']([^"'\s]{1,200})["']`)
	// Scalar and RapiDoc: data-url="..." / spec-url on <rapi-doc>.
	dataURL = scan.MustCompile(`data-url\s*=\s*["']([^"'\s]{1,200})["']`)
)

// pageSpecURLs returns the document addresses a docs page names, resolved
// against the page, on host only: Swagger UI's url and urls, Redoc's
// spec-url, Scalar's data-url.
func pageSpecURLs(page []byte, base *url.URL, host string) []*url.URL {
	b := page[:min(len(page), 256<<10)]
	var raw []string
	if m := swaggerURLs.FindSubmatch(b); m != nil {
		for _, u := range swaggerURL.FindAllSubmatch(m[1], 4) {
			raw = append(raw, string(u[1]))
		}
	}
	for _, m := range swaggerURL.FindAllSubmatch(b, 8) {
		raw = append(raw, string(m[1]))
	}
	for _, m := range redocURL.FindAllSubmatch(b, 4) {
		raw = append(raw, string(bytes.TrimSpace(append(m[1], m[2]...))))
	}
	for _, m := range dataURL.FindAllSubmatch(b, 4) {
		raw = append(raw, string(m[1]))
	}
	var out []*url.URL
	seen := map[string]bool{}
	for _, r := range raw {
		ref, err := url.Parse(r)
		if err != nil || (ref.Scheme != "" && ref.Scheme != "http" && ref.Scheme != "https") {
			continue
		}
		u := base.ResolveReference(ref)
		u.Fragment = ""
		// A page may point at the public petstore example: only the
		// deployment's own documents are fetched.
		if u.Host != host || seen[u.String()] || strings.HasSuffix(u.Path, ".js") || strings.HasSuffix(u.Path, ".css") {
			continue
		}
		seen[u.String()] = true
		out = append(out, u)
	}
	return out
}
