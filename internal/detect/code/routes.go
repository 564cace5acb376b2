package code

import (
	"bytes"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// route is one handler declaration as read in its file.
type route struct {
	method string
	path   string // as declared, with the prefixes known in the same file
	recv   string // the router variable it was declared on, when any
	fn     string // Go: the function taking the router group it was declared in
	loc    facts.Location
}

// mount says that the routes of module are served under prefix: Express
// app.use('/users', usersRouter), FastAPI include_router(prefix=...),
// Flask register_blueprint(url_prefix=...), Django include('x.urls'),
// Fastify register(plugin, {prefix}).
type mount struct {
	modules []string // candidate module paths, slash-separated, no extension
	recv    string   // when the router lives in the mounting file: its variable
	prefix  string
	file    string
}

// pyClass is a Python class, for Django class-based views, DRF viewsets and
// flask-restful resources declared in one file and routed in another.
type pyClass struct {
	bases   []string
	methods []string
	actions []drfAction
}

type drfAction struct {
	name    string
	detail  bool
	methods []string
}

// classRoute is a path routed to a Python class or function resolved in
// Finish: Django path(), DRF router.register, flask-restful add_resource.
type classRoute struct {
	kind    string // "django", "drf", "resource"
	path    string
	view    string // class or function name
	methods []string
	loc     facts.Location
	router  string // DRF router variable
}

type routeState struct {
	// blanked and lines are scratch space of scanPython, reused from file
	// to file: what it keeps of a file is strings copied out of them.
	blanked []byte
	lines   [][]byte

	routes   []route
	mounts   []mount
	classes  map[string]*pyClass
	funcs    map[string][]string // Django/DRF function views and their methods
	pending  []classRoute
	drfIncl  map[string]string // file#routerVar -> prefix of include(router.urls)
	appFiles map[string]bool   // files that create the application or root router
	resolved []resolved
	// goMounts maps a Go function to the group prefix it is called with:
	// articles.Register(v1.Group("/articles")).
	goMounts map[string]string
	// packScanners are the stack packs' route scanners, by group.
	packScanners map[string]pack.RouteScanner
	// protected are the first pack routes declared with authentication,
	// protectedCount all of them.
	protected      []facts.Location
	protectedCount int
}

func newRouteState() routeState {
	return routeState{
		classes:  map[string]*pyClass{},
		funcs:    map[string][]string{},
		drfIncl:  map[string]string{},
		appFiles: map[string]bool{},
		goMounts: map[string]string{},
		packScanners: func() map[string]pack.RouteScanner {
			m := map[string]pack.RouteScanner{}
			for _, pk := range stacks.All() {
				if pk.NewRouteScanner != nil {
					m[pk.ID] = pk.NewRouteScanner()
				}
			}
			return m
		}(),
	}
}

func (st *routeState) scan(s *source) {
	if rs := st.packScanners[s.group()]; rs != nil {
		rs.Scan(pack.Source{Path: s.path, Lang: s.lang, Code: s.code})
	}
	switch {
	case s.python():
		st.scanPython(s)
	case s.jvm():
		st.scanSpring(s)
	case s.js():
		st.scanJS(s)
	case s.golang():
		st.scanGo(s)
	default:
		st.scanPack(s)
	}
}

// entry returns the shallowest file that creates the application (the
// first by name among as shallow), outside the client's folder.
func (st *routeState) entry(clientDir string) string {
	best := ""
	for f := range st.appFiles {
		if clientDir != "" && clientDir != "." && strings.HasPrefix(f, clientDir+"/") {
			continue
		}
		if best == "" || strings.Count(f, "/") < strings.Count(best, "/") ||
			(strings.Count(f, "/") == strings.Count(best, "/") && f < best) {
			best = f
		}
	}
	return best
}

// addPackRoutes adds the routes the packs' scanners resolved, in group
// order, with every prefix already applied.
func (st *routeState) addPackRoutes() {
	ids := make([]string, 0, len(st.packScanners))
	for id := range st.packScanners {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, r := range st.packScanners[id].Routes() {
			st.routes = append(st.routes, route{method: strings.ToUpper(r.Method), path: r.Path, loc: r.At})
			if r.Protected {
				st.protected = scan.AddEvidence(st.protected, r.At)
				st.protectedCount++
			}
		}
	}
}

// resourceActions are the routes a REST resource declaration stands for
// (Rails resources, Laravel apiResource): index, create, show, update,
// destroy.
var resourceActions = []struct{ method, suffix string }{
	{"GET", ""}, {"POST", ""}, {"GET", "/{id}"}, {"PUT", "/{id}"}, {"DELETE", "/{id}"},
}

// scanPack reads routes with the declarative patterns of the file's stack
// pack (Pack.Routes), for the groups without a scanner of their own above.
func (st *routeState) scanPack(s *source) {
	pk := stacks.ByID(s.group())
	if pk == nil {
		return
	}
	for _, rp := range pk.Routes {
		for _, m := range rp.Re.FindAllSubmatchIndex(s.code, -1) {
			group := func(i int) string {
				if i <= 0 || 2*i+1 >= len(m) || m[2*i] < 0 {
					return ""
				}
				return string(s.code[m[2*i]:m[2*i+1]])
			}
			method := rp.Verb
			if rp.Method > 0 {
				method = group(rp.Method)
			}
			p := group(rp.Path)
			if !strings.HasPrefix(p, "/") {
				p = "/" + p
			}
			if rp.Resource {
				for _, a := range resourceActions {
					st.add(s, a.method, p+a.suffix, "", m[0])
				}
				continue
			}
			if method == "" {
				continue
			}
			st.add(s, method, p, "", m[0])
		}
	}
}

func (st *routeState) add(s *source, method, p, recv string, off int) {
	if s.routes >= maxFileRoutes {
		return
	}
	s.routes++
	st.routes = append(st.routes, route{method: upperMethod(method), path: p, recv: recv, loc: s.loc(off)})
}

// upperMethod is strings.ToUpper(method) without a new string for the
// verbs every route names.
func upperMethod(method string) string {
	switch method {
	case "get":
		return "GET"
	case "post":
		return "POST"
	case "put":
		return "PUT"
	case "patch":
		return "PATCH"
	case "delete":
		return "DELETE"
	}
	return strings.ToUpper(method)
}

// ---- Python: FastAPI, Flask, flask-restx/restful, Django, DRF ----

var (
	rePyDecorator   = scan.MustCompile(`@\s*(\w+(?:\.\w+)*)\.(get|post|put|delete|patch|head|options|route|api_route)\s*\(`)
	rePyRouterVar   = scan.MustCompile(`(?m)^\s*(\w+)\s*(?::\s*\w+\s*)?=\s*(?:\w+\.)?(APIRouter|Blueprint|Namespace)\s*\(`)
	rePyMethods     = scan.MustCompile(`methods\s*=\s*[\[(]([^\])]*)[\])]`)
	rePyInclude     = scan.MustCompile(`\.(include_router|register_blueprint|add_namespace)\s*\(`)
	rePyFromImport  = scan.MustCompile(`(?m)^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,]+))`)
	rePyImport      = scan.MustCompile(`(?m)^\s*import\s+([\w.]+)(?:\s+as\s+(\w+))?`)
	reDjangoPath    = scan.MustCompile(`\b(path|re_path|url)\s*\(`)
	reDRFRegister   = scan.MustCompile(`(\w+)\.register\s*\(\s*r?['"]([^'"]*)['"]\s*,\s*([\w.]+)`)
	reAddResource   = scan.MustCompile(`\.add_resource\s*\(\s*([\w.]+)\s*,`)
	rePyClass       = scan.MustCompile(`^([ \t]*)class\s+(\w+)\s*(?:\(([^)]*)\))?\s*:`)
	rePyDef         = scan.MustCompile(`^([ \t]*)(?:async\s+)?def\s+(\w+)\s*\(`)
	rePyFuncMethods = scan.MustCompile(`@(?:api_view|require_http_methods)\s*\(\s*\[([^\]]*)\]`)
	rePyRequireOne  = scan.MustCompile(`@require_(GET|POST|safe)\b`)
	reAsView        = scan.MustCompile(`(\w+)\.as_view\s*\(`)
	reAsViewDict    = scan.MustCompile(`['"](get|post|put|patch|delete)['"]\s*:`)
)

func (st *routeState) scanPython(s *source) {
	// The blanked copy lives in a buffer kept for the next file: nothing
	// below keeps a slice of code, only strings copied out of it.
	code := s.code
	if bytes.Contains(code, []byte(`"""`)) || bytes.Contains(code, []byte(`'''`)) {
		st.blanked = blankTripleQuoted(st.blanked[:0], code)
		code = st.blanked
	}
	st.scanPyClasses(code)
	// The imports matter only to resolve a mounted router, which most files
	// have none of: read them at the first mount.
	var imports map[string][]string

	// Router variables and their own prefixes.
	prefixes := map[string]string{}
	for _, m := range rePyRouterVar.FindAllSubmatchIndex(code, -1) {
		name, kind := string(code[m[2]:m[3]]), string(code[m[4]:m[5]])
		args := argsOf(code, m[1]-1)
		switch kind {
		case "APIRouter":
			prefixes[name], _ = namedString(args, "prefix")
		case "Blueprint":
			prefixes[name], _ = namedString(args, "url_prefix")
		case "Namespace":
			// flask-restx serves a namespace at /<name> unless path= says otherwise.
			if p, ok := namedString(args, "path"); ok {
				prefixes[name] = p
			} else if n, ok := firstString(args); ok {
				prefixes[name] = "/" + n
			}
		}
		if kind != "Namespace" && bytes.Contains(code, []byte("FastAPI(")) {
			st.appFiles[s.path] = true
		}
	}
	if bytes.Contains(code, []byte("FastAPI(")) || bytes.Contains(code, []byte("Flask(__name__")) {
		st.appFiles[s.path] = true
	}

	for _, m := range rePyDecorator.FindAllSubmatchIndex(code, -1) {
		recv, verb := string(code[m[2]:m[3]]), string(code[m[4]:m[5]])
		open := m[1] - 1
		args := argsOf(code, open)
		p, ok := firstString(args)
		if !ok {
			p, ok = namedString(args, "path")
			if !ok {
				p, ok = namedString(args, "rule")
			}
		}
		if !ok || !routePath(p) {
			continue
		}
		full := joinPath(prefixes[recv], p)
		methods := []string{verb}
		if verb == "route" || verb == "api_route" {
			methods = []string{"GET"}
			if mm := rePyMethods.FindStringSubmatch(args); mm != nil {
				methods = stringsIn(mm[1])
			}
			// flask-restx: @ns.route on a Resource class routes its methods.
			if cls := pyDecoratedClass(code, matchClose(code, open)); cls != "" {
				if c := st.classes[cls]; c != nil {
					methods = httpMethodsOf(c.methods)
				}
			}
		}
		for _, meth := range methods {
			st.add(s, meth, full, recv, m[0])
		}
	}

	for _, m := range rePyInclude.FindAllSubmatchIndex(code, -1) {
		args := argsOf(code, m[1]-1)
		first := strings.TrimSpace(strings.SplitN(args, ",", 2)[0])
		key := "prefix"
		switch string(code[m[2]:m[3]]) {
		case "register_blueprint":
			key = "url_prefix"
		case "add_namespace":
			key = "path"
		}
		prefix, ok := namedString(args, key)
		if !ok {
			continue
		}
		ident := first
		if i := strings.IndexByte(ident, '.'); i >= 0 {
			ident = ident[:i]
		}
		mt := mount{prefix: prefix, file: s.path}
		if imports == nil {
			imports = pyImports(code)
		}
		if mods, ok := imports[ident]; ok {
			mt.modules = mods
		} else {
			mt.recv = first
		}
		st.mounts = append(st.mounts, mt)
	}

	for _, m := range reAddResource.FindAllSubmatchIndex(code, -1) {
		cls := lastComponent(string(code[m[2]:m[3]]))
		args := argsOf(code, bytes.IndexByte(code[m[0]:], '(')+m[0])
		for _, p := range stringsIn(args) {
			if strings.HasPrefix(p, "/") {
				st.pending = append(st.pending, classRoute{kind: "resource", path: p, view: cls, loc: s.loc(m[0])})
			}
		}
	}

	for _, m := range rePyFuncMethods.FindAllSubmatchIndex(code, -1) {
		if name := nextDef(code, m[1]); name != "" {
			st.funcs[name] = stringsIn(string(code[m[2]:m[3]]))
		}
	}
	for _, m := range rePyRequireOne.FindAllSubmatchIndex(code, -1) {
		if name := nextDef(code, m[1]); name != "" {
			meth := string(code[m[2]:m[3]])
			if meth == "safe" {
				meth = "GET"
			}
			st.funcs[name] = []string{meth}
		}
	}

	if bytes.Contains(code, []byte("urlpatterns")) {
		st.scanDjangoURLs(s, code)
	}
}

func (st *routeState) scanDjangoURLs(s *source, code []byte) {
	for _, m := range reDjangoPath.FindAllSubmatchIndex(code, -1) {
		if m[0] > 0 && (code[m[0]-1] == '.' || isIdent(code[m[0]-1])) {
			continue // os.path(...), Path(...)
		}
		args := argsOf(code, m[1]-1)
		p, ok := firstString(args)
		if !ok {
			continue
		}
		p = strings.TrimSuffix(strings.TrimPrefix(p, "^"), "$")
		rest := ""
		if i := strings.IndexByte(args, ','); i >= 0 {
			rest = strings.TrimSpace(args[i+1:])
		}
		switch {
		case strings.HasPrefix(rest, "include("):
			inner := rest[len("include("):]
			if mod, ok := firstString(strings.TrimLeft(inner, "( ")); ok {
				st.mounts = append(st.mounts, mount{modules: []string{strings.ReplaceAll(mod, ".", "/")}, prefix: p, file: s.path})
			} else if r := reURLsModule.FindStringSubmatch(inner); r != nil {
				st.drfIncl[s.path+"#"+r[1]] = p
			}
		case strings.HasPrefix(rest, "admin.site.urls"):
		case reAsView.MatchString(rest):
			am := reAsView.FindStringSubmatchIndex(rest)
			cr := classRoute{kind: "django", path: p, view: rest[am[2]:am[3]], loc: s.loc(m[0])}
			if d := argsOf([]byte(rest), am[1]-1); strings.Contains(d, "{") {
				for _, k := range reAsViewDict.FindAllStringSubmatch(d, -1) {
					cr.methods = append(cr.methods, k[1])
				}
			}
			st.pending = append(st.pending, cr)
		default:
			view := strings.TrimSpace(strings.SplitN(rest, ",", 2)[0])
			if view == "" {
				continue
			}
			st.pending = append(st.pending, classRoute{kind: "django", path: p, view: lastComponent(view), loc: s.loc(m[0])})
		}
	}
	for _, m := range reDRFRegister.FindAllSubmatchIndex(code, -1) {
		st.pending = append(st.pending, classRoute{
			kind: "drf", path: string(code[m[4]:m[5]]), view: lastComponent(string(code[m[6]:m[7]])),
			router: string(code[m[2]:m[3]]), loc: s.loc(m[0]),
		})
	}
}

// scanPyClasses records the classes of a Python file with their bases,
// methods and DRF @action methods.
func (st *routeState) scanPyClasses(code []byte) {
	if !bytes.Contains(code, []byte("class ")) {
		return
	}
	st.lines = appendLines(st.lines[:0], code)
	lines := st.lines
	for i := 0; i < len(lines); i++ {
		m := rePyClass.FindSubmatch(lines[i])
		if m == nil {
			continue
		}
		ci := len(m[1])
		c := &pyClass{}
		for b := range strings.SplitSeq(string(m[3]), ",") {
			if b = strings.TrimSpace(b); b != "" && !strings.Contains(b, "=") {
				c.bases = append(c.bases, lastComponent(b))
			}
		}
		bodyIndent := -1
		var decorators []string
		for j := i + 1; j < len(lines); j++ {
			line := lines[j]
			trimmed := bytes.TrimSpace(line)
			if len(trimmed) == 0 {
				continue
			}
			ind := len(line) - len(bytes.TrimLeft(line, " \t"))
			if ind <= ci {
				break
			}
			if bodyIndent < 0 {
				bodyIndent = ind
			}
			if ind != bodyIndent {
				continue
			}
			if trimmed[0] == '@' {
				decorators = append(decorators, string(trimmed))
				continue
			}
			if d := rePyDef.FindSubmatch(line); d != nil {
				name := string(d[2])
				c.methods = append(c.methods, name)
				for _, dec := range decorators {
					if strings.HasPrefix(dec, "@action") {
						a := drfAction{name: name, detail: strings.Contains(dec, "detail=True"), methods: []string{"GET"}}
						if mm := rePyMethods.FindStringSubmatch(dec); mm != nil {
							a.methods = stringsIn(mm[1])
						}
						if up, ok := namedString(dec, "url_path"); ok {
							a.name = up
						}
						c.actions = append(c.actions, a)
					}
				}
			}
			decorators = decorators[:0]
		}
		st.classes[string(m[2])] = c
	}
}

// pyImports maps the names a Python file imports to the candidate module
// paths they come from, most specific first.
func pyImports(code []byte) map[string][]string {
	out := map[string][]string{}
	for _, m := range rePyFromImport.FindAllSubmatch(code, -1) {
		mod := strings.ReplaceAll(strings.TrimLeft(string(m[1]), "."), ".", "/")
		for part := range strings.SplitSeq(string(m[2])+string(m[3]), ",") {
			f := strings.Fields(part)
			if len(f) == 0 {
				continue
			}
			name, alias := f[0], f[0]
			if len(f) == 3 && f[1] == "as" {
				alias = f[2]
			}
			out[alias] = []string{joinMod(mod, name), mod}
		}
	}
	for _, m := range rePyImport.FindAllSubmatch(code, -1) {
		mod := strings.ReplaceAll(string(m[1]), ".", "/")
		alias := string(m[2])
		if alias == "" {
			alias = strings.SplitN(string(m[1]), ".", 2)[0]
		}
		out[alias] = []string{mod}
	}
	return out
}

func joinMod(mod, name string) string {
	if mod == "" {
		return name
	}
	return mod + "/" + name
}

// pyDecoratedClass returns the class a decorator ending at off applies to,
// or "" when it decorates a function.
func pyDecoratedClass(code []byte, off int) string {
	if off < 0 {
		return ""
	}
	rest := code[off+1:]
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) > 0 && rest[0] == '@' {
			nl := bytes.IndexByte(rest, '\n')
			if nl < 0 {
				return ""
			}
			rest = rest[nl:]
			continue
		}
		break
	}
	if m := reClassName.FindSubmatch(rest); m != nil {
		return string(m[1])
	}
	return ""
}

