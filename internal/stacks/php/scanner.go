package php

import (
	"bytes"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// routeScanner collects the route declarations of every PHP file and
// resolves the route files mounted from another file when all are seen.
type routeScanner struct {
	files     map[string]FileRoutes
	health    *Route
	apiPrefix string
	apiFile   string // routes/api.php, as found (maybe in a subfolder)
}

func newRouteScanner() pack.RouteScanner {
	return &routeScanner{files: map[string]FileRoutes{}}
}

var apiPrefixArg = scan.MustCompile(`\bapiPrefix\s*:\s*['"]([^'"]*)['"]`)

func (r *routeScanner) Scan(src pack.Source) {
	if !bytes.Contains(src.Code, []byte("Route::")) && !bytes.Contains(src.Code, []byte("withRouting")) {
		return
	}
	if fr := ParseRoutes(src.Path, src.Code); len(fr.Routes)+len(fr.Mounts) > 0 {
		r.files[src.Path] = fr
		if strings.HasSuffix(src.Path, "routes/api.php") {
			r.apiFile = src.Path
		}
	}
	if bytes.Contains(src.Code, []byte("withRouting")) {
		if p, at := HealthRoute(src.Code); p != "" && r.health == nil {
			r.health = &Route{Method: "GET", Path: p, File: src.Path, Line: lineAt(src.Code, at)}
		}
		if m := apiPrefixArg.FindSubmatch(src.Code); m != nil {
			r.apiPrefix = string(m[1])
		}
	}
}

func (r *routeScanner) Routes() []pack.Route {
	if r.apiPrefix != "" && r.apiFile != "" {
		// bootstrap/app.php's apiPrefix: 'api/v1' replaces the default /api.
		fr := r.files[r.apiFile]
		for i := range fr.Routes {
			fr.Routes[i].Path = joinPath(r.apiPrefix, strings.TrimPrefix(fr.Routes[i].Path, "/api"))
		}
	}
	rs := ResolveMounts(r.files)
	if r.health != nil {
		rs = append(rs, *r.health)
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].File != rs[j].File {
			return rs[i].File < rs[j].File
		}
		return rs[i].Line < rs[j].Line
	})
	out := make([]pack.Route, 0, len(rs))
	for _, rt := range rs {
		out = append(out, pack.Route{Method: rt.Method, Path: rt.Path, At: facts.Location{Path: rt.File, Line: rt.Line}})
	}
	return out
}
