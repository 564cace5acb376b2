package php

import (
	"bytes"
	"path"
	"strings"
)

// Route is one HTTP route a Laravel route file declares, with the prefixes
// and middleware of the groups around it applied.
type Route struct {
	Method string // GET, POST, PUT, PATCH, DELETE, OPTIONS or ANY
	Path   string // as served, starting with "/"
	// Protected says an authentication middleware (auth, auth:sanctum,
	// auth:api, jwt.auth, Authenticate::class...) guards the route.
	Protected bool
	// Stock marks the GET /user route of Laravel's skeleton (see
	// isStockUserRoute): served, but not the candidate's protection.
	Stock bool
	File  string
	Line  int
}

// Mount says that the routes of File are served under Prefix, behind the
// given middleware: Route::prefix('v1')->middleware('auth:api')->group(base_path('routes/api/v1.php')).
type Mount struct {
	File      string // slash-separated, relative to the project: routes/api/v1.php
	Prefix    string
	Protected bool
	Line      int
}

// FileRoutes is what one PHP file declares.
type FileRoutes struct {
	Routes []Route
	Mounts []Mount
}

// routeCtx is what the enclosing groups impose.
type routeCtx struct {
	prefix    string
	protected bool
}

// ParseRoutes reads the Route:: declarations of one comment-blanked PHP
// file. Routes in routes/api.php are served under /api, as Laravel's
// RouteServiceProvider and bootstrap/app.php do by default.
func ParseRoutes(file string, code []byte) FileRoutes {
	var out FileRoutes
	ctx := routeCtx{}
	if strings.HasSuffix(file, "routes/api.php") {
		ctx.prefix = "/api"
	}
	p := &routeParser{file: file, code: code, out: &out, parens: map[int]int{}}
	p.answerRouteParens()
	p.block(0, len(code), ctx)
	return out
}

type routeParser struct {
	file string
	code []byte
	out  *FileRoutes
	// guards are the offsets of statements that put an auth middleware
	// on routes (a group, a route, a mounted file).
	guards []int
	// parens holds the closing paren of each "(" answered so far (-1
	// when it never closes), for the whole file: see closeParen.
	parens  map[int]int
	scanned int // bytes walked by the paren scans, for tests
}

// call is one link of a fluent chain: Route::prefix('v1')->middleware(...)->group(...).
type call struct {
	name      string
	args      string // raw text between the parentheses
	argsStart int    // offset of the first byte of args in code
	argsEnd   int
}

// block handles every Route:: statement between from and to.
func (p *routeParser) block(from, to int, ctx routeCtx) {
	i := from
	for i < to {
		j := indexIn(p.code, i, to, "Route::")
		if j < 0 {
			return
		}
		if j > 0 && isIdent(p.code[j-1]) { // FooRoute::, not the facade
			i = j + len("Route::")
			continue
		}
		chain, end := p.chain(j+len("Route::"), to)
		if len(chain) == 0 {
			i = j + len("Route::")
			continue
		}
		p.statement(chain, ctx, j)
		i = end
	}
}

// chain reads name(args)->name(args)... starting at the first name.
func (p *routeParser) chain(at, to int) ([]call, int) {
	var out []call
	i := at
	for {
		i = skipSpace(p.code, i, to)
		start := i
		for i < to && isIdent(p.code[i]) {
			i++
		}
		if i == start {
			return out, i
		}
		name := string(p.code[start:i])
		i = skipSpace(p.code, i, to)
		if i >= to || p.code[i] != '(' {
			return out, i
		}
		closeAt := p.closeParen(i, to)
		if closeAt < 0 {
			return out, to
		}
		out = append(out, call{name: name, args: string(p.code[i+1 : closeAt]), argsStart: i + 1, argsEnd: closeAt})
		i = skipSpace(p.code, closeAt+1, to)
		if i+1 < to && p.code[i] == '-' && p.code[i+1] == '>' {
			i += 2
			continue
		}
		return out, i
	}
}