var reNextDef = scan.MustCompile(`^(?:\s*@[^\n]*\n)*\s*(?:async\s+)?def\s+(\w+)`)

// nextDef returns the function a decorator ending at off decorates.
func nextDef(code []byte, off int) string {
	end := matchClose(code, bytes.LastIndexByte(code[:off], '('))
	if end < 0 || end+1 > len(code) {
		return ""
	}
	rest := code[end+1:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[nl:]
	}
	if m := reNextDef.FindSubmatch(rest[:min(len(rest), 2000)]); m != nil {
		return string(m[1])
	}
	return ""
}

// appendLines appends to dst the lines of code as bytes.Split(code, "\n")
// gives them.
func appendLines(dst [][]byte, code []byte) [][]byte {
	for {
		i := bytes.IndexByte(code, '\n')
		if i < 0 {
			return append(dst, code)
		}
		dst = append(dst, code[:i:i])
		code = code[i+1:]
	}
}

// blankTripleQuoted blanks Python triple-quoted strings (docstrings), which
// scan.Code keeps, so an example route in a docstring is not a route.
//
// The blanked copy is appended to dst, the caller's buffer reused file
// after file (never code itself, which other detectors read too).
func blankTripleQuoted(dst, code []byte) []byte {
	out := append(dst, code...)
	for i := 0; i+2 < len(out); i++ {
		c := out[i]
		if (c != '"' && c != '\'') || out[i+1] != c || out[i+2] != c {
			continue
		}
		end := bytes.Index(out[i+3:], []byte{c, c, c})
		if end < 0 {
			break
		}
		end += i + 3
		for k := i + 3; k < end; k++ {
			if out[k] != '\n' {
				out[k] = ' '
			}
		}
		i = end + 2
	}
	return out
}

