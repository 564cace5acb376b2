package ruby

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Route is one endpoint declared in config/routes.rb.
type Route struct {
	// Method is GET, POST, PATCH (a resource's update, which Rails also
	// answers on PUT), DELETE, PUT, HEAD or OPTIONS.
	Method string
	// Path is the URL path with Rails' :param segments ("/api/v1/books/:id").
	Path string
	// Controller is the controller path Rails dispatches to ("api/v1/books",
	// "rails/health", "devise/sessions"); Action its action ("index").
	Controller, Action string
	// Line is where the declaration is in routes.rb.
	Line int
	// RouteGuarded is true inside a devise `authenticate :user do` (or
	// `authenticated`) block: the router itself refuses anonymous requests.
	RouteGuarded bool
}

// Mount is an engine or Rack app mounted in routes.rb (Rswag::Ui::Engine at
// /api-docs, a Grape API at /api, Sidekiq::Web, ...).
type Mount struct {
	App, Path string
	Line      int
}

// RouteTable is what routes.rb declares.
type RouteTable struct {
	Routes []Route
	Mounts []Mount
}

// HealthController is the controller of Rails 7.1+'s built-in health check
// (`get "up" => "rails/health#show"`).
const HealthController = "rails/health"

// routeFrame is an open do…end block of the routes DSL.
type routeFrame struct {
	kind string // scope, resources, resource, member, collection, concern, other
	// prefix is the path that routes declared inside get; module the
	// controller namespace ("api/v1").
	prefix, module string
	// For resources frames: the collection and member paths and the
	// controller, for `get :x, on: :member` and member/collection blocks.
	collection, member, controller string
	guarded                        bool
}

var (
	routeCallRe  = scan.MustCompile(`^(namespace|scope|resources|resource|member|collection|get|post|put|patch|delete|head|options|match|root|mount|devise_for|devise_scope|authenticate|authenticated|unauthenticated|concern|constraints|defaults|draw|direct|resolve|shallow)\b\s*\(?\s*(.*)$`)
	hashTargetRe = scan.MustCompile(`(?:"([^"]*)"|'([^']*)'|:(\w+))\s*=>\s*(?:"([^"#]*)#([^"]*)"|'([^'#]*)#([^']*)'|(\S+))`)
	blockEndRe   = scan.MustCompile(`^end\b`)
	inlineEndRe  = scan.MustCompile(`\bend\s*\)?\s*$`)
)

// APIOnly reports whether config/application.rb makes an API-only app,
// whose resources have no new and edit routes.
func APIOnly(applicationRb []byte) bool {
	return apiOnlyRe.Match(applicationRb)
}

var apiOnlyRe = scan.MustCompile(`(?m)^\s*config\.api_only\s*=\s*true\b`)

