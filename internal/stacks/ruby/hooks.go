package ruby

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

var (
	beforeActionRe = scan.MustCompile(`(?m)^[ \t]*(?:before_action|prepend_before_action|append_before_action|before_filter)\b[ \t(]*:([\w!?]+)`)
	basicAuthUseRe = scan.MustCompile(`(?m)^[ \t]*http_basic_authenticate_with\b`)
	routeGuardRe   = scan.MustCompile(`(?m)^[ \t]*(?:authenticate|authenticated)\b[ \t(]*:\w+[^\n]*\bdo\b`)
	rescueFromRe2  = scan.MustCompile(`(?m)^[ \t]*rescue_from\b`)
	exceptionsApp  = scan.MustCompile(`(?m)^[ \t]*config\.exceptions_app\s*=`)
)

// protections returns where Ruby code requires authentication: a
// before_action whose callback is an auth guard (authenticate_user!,
// authorize_request, ...), http_basic_authenticate_with, and devise's
// `authenticate :user do` blocks in routes.rb. A skip_before_action is not
// one; which actions stay protected is GuardOf's business.
func protections(code []byte) []int {
	var offs []int
	for _, m := range beforeActionRe.FindAllSubmatchIndex(code, -1) {
		if IsAuthFilter(string(code[m[2]:m[3]])) {
			offs = append(offs, m[0])
		}
	}
	for _, m := range basicAuthUseRe.FindAllIndex(code, -1) {
		offs = append(offs, m[0])
	}
	for _, m := range routeGuardRe.FindAllIndex(code, -1) {
		offs = append(offs, m[0])
	}
	return offs
}

// centralErrors reports a central error handler: rescue_from in a
// controller others inherit from (ApplicationController, an API base
// controller) or in a controller concern, a Grape API's rescue_from, or
// config.exceptions_app. A rescue_from in one leaf controller handles that
// controller's errors only.
func centralErrors(src pack.Source, sink pack.ErrorSink) {
	if m := exceptionsApp.FindIndex(src.Code); m != nil {
		sink.Central(src.Loc(m[0]))
	}
	if !baseController(src.Path) {
		return
	}
	m := rescueFromRe2.FindIndex(src.Code)
	if m == nil {
		return
	}
	// A concern rescues only in the controllers that include it.
	if strings.Contains(src.Path, "app/controllers/concerns/") {
		if mods := concernModule.FindAllSubmatch(src.Code[:m[0]], -1); len(mods) > 0 {
			name := string(mods[len(mods)-1][1])
			sink.Handler(name[strings.LastIndex(name, ":")+1:], src.Loc(m[0]))
			return
		}
	}
	sink.Central(src.Loc(m[0]))
}

var concernModule = scan.MustCompile(`(?m)^\s*module\s+([\w:]+)`)

// baseController reports whether a file is where Rails apps put what every
// controller shares.
func baseController(p string) bool {
	base := path.Base(p)
	switch {
	case strings.Contains(p, "app/controllers/concerns/"), strings.Contains(p, "app/api/"):
		return true
	case !strings.Contains(p, "app/controllers/"):
		return false
	}
	return base == "application_controller.rb" || base == "api_controller.rb" || strings.HasSuffix(base, "base_controller.rb")
}

// engineMigration reports a migration `rails <engine>:install:migrations`
// copied (20240101000000_create_active_storage_tables.active_storage.rb).
func engineMigration(p string) bool {
	ok, engine := Migration(p, nil)
	return ok && engine != ""
}

// stubTest reports whether a test file holds only what a generator wrote:
// `pending "add some examples…"`, an empty describe, a commented
// `test "the truth"` or one that asserts true.
func stubTest(code []byte) bool {
	if exampleRe.Match(code) {
		return false
	}
	if minitestRe.Match(code) {
		return !assertionRe.Match(trivialAssertRe.ReplaceAll(code, nil))
	}
	return true
}

var paramRe = scan.MustCompile(`:(\w+)`)

// routeScanner reads config/routes.rb once every file was seen, so that
// config/application.rb can say whether the app is API-only (whose
// resources have no new and edit routes).
type routeScanner struct {
	routes  pack.Source
	apiOnly bool
}

func newRouteScanner() pack.RouteScanner { return &routeScanner{} }

// Scan keeps the two files the routes depend on.
func (r *routeScanner) Scan(src pack.Source) {
	switch {
	case src.Path == "config/routes.rb" || strings.HasSuffix(src.Path, "/config/routes.rb"):
		if r.routes.Code == nil {
			r.routes = src
		}
	case strings.HasSuffix(src.Path, "config/application.rb"):
		r.apiOnly = r.apiOnly || APIOnly(src.Code)
	}
}

// Routes expands routes.rb into the endpoints it serves, with parameters
// in braces (/books/{id}); the PWA files Rails 8 routes are not the API's.
func (r *routeScanner) Routes() []pack.Route {
	if r.routes.Code == nil {
		return nil
	}
	lineOff := []int{0}
	for i, c := range r.routes.Code {
		if c == '\n' {
			lineOff = append(lineOff, i+1)
		}
	}
	var out []pack.Route
	for _, rt := range Routes(r.routes.Code, r.apiOnly).Routes {
		if FrameworkRoute(rt) {
			continue
		}
		off := 0
		if rt.Line-1 < len(lineOff) {
			off = lineOff[rt.Line-1]
		}
		out = append(out, pack.Route{Method: rt.Method, Path: paramRe.ReplaceAllString(rt.Path, "{$1}"), At: r.routes.Loc(off)})
	}
	return out
}