var httpVerbs = []string{"get", "post", "put", "patch", "delete", "head", "options"}

// httpMethodsOf picks the HTTP verbs among a class's method names.
func httpMethodsOf(names []string) []string {
	var out []string
	for _, n := range names {
		for _, v := range httpVerbs {
			if n == v {
				out = append(out, v)
			}
		}
	}
	return out
}

// Generic Django and DRF views and the methods they serve.
var genericViews = map[string][]string{
	"ListAPIView": {"GET"}, "CreateAPIView": {"POST"}, "RetrieveAPIView": {"GET"},
	"DestroyAPIView": {"DELETE"}, "UpdateAPIView": {"PUT", "PATCH"},
	"ListCreateAPIView": {"GET", "POST"}, "RetrieveUpdateAPIView": {"GET", "PUT", "PATCH"},
	"RetrieveDestroyAPIView": {"GET", "DELETE"}, "RetrieveUpdateDestroyAPIView": {"GET", "PUT", "PATCH", "DELETE"},
	"ListView": {"GET"}, "DetailView": {"GET"}, "TemplateView": {"GET"}, "RedirectView": {"GET"},
	"CreateView": {"GET", "POST"}, "UpdateView": {"GET", "POST"}, "DeleteView": {"GET", "POST"}, "FormView": {"GET", "POST"},
}