// Routes reads config/routes.rb. apiOnly drops the HTML-form routes (new,
// edit) of resources, as Rails does in an API-only app. It is a reading of
// the DSL line by line, not an evaluation: routes built in loops or by
// custom helpers are not seen.
func Routes(routesRb []byte, apiOnly bool) RouteTable {
	var t RouteTable
	stack := []routeFrame{{kind: "scope"}}
	for _, st := range statements(routesRb) {
		s := st.text
		if blockEndRe.MatchString(s) {
			for _, tok := range strings.Fields(s) {
				if tok == "end" && len(stack) > 1 {
					stack = stack[:len(stack)-1]
				}
			}
			continue
		}
		m := routeCallRe.FindStringSubmatch(s)
		top := stack[len(stack)-1]
		block := opensBlock(s)
		if m == nil {
			if block {
				stack = append(stack, routeFrame{kind: "other", prefix: top.prefix, module: top.module, guarded: top.guarded,
					collection: top.collection, member: top.member, controller: top.controller})
			}
			continue
		}
		call, args := m[1], strings.TrimSuffix(strings.TrimSpace(opensBlockRe.ReplaceAllString(m[2], "")), ")")
		if top.kind == "concern" {
			if block {
				stack = append(stack, routeFrame{kind: "concern"})
			}
			continue
		}
		var frames []routeFrame
		switch call {
		case "namespace":
			name := first(leadingNames(args))
			p, mod := name, name
			if v, ok := option(args, "path"); ok {
				p = unquote(v)
			}
			if v, ok := option(args, "module"); ok {
				mod = unquote(v)
			}
			frames = append(frames, routeFrame{kind: "scope", prefix: joinPath(top.prefix, p), module: joinModule(top.module, mod), guarded: top.guarded})
		case "scope":
			p := first(leadingNames(args))
			if v, ok := option(args, "path"); ok {
				p = unquote(v)
			}
			mod := ""
			if v, ok := option(args, "module"); ok {
				mod = unquote(v)
			}
			frames = append(frames, routeFrame{kind: "scope", prefix: joinPath(top.prefix, p), module: joinModule(top.module, mod), guarded: top.guarded})
		case "resources", "resource":
			for _, name := range leadingNames(args) {
				f, routes := resourceRoutes(top, call == "resource", name, args, apiOnly, st.line)
				t.Routes = append(t.Routes, routes...)
				frames = append(frames, f)
			}
		case "member", "collection":
			f := top
			f.kind = call
			if call == "member" {
				f.prefix = top.member
			} else {
				f.prefix = top.collection
			}
			frames = append(frames, f)
		case "get", "post", "put", "patch", "delete", "head", "options", "match":
			t.Routes = append(t.Routes, verbRoutes(top, call, args, st.line)...)
		case "root":
			target := args
			if v, ok := option(args, "to"); ok {
				target = v
			}
			ctrl, action := splitTarget(unquote(target))
			if ctrl != "" {
				t.Routes = append(t.Routes, Route{Method: "GET", Path: joinPath(top.prefix, ""), Controller: joinModule(top.module, ctrl),
					Action: action, Line: st.line, RouteGuarded: top.guarded})
			}
		case "mount":
			if mt, ok := mountOf(top, args, st.line); ok {
				t.Mounts = append(t.Mounts, mt)
			}
		case "devise_for":
			t.Routes = append(t.Routes, deviseRoutes(top, args, st.line)...)
		case "authenticate", "authenticated":
			f := top
			f.kind, f.guarded = "other", true
			frames = append(frames, f)
		case "concern":
			frames = append(frames, routeFrame{kind: "concern"})
		default:
			f := top
			f.kind = "other"
			frames = append(frames, f)
		}
		if block {
			if len(frames) == 0 {
				f := top
				f.kind = "other"
				frames = append(frames, f)
			}
			// `resources :a, :b do` nests under each; the last is a fair
			// reading of the common single-name case.
			stack = append(stack, frames[len(frames)-1])
			if inlineEndRe.MatchString(s) && !strings.HasSuffix(strings.TrimSpace(s), "do") {
				stack = stack[:len(stack)-1]
			}
		}
	}
	return t
}

// resourceRoutes expands resources/resource into its routes and the frame
// that nested declarations get.
func resourceRoutes(top routeFrame, singular bool, name, args string, apiOnly bool, line int) (routeFrame, []Route) {
	segment := name
	if v, ok := option(args, "path"); ok {
		segment = unquote(v)
	}
	param := ":id"
	if v, ok := option(args, "param"); ok {
		param = ":" + unquote(v)
	}
	ctrl := name
	if singular {
		ctrl = plural(name)
	}
	if v, ok := option(args, "controller"); ok {
		ctrl = unquote(v)
	}
	mod := top.module
	if v, ok := option(args, "module"); ok {
		mod = joinModule(mod, unquote(v))
	}
	ctrl = joinModule(mod, ctrl)

	base := top.prefix
	if top.kind == "resources" || top.kind == "resource" {
		base = top.prefix // already the parent's nested prefix
	}
	collection := joinPath(base, segment)
	member := collection
	nested := collection
	actions := []string{"show", "create", "update", "destroy"}
	if !singular {
		member = collection + "/" + param
		nested = collection + "/:" + singularize(name) + "_id"
		if param != ":id" {
			nested = collection + "/" + param
		}
		actions = []string{"index", "show", "create", "update", "destroy"}
	}
	if !apiOnly {
		actions = append(actions, "new", "edit")
	}
	actions = filterActions(actions, args)

	var routes []Route
	for _, a := range actions {
		r := Route{Controller: ctrl, Action: a, Line: line, RouteGuarded: top.guarded}
		switch a {
		case "index":
			r.Method, r.Path = "GET", collection
		case "create":
			r.Method, r.Path = "POST", collection
		case "show":
			r.Method, r.Path = "GET", member
		case "update":
			r.Method, r.Path = "PATCH", member
		case "destroy":
			r.Method, r.Path = "DELETE", member
		case "new":
			r.Method, r.Path = "GET", collection+"/new"
		case "edit":
			r.Method, r.Path = "GET", member+"/edit"
		}
		routes = append(routes, r)
	}
	kind := "resources"
	if singular {
		kind = "resource"
	}
	return routeFrame{kind: kind, prefix: nested, module: top.module, collection: collection, member: member,
		controller: ctrl, guarded: top.guarded}, routes
}