// answerRouteParens finds the paren opening every Route::name( of the
// file and answers them from the last back, so that a scan from one jumps
// over the ones after it: scanning from each alone to the end of the
// file, as a file of unclosed Route::get('/x', calls made every one do,
// was quadratic.
func (p *routeParser) answerRouteParens() {
	var opens []int
	for from := 0; ; {
		k := bytes.Index(p.code[from:], []byte("Route::"))
		if k < 0 {
			break
		}
		i := from + k + len("Route::")
		for i < len(p.code) && isIdent(p.code[i]) {
			i++
		}
		if i = skipSpace(p.code, i, len(p.code)); i < len(p.code) && p.code[i] == '(' {
			opens = append(opens, i)
		}
		from += k + 1
	}
	for k := len(opens) - 1; k >= 0; k-- {
		p.closeParen(opens[k], len(p.code))
	}
}

// closeParen is matchParen(p.code, open, to), remembered for the file. A
// paren's closer does not depend on to when it comes before to (the scan
// saw the same bytes), and there is none before to otherwise.
func (p *routeParser) closeParen(open, to int) int {
	if open >= len(p.code) || p.code[open] != '(' {
		return matchParen(p.code, open, to)
	}
	end, ok := p.parens[open]
	if !ok {
		end = p.scanParen(open)
		p.parens[open] = end
	}
	if end >= to {
		return -1
	}
	return end
}