// viewsetActions are the actions a DRF viewset base provides.
var viewsetActions = map[string][]string{
	"ModelViewSet":         {"list", "create", "retrieve", "update", "partial_update", "destroy"},
	"ReadOnlyModelViewSet": {"list", "retrieve"},
	"ListModelMixin":       {"list"}, "CreateModelMixin": {"create"}, "RetrieveModelMixin": {"retrieve"},
	"UpdateModelMixin": {"update", "partial_update"}, "DestroyModelMixin": {"destroy"},
	"ViewSet": nil, "GenericViewSet": nil, "ViewSetMixin": nil,
}

var actionRoutes = map[string]struct {
	method string
	detail bool
}{
	"list": {"GET", false}, "create": {"POST", false}, "retrieve": {"GET", true},
	"update": {"PUT", true}, "partial_update": {"PATCH", true}, "destroy": {"DELETE", true},
}

// classMethods resolves the HTTP methods a Django/DRF/flask class view
// serves, following user base classes a few levels.
func (st *routeState) classMethods(name string, depth int) (methods []string, known bool) {
	if m, ok := genericViews[name]; ok {
		return m, true
	}
	c := st.classes[name]
	if c == nil || depth > 4 {
		return nil, false
	}
	methods = httpMethodsOf(c.methods)
	for _, b := range c.bases {
		if bm, ok := st.classMethods(b, depth+1); ok {
			methods = append(methods, bm...)
		}
	}
	return uniqUpper(methods), true
}

// viewsetActionsOf resolves the actions of a DRF viewset.
func (st *routeState) viewsetActionsOf(name string, depth int) (acts []string, extra []drfAction, known bool) {
	if a, ok := viewsetActions[name]; ok {
		return a, nil, true
	}
	c := st.classes[name]
	if c == nil || depth > 4 {
		return nil, nil, false
	}
	for _, m := range c.methods {
		if _, ok := actionRoutes[m]; ok {
			acts = append(acts, m)
		}
	}
	extra = append(extra, c.actions...)
	for _, b := range c.bases {
		if ba, be, ok := st.viewsetActionsOf(b, depth+1); ok {
			acts = append(acts, ba...)
			extra = append(extra, be...)
		}
	}
	return acts, extra, true
}

// resolvePending turns Django, DRF and flask-restful routes into routes now
// that every class is known.
func (st *routeState) resolvePending() {
	for _, p := range st.pending {
		add := func(meth, pth string) {
			st.routes = append(st.routes, route{method: strings.ToUpper(meth), path: pth, loc: p.loc})
		}
		switch p.kind {
		case "django", "resource":
			methods := p.methods
			if len(methods) == 0 {
				if m, ok := st.classMethods(p.view, 0); ok {
					methods = m
				} else if m, ok := st.funcs[p.view]; ok {
					methods = m
				}
			}
			if len(methods) == 0 {
				methods = []string{"ANY"}
			}
			for _, m := range uniqUpper(methods) {
				add(m, p.path)
			}
		case "drf":
			prefix := st.drfIncl[p.loc.Path+"#"+p.router]
			base := joinPath(prefix, p.path)
			acts, extra, ok := st.viewsetActionsOf(p.view, 0)
			if !ok {
				// An unresolved viewset is most often a ModelViewSet.
				acts = viewsetActions["ModelViewSet"]
			}
			seen := map[string]bool{}
			for _, a := range acts {
				r := actionRoutes[a]
				pth := base
				if r.detail {
					pth = joinPath(base, "{pk}")
				}
				if k := r.method + pth; !seen[k] {
					seen[k] = true
					add(r.method, pth)
				}
			}
			for _, a := range extra {
				pth := base
				if a.detail {
					pth = joinPath(pth, "{pk}")
				}
				for _, m := range a.methods {
					add(m, joinPath(pth, a.name))
				}
			}
		}
	}
}