// filterActions applies only:/except: to a resource's default actions.
func filterActions(actions []string, args string) []string {
	if v, ok := option(args, "only"); ok {
		only := map[string]bool{}
		for _, a := range nameList(v) {
			only[a] = true
		}
		var out []string
		for _, a := range actions {
			if only[a] {
				out = append(out, a)
			}
		}
		return out
	}
	if v, ok := option(args, "except"); ok {
		except := map[string]bool{}
		for _, a := range nameList(v) {
			except[a] = true
		}
		var out []string
		for _, a := range actions {
			if !except[a] {
				out = append(out, a)
			}
		}
		return out
	}
	return actions
}

// verbRoutes reads get/post/... and match.
func verbRoutes(top routeFrame, verb, args string, line int) []Route {
	var p, target string
	arrow, comma := strings.Index(args, "=>"), strings.Index(args, ",")
	if m := hashTargetRe.FindStringSubmatch(args); m != nil && arrow >= 0 && (comma < 0 || arrow < comma) {
		p = m[1] + m[2] + m[3]
		if m[4]+m[5] != "" {
			target = m[4] + "#" + m[5]
		} else if m[6]+m[7] != "" {
			target = m[6] + "#" + m[7]
		}
	} else {
		p = first(leadingNames(args))
		if v, ok := option(args, "to"); ok {
			if strings.HasPrefix(v, "redirect") {
				return nil
			}
			target = unquote(v)
		}
	}
	if strings.Contains(p, "*") {
		return nil // a catch-all (usually the JSON 404), not an endpoint
	}
	ctrl, action := splitTarget(target)
	if v, ok := option(args, "controller"); ok {
		ctrl = unquote(v)
	}
	if v, ok := option(args, "action"); ok {
		action = unquote(v)
	}
	prefix := top.prefix
	if v, ok := option(args, "on"); ok {
		switch unquote(v) {
		case "member":
			prefix = top.member
		case "collection":
			prefix = top.collection
		}
	}
	if ctrl == "" {
		switch {
		case top.controller != "" && top.kind != "scope":
			ctrl = top.controller
			if action == "" {
				action = path.Base(p)
			}
		case strings.Contains(strings.Trim(p, "/"), "/") && action == "":
			// get "pages/about" dispatches to pages#about.
			seg := strings.Split(strings.Trim(p, "/"), "/")
			ctrl, action = joinModule(top.module, seg[0]), seg[len(seg)-1]
		default:
			if action == "" {
				action = strings.Trim(p, "/")
			}
		}
	} else if !strings.HasPrefix(ctrl, "/") {
		ctrl = joinModule(top.module, ctrl)
	}
	ctrl = strings.TrimPrefix(ctrl, "/")
	methods := []string{strings.ToUpper(verb)}
	if verb == "match" {
		methods = nil
		if v, ok := option(args, "via"); ok {
			for _, m := range nameList(v) {
				if m == "all" {
					methods = append(methods, "GET")
					continue
				}
				methods = append(methods, strings.ToUpper(m))
			}
		}
		if len(methods) == 0 {
			methods = []string{"GET"}
		}
	}
	var out []Route
	for _, m := range methods {
		out = append(out, Route{Method: m, Path: joinPath(prefix, p), Controller: ctrl, Action: action, Line: line, RouteGuarded: top.guarded})
	}
	return out
}