// scanParen is matchParen to the end of the file, except that a "("
// already answered is jumped over: the scan is one paren deeper until
// that one's closer and back where it was after it, and when that one
// never closes, neither does the scan's.
func (p *routeParser) scanParen(open int) int {
	b := p.code
	depth := 0
	for j := open; j < len(b); j++ {
		p.scanned++
		switch b[j] {
		case '\'', '"':
			j = skipString(b, j, len(b))
		case '(':
			if end, ok := p.parens[j]; ok && j > open {
				if end < 0 {
					return -1
				}
				j = end
				continue
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

var verbs = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
	"options": "OPTIONS", "any": "ANY", "view": "GET", "redirect": "GET", "permanentRedirect": "GET",
}

// statement applies one chain: group attributes, a route, or a resource.
func (p *routeParser) statement(chain []call, ctx routeCtx, at int) {
	line := lineAt(p.code, at)
	inner := ctx
	guarded := false
	var only, except []string
	var shallow, creatable, destroyable bool
	for _, c := range chain {
		switch c.name {
		case "prefix":
			if s, ok := firstString(c.args); ok {
				inner.prefix = joinPath(inner.prefix, s)
			}
		case "middleware":
			if authMiddleware(c.args) {
				inner.protected, guarded = true, true
			}
		case "withoutMiddleware":
			if authMiddleware(c.args) {
				inner.protected = false
			}
		case "only":
			only = stringsIn(c.args)
		case "except":
			except = stringsIn(c.args)
		case "shallow":
			shallow = true
		case "creatable":
			creatable = true
		case "destroyable":
			destroyable = true
		}
	}
	for _, c := range chain {
		switch {
		case c.name == "group":
			if byArray := p.group(c, inner, line); guarded || byArray {
				p.guards = append(p.guards, at)
			}
			return
		case verbs[c.name] != "":
			s, ok := firstString(c.args)
			if !ok {
				s = "{path}" // a path built at run time
			}
			p.add(verbs[c.name], joinPath(inner.prefix, s), inner.protected, line)
			if isStockUserRoute(c.args) {
				p.out.Routes[len(p.out.Routes)-1].Stock = true
			} else if guarded {
				p.guards = append(p.guards, at)
			}
			return
		case c.name == "match":
			p.guard(guarded, at)
			methods := stringsIn(firstArray(c.args))
			rest := c.args
			if k := strings.Index(rest, "]"); k >= 0 {
				rest = strings.TrimLeft(rest[k+1:], " \t\n,")
			}
			s, _ := firstString(rest)
			for _, m := range methods {
				p.add(strings.ToUpper(m), joinPath(inner.prefix, s), inner.protected, line)
			}
			return
		case c.name == "resource" || c.name == "apiResource" || c.name == "singleton" || c.name == "apiSingleton":
			p.guard(guarded, at)
			name, ok := firstString(c.args)
			if !ok {
				return
			}
			o, e := only, except
			if opts := optionArray(c.args, "only"); opts != nil {
				o = opts
			}
			if opts := optionArray(c.args, "except"); opts != nil {
				e = opts
			}
			var actions []action
			switch c.name {
			case "resource":
				actions = resourceActions(name, shallow, true)
			case "apiResource":
				actions = resourceActions(name, shallow, false)
			default:
				actions = singletonActions(name, c.name == "singleton", creatable, destroyable)
			}
			for _, a := range actions {
				if (len(o) > 0 && !has(o, a.name)) || has(e, a.name) {
					continue
				}
				p.add(a.method, joinPath(inner.prefix, a.path), inner.protected, line)
			}
			return
		case c.name == "resources" || c.name == "apiResources":
			p.guard(guarded, at)
			for _, name := range arrayKeys(c.args) {
				for _, a := range resourceActions(name, false, c.name == "resources") {
					p.add(a.method, joinPath(inner.prefix, a.path), inner.protected, line)
				}
			}
			return
		}
	}
}

func (p *routeParser) guard(guarded bool, at int) {
	if guarded {
		p.guards = append(p.guards, at)
	}
}

// group recurses into a closure, or records a mount of another route file.
func (p *routeParser) group(c call, ctx routeCtx, line int) (guarded bool) {
	// Route::group(['prefix' => 'v1', 'middleware' => 'auth:api'], function () {...})
	if strings.HasPrefix(strings.TrimSpace(c.args), "[") {
		attrs := firstArray(c.args)
		if s, ok := optionString(attrs, "prefix"); ok {
			ctx.prefix = joinPath(ctx.prefix, s)
		}
		if mw := optionValue(attrs, "middleware"); mw != "" && authMiddleware(mw) {
			ctx.protected, guarded = true, true
		}
	}
	if file := routeFileArg(c.args); file != "" {
		p.out.Mounts = append(p.out.Mounts, Mount{File: file, Prefix: ctx.prefix, Protected: ctx.protected, Line: line})
		return guarded
	}
	body := indexIn(p.code, c.argsStart, c.argsEnd, "{")
	if fn := indexIn(p.code, c.argsStart, c.argsEnd, "function"); fn >= 0 {
		body = indexIn(p.code, fn, c.argsEnd, "{")
	} else if arrow := indexIn(p.code, c.argsStart, c.argsEnd, "=>"); arrow >= 0 && indexIn(p.code, c.argsStart, c.argsEnd, "fn") >= 0 {
		// fn () => Route::get(...): one expression.
		p.block(arrow+2, c.argsEnd, ctx)
		return guarded
	}
	if body < 0 {
		return guarded
	}
	end := matchBrace(p.code, body, c.argsEnd)
	if end < 0 {
		end = c.argsEnd
	}
	p.block(body+1, end, ctx)
	return guarded
}

func (p *routeParser) add(method, pth string, protected bool, line int) {
	p.out.Routes = append(p.out.Routes, Route{Method: method, Path: pth, Protected: protected, File: p.file, Line: line})
}

type action struct{ name, method, path string }

// resourceActions are the routes Route::resource (web: with create and
// edit forms) and Route::apiResource register. A dotted name nests:
// events.tickets is /events/{event}/tickets; shallow leaves the member
// routes at /tickets/{ticket}.
func resourceActions(name string, shallow, web bool) []action {
	parts := strings.Split(strings.Trim(name, "/"), ".")
	base := ""
	for _, seg := range parts[:len(parts)-1] {
		base += "/" + seg + "/{" + singular(lastSegment(seg)) + "}"
	}
	last := parts[len(parts)-1]
	coll := base + "/" + last
	member := coll + "/{" + singular(lastSegment(last)) + "}"
	if shallow {
		member = "/" + last + "/{" + singular(lastSegment(last)) + "}"
	}
	out := []action{
		{"index", "GET", coll},
		{"store", "POST", coll},
		{"show", "GET", member},
		{"update", "PUT", member},
		{"destroy", "DELETE", member},
	}
	if web {
		out = append(out, action{"create", "GET", coll + "/create"}, action{"edit", "GET", member + "/edit"})
	}
	return out
}

// singletonActions are the routes of Route::singleton / apiSingleton.
func singletonActions(name string, web, creatable, destroyable bool) []action {
	p := "/" + strings.Trim(name, "/")
	out := []action{{"show", "GET", p}, {"update", "PUT", p}}
	if web {
		out = append(out, action{"edit", "GET", p + "/edit"})
	}
	if creatable {
		out = append(out, action{"store", "POST", p})
		if web {
			out = append(out, action{"create", "GET", p + "/create"})
		}
	}
	if creatable || destroyable {
		out = append(out, action{"destroy", "DELETE", p})
	}
	return out
}

func lastSegment(s string) string {
	if i := strings.LastIndex(s, "/"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// singular is Laravel's parameter name for a resource, good enough for a
// path: events -> event, categories -> category, task-items -> task_item.
func singular(s string) string {
	s = strings.ReplaceAll(s, "-", "_")
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 3:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 1:
		return s[:len(s)-1]
	}
	return s
}

// authMiddleware says whether a middleware argument names authentication:
// 'auth', 'auth:sanctum', 'auth:api', 'auth.api', 'jwt.auth', 'jwt.verify',
// 'auth.admin', Authenticate::class, Authenticate::using('sanctum').
func authMiddleware(args string) bool {
	if strings.Contains(args, "Authenticate::") || strings.Contains(args, "AuthenticateWithJWT") ||
		strings.Contains(args, "Authenticate\\") {
		return true
	}
	for _, s := range stringsIn(args) {
		s = strings.ToLower(strings.TrimSpace(s))
		switch {
		case s == "auth", strings.HasPrefix(s, "auth:"), strings.HasPrefix(s, "auth."),
			strings.HasPrefix(s, "jwt"), strings.Contains(s, ".jwt"), strings.HasPrefix(s, "sanctum"):
			if s != "auth.session" { // AuthenticateSession only re-checks a logged-in session
				return true
			}
		}
	}
	return false
}

// routeFileArg is the route file a group loads: base_path('routes/x.php'),
// __DIR__.'/../routes/x.php', 'routes/x.php'.
func routeFileArg(args string) string {
	for _, s := range stringsIn(args) {
		if strings.HasSuffix(s, ".php") {
			s = strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(s, "\\", "/")), "/")
			if i := strings.Index(s, "routes/"); i >= 0 {
				return s[i:]
			}
			return s
		}
	}
	return ""
}

// ResolveMounts serves every mounted route file's routes under its mount's
// prefix and middleware, and returns all routes of the project. files maps
// a route file's path to what it declares.
func ResolveMounts(files map[string]FileRoutes) []Route {
	mountOf := map[string]Mount{}
	for _, fr := range files {
		for _, m := range fr.Mounts {
			mountOf[m.File] = m
		}
	}
	var out []Route
	for file, fr := range files {
		m, mounted := mountOf[file]
		if !mounted {
			for mf, mm := range mountOf {
				if strings.HasSuffix(file, "/"+mf) {
					m, mounted = mm, true
				}
			}
		}
		for _, r := range fr.Routes {
			if mounted {
				if strings.HasSuffix(file, "routes/api.php") {
					// The mount already says /api when it mounts api.php.
					r.Path = strings.TrimPrefix(r.Path, "/api")
					if r.Path == "" {
						r.Path = "/"
					}
				}
				r.Path = joinPath(m.Prefix, r.Path)
				r.Protected = r.Protected || m.Protected
			}
			out = append(out, r)
		}
	}
	return out
}

// Protections lists the offsets in a comment-blanked PHP file where routes
// are put behind authentication: a Route:: group or route with an auth
// middleware (not the skeleton's GET /user), a controller's own auth
// middleware. Each is one place, however many routes it covers.
func Protections(code []byte) []int {
	p := &routeParser{code: code, out: &FileRoutes{}, parens: map[int]int{}}
	p.answerRouteParens()
	p.block(0, len(code), routeCtx{})
	return append(p.guards, ControllerProtection(code)...)
}