func uniqUpper(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.ToUpper(s)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func lastComponent(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ---- Java and Kotlin: Spring MVC / WebFlux annotations ----

var (
	reSpringMapping = scan.MustCompile(`@(Get|Post|Put|Delete|Patch|Request)Mapping\b`)
	reRequestMethod = scan.MustCompile(`\bmethod\s*=\s*(\{[^}]*\}|\[[^\]]*\]|[\w.]+)`)
	reMethodName    = scan.MustCompile(`\b(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\b`)
	reSpringNamed   = scan.MustCompile(`\b(method|produces|consumes|headers|params|name)\s*=\s*(\{[^}]*\}|\[[^\]]*\]|[^,]*)`)
	rePlaceholder   = scan.MustCompile(`\$\{[^}]*\}`)
	reClassWord     = scan.MustCompile(`\b(class|interface|object)\b`)
)

func (st *routeState) scanSpring(s *source) {
	code := s.code
	if !bytes.Contains(code, []byte("Mapping")) || bytes.Contains(code, []byte("@FeignClient")) {
		return
	}
	type prefix struct {
		off   int
		paths []string
	}
	var classPrefixes []prefix
	for _, m := range reSpringMapping.FindAllSubmatchIndex(code, -1) {
		kind := string(code[m[2]:m[3]])
		end := m[1]
		args := ""
		if j := skipSpace(code, end); j < len(code) && code[j] == '(' {
			args = argsOf(code, j)
			if c := matchClose(code, j); c > 0 {
				end = c + 1
			}
		}
		paths := springPaths(args)
		if kind == "Request" && isClassLevel(code, end) {
			classPrefixes = append(classPrefixes, prefix{m[0], paths})
			continue
		}
		methods := []string{kind}
		if kind == "Request" {
			methods = nil
			if rm := reRequestMethod.FindStringSubmatch(args); rm != nil {
				methods = reMethodName.FindAllString(rm[1], -1)
			}
			if len(methods) == 0 {
				methods = []string{"ANY"}
			}
		}
		pre := []string{""}
		for i := len(classPrefixes) - 1; i >= 0; i-- {
			if classPrefixes[i].off < m[0] {
				pre = classPrefixes[i].paths
				break
			}
		}
		for _, cp := range pre {
			for _, p := range paths {
				for _, meth := range methods {
					st.add(s, meth, joinPath(cp, p), "", m[0])
				}
			}
		}
	}
}

// springPaths reads the paths of a mapping annotation's arguments.
func springPaths(args string) []string {
	args = reSpringNamed.ReplaceAllString(args, "")
	var out []string
	for _, p := range stringsIn(args) {
		out = append(out, rePlaceholder.ReplaceAllString(p, ""))
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// isClassLevel reports whether the annotation ending at off annotates a
// class rather than a method: after any further annotations and modifiers,
// the declaration names a class.
func isClassLevel(code []byte, off int) bool {
	i := off
	for n := 0; n < 20; n++ {
		i = skipSpace(code, i)
		if i >= len(code) || code[i] != '@' {
			break
		}
		i++
		for i < len(code) && (isIdent(code[i]) || code[i] == '.') {
			i++
		}
		if j := skipSpace(code, i); j < len(code) && code[j] == '(' {
			if c := matchClose(code, j); c > 0 {
				i = c + 1
			}
		}
	}
	end := i
	for end < len(code) && end-i < 300 && code[end] != '{' && code[end] != '(' && code[end] != ';' {
		end++
	}
	return reClassWord.Match(code[i:end])
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// ---- JavaScript and TypeScript: Express, Fastify, Koa, Hapi, NestJS ----

var (
	reJSRoute     = scan.MustCompile(`(?:\b([\w$]+)|\))\s*\.\s*(get|post|put|delete|patch|all|head|options)\s*\(\s*(?:'([^'\n]*)'|"([^"\n]*)"|` + "`([^`\\n]*)`" + `)\s*,`)
	reJSRouteChn  = scan.MustCompile(`\.route\s*\(\s*(?:'([^'\n]*)'|"([^"\n]*)"|` + "`([^`\\n]*)`" + `)\s*\)`)
	reJSChainVerb = scan.MustCompile(`^\s*\.\s*(get|post|put|delete|patch|all)\s*\(`)
	reJSRouteObj  = scan.MustCompile(`\.route\s*\(\s*[\[{]`)
	reJSMethodKey = scan.MustCompile(`\bmethod\s*:\s*(\[[^\]]*\]|'[^']*'|"[^"]*")`)
	reNestCtrl    = scan.MustCompile(`@(?:Controller|JsonController)\s*\(`)
	reNestVerb    = scan.MustCompile(`@(Get|Post|Put|Delete|Patch|All|Head|Options)\s*\(`)
	reJSRequire   = scan.MustCompile(`(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(\s*['"]([^'"]+)['"]\s*\)`)
	reJSImport    = scan.MustCompile(`import\s+([\w$]+)\s*(?:,\s*\{[^}]*\})?\s*from\s*['"]([^'"]+)['"]`)
	reJSImportNS  = scan.MustCompile(`import\s*\*\s*as\s+([\w$]+)\s+from\s*['"]([^'"]+)['"]`)
	reJSImportNm  = scan.MustCompile(`import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]`)
	reJSUse       = scan.MustCompile(`\.\s*(use|register)\s*\(`)
	reJSApp       = scan.MustCompile(`\b(?:express|fastify|Fastify|Hapi\.server|Hapi\.Server)\s*\(|new\s+Koa\s*\(|NestFactory\.create`)
	reJSLastIdent = scan.MustCompile(`([A-Za-z_$][\w$]*)(?:\.[\w$]+)*(?:\(\s*\))?\s*$`)
	reJSReqMod    = scan.MustCompile(`require\s*\(\s*['"]([^'"]+)['"]`)
)

// jsClientReceivers are HTTP clients whose .get('/x', ...) is a request,
// not a route.
var jsClientReceivers = map[string]bool{
	"axios": true, "http": true, "https": true, "request": true, "superagent": true, "got": true,
	"ky": true, "client": true, "apiClient": true, "httpClient": true, "instance": true, "fetch": true,
	"$http": true, "agent": true, "supertest": true, "cy": true, "localStorage": true, "sessionStorage": true,
	"cache": true, "redis": true, "map": true, "params": true, "headers": true, "searchParams": true,
}

func (st *routeState) scanJS(s *source) {
	code := s.code
	if reJSApp.Match(code) {
		st.appFiles[s.path] = true
	}
	for _, m := range reJSRoute.FindAllSubmatchIndex(code, -1) {
		recv := ""
		if m[2] >= 0 {
			recv = string(code[m[2]:m[3]])
		}
		if jsClientReceivers[recv] {
			continue
		}
		p := pick(code, m[6:12])
		if !routePath(p) {
			continue
		}
		st.add(s, string(code[m[4]:m[5]]), p, recv, m[0])
	}
	for _, m := range reJSRouteChn.FindAllSubmatchIndex(code, -1) {
		p := pick(code, m[2:8])
		if !routePath(p) {
			continue
		}
		i := m[1]
		for n := 0; n < 10; n++ {
			cm := reJSChainVerb.FindSubmatchIndex(code[i:min(len(code), i+200)])
			if cm == nil {
				break
			}
			st.add(s, string(code[i+cm[2]:i+cm[3]]), p, "", m[0])
			c := matchClose(code, i+cm[1]-1)
			if c < 0 {
				break
			}
			i = c + 1
		}
	}
	for _, m := range reJSRouteObj.FindAllIndex(code, -1) {
		region := argsOf(code, bytes.IndexByte(code[m[0]:], '(')+m[0])
		for _, obj := range topObjects(region) {
			mm := reJSMethodKey.FindStringSubmatch(obj)
			p, ok := namedString(obj, "url")
			if !ok {
				p, ok = namedString(obj, "path")
			}
			if !ok || !routePath(p) {
				p, ok = prefixedPath(obj, p, ok)
			}
			if mm == nil || !ok || !routePath(p) {
				continue
			}
			for _, meth := range stringsIn(mm[1]) {
				if meth == "*" {
					meth = "ANY"
				}
				st.add(s, meth, p, "", m[0])
			}
		}
	}
	if reNestCtrl.Match(code) {
		type ctrl struct {
			off    int
			prefix string
		}
		var ctrls []ctrl
		for _, m := range reNestCtrl.FindAllIndex(code, -1) {
			args := argsOf(code, m[1]-1)
			p, ok := firstString(args)
			if !ok {
				p, _ = namedString(args, "path")
			}
			ctrls = append(ctrls, ctrl{m[0], p})
		}
		for _, m := range reNestVerb.FindAllSubmatchIndex(code, -1) {
			args := argsOf(code, m[1]-1)
			p, ok := firstString(args)
			if !ok {
				if strings.TrimSpace(args) != "" {
					if p, ok = namedString(args, "path"); !ok {
						continue
					}
				}
			}
			prefix := ""
			for i := len(ctrls) - 1; i >= 0; i-- {
				if ctrls[i].off < m[0] {
					prefix = ctrls[i].prefix
					break
				}
			}
			st.add(s, string(code[m[2]:m[3]]), joinPath("/"+prefix, p), "", m[0])
		}
	}
	st.scanJSMounts(s, code)
}

// scanJSMounts records app.use('/prefix', router) and
// fastify.register(plugin, { prefix }) with the module the router comes from.
func (st *routeState) scanJSMounts(s *source, code []byte) {
	imports := map[string]string{}
	for _, re := range []*scan.Regexp{reJSRequire, reJSImport, reJSImportNS} {
		for _, m := range re.FindAllSubmatch(code, -1) {
			imports[string(m[1])] = string(m[2])
		}
	}
	for _, m := range reJSImportNm.FindAllSubmatch(code, -1) {
		for part := range strings.SplitSeq(string(m[1]), ",") {
			f := strings.Fields(part)
			if len(f) > 0 {
				imports[f[len(f)-1]] = string(m[2])
			}
		}
	}
	for _, m := range reJSUse.FindAllSubmatchIndex(code, -1) {
		args := argsOf(code, m[1]-1)
		var prefix string
		var ok bool
		var target string
		if string(code[m[2]:m[3]]) == "use" {
			prefix, ok = firstString(args)
			if !ok || !strings.HasPrefix(prefix, "/") {
				continue
			}
			target = args
		} else {
			prefix, ok = namedString(args, "prefix")
			if !ok {
				continue
			}
			target = strings.SplitN(args, ",", 2)[0]
		}
		mt := mount{prefix: prefix, file: s.path}
		if rm := reJSReqMod.FindStringSubmatch(target); rm != nil {
			mt.modules = []string{cleanModule(rm[1])}
		} else if lm := reJSLastIdent.FindStringSubmatch(strings.TrimSpace(target)); lm != nil {
			if mod, ok := imports[lm[1]]; ok {
				mt.modules = []string{cleanModule(mod)}
			} else {
				mt.recv = lm[1]
			}
		}
		if mt.modules == nil && mt.recv == "" {
			continue
		}
		st.mounts = append(st.mounts, mt)
	}
}

// cleanModule turns a relative import into a path suffix to match files:
// "../routes/users.js" → "routes/users".
func cleanModule(m string) string {
	if !strings.HasPrefix(m, ".") {
		return "" // a package, not a file of the project
	}
	for strings.HasPrefix(m, "./") || strings.HasPrefix(m, "../") {
		m = m[strings.IndexByte(m, '/')+1:]
	}
	switch path.Ext(m) {
	case ".js", ".ts", ".mjs", ".cjs", ".mts":
		m = stem(m)
	}
	return strings.TrimSuffix(m, "/index")
}

// reJSPrefixedURL is a route object's url built on a prefix:
// url: options.prefix + 'articles' (the Fastify RealWorld style).
var reJSPrefixedURL = scan.MustCompile(`\b(?:url|path)\s*:\s*[\w$.]+\s*\+\s*(?:'([^'\n]*)'|"([^"\n]*)"|` + "`([^`\\n]*)`)")

// prefixedPath recovers the path of a route object whose url is not a
// plain literal: a prefix concatenated with a literal, or a template
// literal that starts with a placeholder (`${prefix}/articles`). The
// prefix is unknown, so the path is the literal part, rooted.
func prefixedPath(obj, lit string, isLit bool) (string, bool) {
	if isLit && strings.HasPrefix(lit, "${") {
		if i := strings.IndexByte(lit, '}'); i > 0 {
			return "/" + strings.TrimPrefix(lit[i+1:], "/"), true
		}
		return "", false
	}
	m := reJSPrefixedURL.FindStringSubmatch(obj)
	if m == nil {
		return "", false
	}
	return "/" + strings.TrimPrefix(m[1]+m[2]+m[3], "/"), true
}

// topObjects returns the top-level {...} objects of a route() argument:
// the object itself, or each object of an array of them.
func topObjects(region string) []string {
	b := []byte(region)
	var out []string
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '{':
			if depth <= 1 {
				if c := matchClose(b, i); c > 0 {
					out = append(out, region[i+1:c])
					i = c
				}
			}
		}
	}
	return out
}

func pick(code []byte, idx []int) string {
	for k := 0; k+1 < len(idx); k += 2 {
		if idx[k] >= 0 {
			return string(code[idx[k]:idx[k+1]])
		}
	}
	return ""
}

// ---- Go: net/http, gin, echo, chi, fiber, gorilla/mux ----

var (
	reGoRoute = scan.MustCompile(`(?:\b(\w+)|\))\s*\.\s*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|Any|Get|Post|Put|Delete|Patch|Head|Options|All|HandleFunc|Handle|Match)\s*\(\s*"([^"\n]*)"\s*,`)
	// A method list first: r.To("GET,HEAD", "/healthcheck", h) registers
	// the path for each method named.
	reGoTo     = scan.MustCompile(`\b(\w+)\s*\.\s*To\s*\(\s*"((?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)(?:\s*,\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS))*)"\s*,\s*"([^"\n]*)"\s*,`)
	reGoGroup  = scan.MustCompile(`(\w+)\s*:?=\s*(\w+)\s*\.\s*(Group|PathPrefix)\s*\(\s*"([^"\n]*)"`)
	reGoRouteF = scan.MustCompile(`\.\s*(Route|Mount)\s*\(\s*"([^"\n]*)"\s*,`)
	reGoRoot   = scan.MustCompile(`gin\.(Default|New)\(|echo\.New\(|chi\.NewRouter\(|fiber\.New\(|mux\.NewRouter\(|http\.NewServeMux\(|http\.ListenAndServe\(`)
	reGoMethds = scan.MustCompile(`^\s*\.\s*Methods\s*\(`)
	reGoMethod = scan.MustCompile(`^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(\S*)$`)
	reGoMount  = scan.MustCompile(`(\w+)\(\s*(\w+)\.Group\(\s*"([^"\n]*)"\s*\)\s*[,)]`)
	reGoRegFn  = scan.MustCompile(`func\s+(\w+)\s*\([^)]*\*?(?:gin\.RouterGroup|gin\.Engine|echo\.Group|fiber\.Router|chi\.Router|mux\.Router)\b[^)]*\)[^{\n]*\{`)
)

var goClientReceivers = map[string]bool{
	"http": true, "client": true, "resty": true, "req": true, "os": true, "viper": true,
	"q": true, "query": true, "header": true, "values": true, "form": true, "c": true, "ctx": true,
}

func (st *routeState) scanGo(s *source) {
	code := s.code
	if reGoRoot.Match(code) {
		st.appFiles[s.path] = true
	}
	// Groups: v1 := r.Group("/api/v1"); users := v1.Group("/users").
	parent := map[string]string{}
	own := map[string]string{}
	for _, m := range reGoGroup.FindAllSubmatch(code, -1) {
		own[string(m[1])] = string(m[4])
		if string(m[1]) != string(m[2]) {
			parent[string(m[1])] = string(m[2])
		}
	}
	groupPrefix := func(v string) string {
		p := ""
		for n := 0; n < 8 && v != ""; n++ {
			p = joinPath(own[v], p)
			v = parent[v]
		}
		return p
	}
	// chi: r.Route("/users", func(r chi.Router) { ... }) scopes a prefix.
	type scope struct {
		from, to int
		prefix   string
	}
	var scopes []scope
	for _, m := range reGoRouteF.FindAllSubmatchIndex(code, -1) {
		if string(code[m[2]:m[3]]) != "Route" {
			continue
		}
		open := bytes.IndexByte(code[m[1]:], '{')
		if open < 0 {
			continue
		}
		open += m[1]
		if c := matchClose(code, open); c > 0 {
			scopes = append(scopes, scope{open, c, string(code[m[4]:m[5]])})
		}
	}
	for _, m := range reGoMount.FindAllSubmatch(code, -1) {
		st.goMounts[string(m[1])] = joinPath(groupPrefix(string(m[2])), string(m[3]))
	}
	type fnRange struct {
		from, to int
		name     string
	}
	var fns []fnRange
	for _, m := range reGoRegFn.FindAllSubmatchIndex(code, -1) {
		if c := matchClose(code, m[1]-1); c > 0 {
			fns = append(fns, fnRange{m[1], c, string(code[m[2]:m[3]])})
		}
	}
	for _, m := range reGoRoute.FindAllSubmatchIndex(code, -1) {
		recv := ""
		if m[2] >= 0 {
			recv = string(code[m[2]:m[3]])
		}
		verb := string(code[m[4]:m[5]])
		// http.HandleFunc and http.Handle register on the default mux;
		// http.Post("url", ...) is a client call.
		defaultMux := recv == "http" && (verb == "HandleFunc" || verb == "Handle")
		if !defaultMux && (goClientReceivers[recv] && recv != "c" || (recv == "c" && !bytes.Contains(code, []byte("chi.")))) {
			continue
		}
		p := string(code[m[6]:m[7]])
		methods := []string{verb}
		switch verb {
		case "HandleFunc", "Handle":
			methods = []string{"ANY"}
			if mm := reGoMethod.FindStringSubmatch(p); mm != nil {
				methods, p = []string{mm[1]}, mm[2]
			} else if c := matchClose(code, bytes.IndexByte(code[m[0]:], '(')+m[0]); c > 0 {
				// gorilla/mux: .HandleFunc("/x", h).Methods("GET", "POST")
				if mm := reGoMethds.FindIndex(code[c+1:]); mm != nil {
					if ms := stringsIn(argsOf(code, c+mm[1])); len(ms) > 0 {
						methods = ms
					}
				}
			}
		case "Any", "All":
			methods = []string{"ANY"}
		case "Match":
			continue
		}
		if !routePath(p) {
			continue
		}
		full := joinPath(groupPrefix(recv), p)
		for i := len(scopes) - 1; i >= 0; i-- {
			if scopes[i].from < m[0] && m[0] < scopes[i].to {
				full = joinPath(scopes[i].prefix, full)
			}
		}
		fn := ""
		for _, r := range fns {
			if r.from < m[0] && m[0] < r.to {
				fn = r.name
			}
		}
		for _, meth := range methods {
			st.add(s, meth, full, recv, m[0])
			st.routes[len(st.routes)-1].fn = fn
		}
	}
	for _, m := range reGoTo.FindAllSubmatchIndex(code, -1) {
		recv, p := string(code[m[2]:m[3]]), string(code[m[6]:m[7]])
		if !routePath(p) {
			continue
		}
		full := joinPath(groupPrefix(recv), p)
		for meth := range strings.SplitSeq(string(code[m[4]:m[5]]), ",") {
			st.add(s, strings.TrimSpace(meth), full, recv, m[0])
		}
	}
}

// ---- Finish ----

// nonResources are first path segments that are not resources of the API.
var nonResources = map[string]bool{
	"health": true, "up": true, "healthz": true, "healthcheck": true, "health-check": true, "ready": true, "readyz": true,
	"live": true, "livez": true, "status": true, "ping": true, "docs": true, "doc": true, "swagger": true,
	"swagger-ui": true, "swagger-ui.html": true, "openapi": true, "openapi.json": true, "redoc": true,
	"api-docs": true, "v3": true, "auth": true, "authenticate": true, "authentication": true, "login": true, "logout": true, "register": true,
	"signup": true, "signin": true, "signout": true, "token": true, "refresh": true, "admin": true, "actuator": true,
	"metrics": true, "favicon.ico": true, "static": true, "public": true, "assets": true, "ht": true,
	"oauth": true, "oauth2": true, "jwt": true, "session": true, "sessions": true, "me": true,
	"version": true, "info": true, "robots.txt": true, "graphql": true, "utils": true, "util": true,
	"private": true, "internal": true, "debug": true, "test": true, "": true,
	// States and views of a resource, and actions on it, not resources:
	// /published lists published posts, /search searches them.
	"published": true, "unpublished": true, "active": true, "inactive": true, "archived": true, "pending": true,
	"deleted": true, "search": true, "stats": true, "statistics": true, "count": true,
	"latest": true, "recent": true, "popular": true, "trending": true, "featured": true, "mine": true,
}

// isResource reports whether a first path segment names a resource of the
// API rather than authentication, operations or documentation.
// dropSeparators is built once: a Replacer compiles its table at first use,
// and isResource runs for every route segment.
var dropSeparators = strings.NewReplacer("-", "", "_", "")

func isResource(seg string) bool {
	if nonResources[seg] {
		return false
	}
	// sign-in, sign_up, log-out: the same auth actions, spelled with a separator.
	if joined := dropSeparators.Replace(seg); joined != seg && nonResources[joined] {
		return false
	}
	for _, w := range []string{"password", "login", "token", "health", "swagger", "openapi"} {
		if strings.Contains(seg, w) {
			return false
		}
	}
	return true
}

// isAPIPrefix reports whether seg is an API prefix (api, v1, rest) skipped
// before the resource name.
func isAPIPrefix(seg string) bool {
	if seg == "api" || seg == "rest" || seg == "public-api" {
		return true
	}
	if len(seg) >= 2 && seg[0] == 'v' {
		for _, c := range seg[1:] {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// firstSegment returns the first meaningful segment of a normalised path,
// "" when the path names none (root or a parameter).
func firstSegment(p string) string {
	for seg := range strings.SplitSeq(p, "/") {
		seg = strings.ToLower(seg)
		if seg == "" || isAPIPrefix(seg) {
			continue
		}
		if strings.HasPrefix(seg, "{") {
			return ""
		}
		return seg
	}
	return ""
}

// genericStems are file names that say nothing about the resource served.
var genericStems = map[string]bool{
	"index": true, "app": true, "server": true, "main": true, "routes": true, "router": true, "api": true,
	"handlers": true, "handler": true, "http": true, "controller": true, "controllers": true, "web": true,
	"urls": true, "views": true, "v1": true, "v2": true, "rest": true, "endpoints": true, "__init__": true,
	"module": true, "plugin": true, "plugins": true, "routers": true,
}

// resourceFromFile guesses a router's mount point from its file name:
// routes/users.js, users.routes.ts, userRoutes.js, user_handler.go.
func resourceFromFile(p string) string {
	s := stem(path.Base(p))
	if s == "index" || s == "__init__" {
		s = path.Base(path.Dir(p))
	}
	for _, suf := range []string{".routes", ".route", ".router", ".controller", ".handler", ".handlers",
		"_routes", "_route", "_router", "_controller", "_handler", "_handlers", "-routes", "-route", "-router",
		"-controller", "-handler", "Routes", "Route", "Router", "Controller", "Handlers", "Handler"} {
		s = strings.TrimSuffix(s, suf)
	}
	s = strings.ToLower(s)
	if genericStems[s] {
		// articles/routers.go: the package names the resource.
		s = strings.ToLower(path.Base(path.Dir(p)))
	}
	if genericStems[s] || s == "" || s == "." || s == "src" || s == "internal" {
		return ""
	}
	return s
}

// modulePath is a file path as a module: no extension, no /index or /__init__.
func modulePath(p string) string {
	m := stem(p)
	m = strings.TrimSuffix(m, "/__init__")
	return strings.TrimSuffix(m, "/index")
}

func matchesModule(file, mod string) bool {
	if mod == "" {
		return false
	}
	m := modulePath(file)
	return m == mod || strings.HasSuffix(m, "/"+mod)
}

// filePrefix returns the prefix under which a file's routes are mounted,
// following mounts of mounts, and whether one was found.
func (st *routeState) filePrefix(file, recv string, depth int) (string, bool) {
	if depth > 5 {
		return "", false
	}
	for _, mt := range st.mounts {
		hit := false
		if mt.recv != "" {
			hit = mt.file == file && mt.recv == recv
		}
		for _, mod := range mt.modules {
			if matchesModule(file, mod) {
				hit = true
				break
			}
		}
		if !hit || mt.file == file && mt.recv == "" {
			continue
		}
		outer := ""
		if mt.file != file {
			outer, _ = st.filePrefix(mt.file, "", depth+1)
		}
		return joinPath(outer, mt.prefix), true
	}
	return "", false
}

// resolved is a route after prefixes are applied, for the logging and
// scope detectors.
type resolved struct {
	method, path string
	loc          facts.Location
}

func (st *routeState) finish(inv *facts.Facts, clientDir string) {
	st.resolvePending()
	st.addPackRoutes()
	methods := map[string]int{}
	seen := make(map[string]bool, len(st.routes))
	// At most one entry per route: one array each, not one regrown (and
	// copied under the collector's write barriers) route after route.
	list := make([]string, 0, len(st.routes))
	st.resolved = slices.Grow(st.resolved, len(st.routes))
	var ev []facts.Location
	resources := map[string]bool{}
	var resOrder []string
	for _, r := range st.routes {
		file := r.loc.Path
		if clientDir != "" && clientDir != "." && strings.HasPrefix(file, clientDir+"/") {
			continue
		}
		p := r.path
		if pre, ok := st.goMounts[r.fn]; ok && r.fn != "" {
			p = joinPath(pre, p)
		} else if pre, ok := st.filePrefix(file, r.recv, 0); ok {
			p = joinPath(pre, p)
		} else if !st.appFiles[file] && (strings.HasSuffix(file, ".go") || isJSFile(file)) && firstSegment(normPath(p)) == "" {
			// A router in its own file, mounted where we cannot see: its
			// file name is the best guess of the resource it serves.
			if res := resourceFromFile(file); res != "" {
				p = joinPath("/"+res, p)
			}
		}
		p = normPath(p)
		key := r.method + " " + p
		if seen[key] {
			continue
		}
		seen[key] = true
		list = append(list, key)
		st.resolved = append(st.resolved, resolved{r.method, p, r.loc})
		methods[r.method]++
		ev = scan.AddEvidence(ev, r.loc)
		if seg := firstSegment(p); isResource(seg) {
			// users and user are one resource.
			if k := strings.TrimSuffix(seg, "s"); !resources[k] {
				resources[k] = true
				resOrder = append(resOrder, seg)
			}
		}
	}
	if len(list) == 0 {
		list = nil // no route: the report's list is null, as before
	}
	sort.Strings(list)
	sort.Strings(resOrder)
	inv.Endpoints = len(list)
	inv.Routes = facts.Routes{Resources: resOrder, List: list, Evidence: ev, Protected: st.protected, ProtectedCount: st.protectedCount,
		Entry: st.entry(clientDir)}
	if len(methods) > 0 {
		inv.Routes.Methods = methods
	}
}

func isJSFile(p string) bool {
	switch path.Ext(p) {
	case ".js", ".ts", ".mjs", ".cjs", ".mts":
		return true
	}
	return false
}

// Compiled once: scan.MustCompile registers each pattern it is given.
var (
	reURLsModule = scan.MustCompile(`^(\w+)\.urls`)
	reClassName  = scan.MustCompile(`^class\s+(\w+)`)
)