var mountAtRe = scan.MustCompile(`^([\w:]+(?:\.\w+)?)\s*(?:,|=>)\s*(?:at:\s*)?["']([^"']*)["']`)

func mountOf(top routeFrame, args string, line int) (Mount, bool) {
	m := mountAtRe.FindStringSubmatch(strings.TrimSpace(args))
	if m == nil {
		return Mount{}, false
	}
	return Mount{App: m[1], Path: joinPath(top.prefix, m[2]), Line: line}, true
}

// deviseRoutes gives the API-relevant routes devise_for draws: sign in,
// sign out and sign up (unless skipped).
func deviseRoutes(top routeFrame, args string, line int) []Route {
	name := first(leadingNames(args))
	if name == "" {
		return nil
	}
	base := name
	if v, ok := option(args, "path"); ok {
		base = unquote(v)
	}
	names := map[string]string{"sign_in": "sign_in", "sign_out": "sign_out", "registration": ""}
	if v, ok := option(args, "path_names"); ok {
		for k := range names {
			if w, ok := option(v, k); ok {
				names[k] = unquote(w)
			}
		}
	}
	ctrls := map[string]string{"sessions": "devise/sessions", "registrations": "devise/registrations"}
	if v, ok := option(args, "controllers"); ok {
		for k := range ctrls {
			if w, ok := option(v, k); ok {
				ctrls[k] = unquote(w)
			}
		}
	}
	skip := map[string]bool{}
	if v, ok := option(args, "skip"); ok {
		for _, s := range nameList(v) {
			skip[s] = true
		}
	}
	root := joinPath(top.prefix, base)
	var out []Route
	if !skip["sessions"] {
		out = append(out,
			Route{Method: "POST", Path: joinPath(root, names["sign_in"]), Controller: ctrls["sessions"], Action: "create", Line: line},
			Route{Method: "DELETE", Path: joinPath(root, names["sign_out"]), Controller: ctrls["sessions"], Action: "destroy", Line: line})
	}
	if !skip["registrations"] {
		out = append(out, Route{Method: "POST", Path: joinPath(root, names["registration"]), Controller: ctrls["registrations"], Action: "create", Line: line})
	}
	return out
}

// splitTarget splits "ctrl#action".
func splitTarget(s string) (string, string) {
	ctrl, action, ok := strings.Cut(s, "#")
	if !ok {
		return "", ""
	}
	return ctrl, action
}

func joinPath(prefix, p string) string {
	p = strings.Trim(strings.TrimSpace(p), "/")
	switch {
	case p == "":
		if prefix == "" {
			return "/"
		}
		return prefix
	case prefix == "/":
		return "/" + p
	}
	return prefix + "/" + p
}

func joinModule(mod, name string) string {
	name = strings.Trim(name, "/")
	switch {
	case name == "":
		return mod
	case mod == "":
		return name
	}
	return mod + "/" + name
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// singularize turns a resources name into the param Rails nests with
// (books → book, categories → category, addresses → address). English
// irregulars beyond these are rare in route names.
func singularize(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return strings.TrimSuffix(s, "ies") + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "shes"):
		return strings.TrimSuffix(s, "es")
	case strings.HasSuffix(s, "people"):
		return strings.TrimSuffix(s, "people") + "person"
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss"):
		return strings.TrimSuffix(s, "s")
	}
	return s
}

// plural is the controller name of a singular resource (profile →
// profiles).
func plural(s string) string {
	switch {
	case len(s) > 1 && strings.HasSuffix(s, "y") && !strings.ContainsAny(s[len(s)-2:len(s)-1], "aeiou"):
		return strings.TrimSuffix(s, "y") + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}
