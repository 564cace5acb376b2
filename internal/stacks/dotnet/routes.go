package dotnet

import (
	"bytes"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Route is one endpoint declared in a C# file.
type Route struct {
	// Method is the HTTP method in upper case (GET, POST, ...); ANY for
	// an action routed by [Route] alone, Map() or MapMethods.
	Method string
	// Path is the template with the prefixes known in the same file
	// ([Route] on the controller, MapGroup variables), "/"-rooted, with
	// [controller] and [action] replaced.
	Path string
	// Offset is the byte offset of the declaration (the attribute list or
	// the Map call) in the file.
	Offset int
	// Protected is set when the endpoint requires an authenticated user:
	// [Authorize] on the action or its controller, RequireAuthorization() on
	// the endpoint or its group, an [Authorize] attribute on a minimal-API
	// lambda. [AllowAnonymous] and AllowAnonymous() clear it.
	Protected bool
	// Anonymous is set when the endpoint explicitly opts out with
	// [AllowAnonymous] or AllowAnonymous().
	Anonymous bool
	// Unrooted is set for minimal-API endpoints declared on a group or
	// builder passed in as a parameter: their prefix is set in another file.
	Unrooted bool

	// Class, Action and Template are a controller action's class, method
	// and own route template, kept so that a [Route] or [Authorize] on a
	// base controller in another file can be applied (see Inherit).
	Class, Action, Template string
	// ownAuth records [Authorize]/[AllowAnonymous] on the action itself.
	ownAuth, ownAnon bool
}

// Controller is a class that routes or may be a base of controllers: its
// base class and the routing attributes it carries.
type Controller struct {
	Name, Base string
	// Prefix is the class's [Route] template; HasRoute says it has one.
	Prefix    string
	HasRoute  bool
	Authorize bool
}

// attr is one attribute of an attribute list: its name without the
// Attribute suffix or namespace, and its argument text.
type attr struct {
	name, args string
}

// attrList is one [..] attribute list before a declaration.
type attrList struct {
	start, end int // '[' and just past ']'
	attrs      []attr
}

// decl is a declaration with the attributes of all its lists.
type decl struct {
	start   int // first attribute list
	at      int // the declaration itself
	isClass bool
	name    string
	attrs   []attr
}

var (
	reClassDecl = scan.MustCompile(`\b(?:class|record)\s+([A-Za-z_]\w*)`)
	reHTTPAttr  = scan.MustCompile(`^Http(Get|Post|Put|Delete|Patch|Head|Options)$`)
	reIdentEnd  = scan.MustCompile(`([A-Za-z_]\w*)\s*(?:<[^<>()]*>)?\s*$`)
	reFirstStr  = scan.MustCompile(`^\s*(?:template\s*:\s*)?\$?@?"([^"]*)"`)
	reQuoted    = scan.MustCompile(`"([^"]*)"`)
	reBase      = scan.MustCompile(`:\s*([A-Z]\w*)`)
)

// Routes returns the endpoints declared in one C# file: actions of
// attribute-routed controllers and minimal-API Map calls.
func Routes(data []byte) []Route {
	routes, _ := RoutesAndControllers(data)
	return routes
}

// RoutesAndControllers is Routes and Controllers of one file. The route
// scanner asks both of every C# file, and they share the file's
// declarations and classes, which took a third of its time to find.
func RoutesAndControllers(data []byte) ([]Route, []Controller) {
	code := Code(data)
	skel := Skeleton(data)
	decls := declarations(code, skel)
	classes := classesOf(code, skel, decls)
	routes := append(controllerRoutes(code, skel, decls, classes), minimalRoutes(code, skel)...)
	var controllers []Controller
	for _, c := range classes {
		controllers = append(controllers, Controller{Name: c.name, Base: c.base, Prefix: c.prefix, HasRoute: c.hasRoute, Authorize: c.authorize})
	}
	return routes, controllers
}

// ---- controllers ----

// class is a class body and what its attributes say about its actions.
type class struct {
	name       string
	base       string
	start, end int
	prefix     string
	hasRoute   bool
	authorize  bool
	controller bool
}

// controllerRoutes returns the actions of attribute-routed controllers,
// given the file's declarations and classes.
func controllerRoutes(code, skel []byte, decls []decl, classes []*class) []Route {
	if !bytes.Contains(code, []byte("[Http")) && !bytes.Contains(code, []byte("Route(")) && !bytes.Contains(code, []byte("AcceptVerbs")) {
		return nil
	}
	var out []Route
	for _, d := range decls {
		if d.isClass {
			continue
		}
		cls := innermost(classes, d.at)
		type verb struct{ method, tmpl string }
		var verbs []verb
		var route string
		hasRoute, authorize, anonymous := false, false, false
		for _, a := range d.attrs {
			if m := reHTTPAttr.FindStringSubmatch(a.name); m != nil {
				t, _ := firstString(a.args)
				verbs = append(verbs, verb{strings.ToUpper(m[1]), t})
				continue
			}
			switch a.name {
			case "Route":
				route, hasRoute = firstString(a.args)
			case "AcceptVerbs":
				for _, v := range quoted(a.args) {
					verbs = append(verbs, verb{strings.ToUpper(v), ""})
				}
			case "Authorize":
				authorize = true
			case "AllowAnonymous":
				anonymous = true
			}
		}
		if len(verbs) == 0 {
			if !hasRoute || cls == nil || !cls.controller {
				continue
			}
			verbs = append(verbs, verb{"ANY", ""})
		}
		protected := (authorize || (cls != nil && cls.authorize)) && !anonymous
		for _, v := range verbs {
			tmpl := v.tmpl
			if tmpl == "" && hasRoute {
				tmpl = route
			}
			r := Route{Method: v.method, Path: joinRoute(cls, tmpl, d.name), Offset: d.start,
				Protected: protected, Anonymous: anonymous, Action: d.name, Template: tmpl, ownAuth: authorize, ownAnon: anonymous}
			if cls != nil {
				r.Class = cls.name
			}
			out = append(out, r)
		}
	}
	return out
}

// declarations groups the attribute lists of code by the declaration they
// precede. Only lists in declaration position count: after {, }, ; or ]
// (parameter attributes such as [FromBody] follow ( or , instead).
func declarations(code, skel []byte) []decl {
	var out []decl
	var cur *decl
	for i := 0; i < len(skel); i++ {
		if skel[i] != '[' || !declPosition(skel, i) {
			continue
		}
		end := matchClose(skel, i, '[', ']')
		if end < 0 {
			break
		}
		list := parseAttrs(string(code[i+1 : end-1]))
		if len(list) == 0 {
			continue
		}
		if cur != nil && onlySpace(skel[cur.at:i]) {
			// another list of the same declaration
			cur.attrs = append(cur.attrs, list...)
		} else {
			out = append(out, decl{start: i, attrs: list})
			cur = &out[len(out)-1]
		}
		cur.at = skipSpace(skel, end)
		i = end - 1
	}
	for k := range out {
		d := &out[k]
		head := declHead(skel, d.at)
		if m := reClassDecl.FindStringSubmatch(head); m != nil {
			d.isClass, d.name = true, m[1]
		} else if m := reIdentEnd.FindStringSubmatch(head); m != nil {
			d.name = m[1]
		}
	}
	return out
}

// declPosition reports whether '[' at i starts an attribute list on a
// declaration: the previous non-space character closes a statement or
// another list, or begins a block.
func declPosition(skel []byte, i int) bool {
	j := i - 1
	for j >= 0 && isSpace(skel[j]) {
		j--
	}
	if j < 0 {
		return true
	}
	switch skel[j] {
	case '{', '}', ';', ']':
		return true
	}
	return false
}

// declHead returns the declaration text at off up to its body or
// parameter list: "public async Task<IActionResult> Get", "public class X : Y".
func declHead(skel []byte, off int) string {
	end := off
	for end < len(skel) && end-off < 400 {
		c := skel[end]
		if c == '{' || c == ';' || c == '(' || c == '=' {
			break
		}
		end++
	}
	return string(skel[off:end])
}

// classesOf finds every class body and reads its routing attributes.
func classesOf(code, skel []byte, decls []decl) []*class {
	var out []*class
	byAt := make(map[int]decl, len(decls))
	for _, d := range decls {
		if d.isClass {
			byAt[d.at] = d
		}
	}
	var braces map[int]int // computed at the first class with a body
	nextBrace, nextSemi := nextByte{b: skel, c: '{', at: -2}, nextByte{b: skel, c: ';', at: -2}
	for _, m := range reClassDecl.FindAllSubmatchIndex(skel, -1) {
		name := string(skel[m[2]:m[3]])
		open, semi := nextBrace.from(m[1]), nextSemi.from(m[1])
		if open < 0 || (semi >= 0 && semi < open) {
			continue // record Foo(...); or a forward reference
		}
		start := m[1] + open
		if braces == nil {
			braces = closesOf(skel, '{', '}')
		}
		end := braces[start]
		if end < 0 {
			end = len(skel)
		}
		c := &class{name: name, start: start, end: end}
		head := string(skel[m[0]:start])
		if bm := reBase.FindStringSubmatch(head); bm != nil {
			c.base = bm[1]
		}
		c.controller = strings.HasSuffix(name, "Controller") || strings.Contains(head, "ControllerBase") || strings.Contains(head, ": Controller")
		if d, ok := byAt[modifiersStart(skel, m[0])]; ok && d.isClass && d.name == name {
			for _, a := range d.attrs {
				switch a.name {
				case "Route":
					c.prefix, c.hasRoute = firstString(a.args)
				case "Authorize":
					c.authorize = true
				case "ApiController":
					c.controller = true
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// modifiersStart walks back from the class keyword at off over the
// modifiers before it (public sealed partial ...) to where the
// declaration starts.
func modifiersStart(skel []byte, off int) int {
	start := off
	for {
		i := start - 1
		for i >= 0 && isSpace(skel[i]) {
			i--
		}
		j := i
		for j >= 0 && (skel[j] == '_' || isAlnum(skel[j])) {
			j--
		}
		switch string(skel[j+1 : i+1]) {
		case "public", "internal", "sealed", "abstract", "partial", "static", "private", "protected", "file", "readonly", "unsafe":
			start = j + 1
		default:
			return start
		}
	}
}

// onlySpace reports whether b is all white space, stopping at the first
// other byte so that a long gap costs nothing.
func onlySpace(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// innermost returns the class whose body holds off, the most nested one
// when classes nest. classes are in source order (by start).
func innermost(classes []*class, off int) *class {
	i := sort.Search(len(classes), func(i int) bool { return classes[i].start >= off })
	for i--; i >= 0; i-- {
		if c := classes[i]; off < c.end {
			return c
		}
	}
	return nil
}

// joinRoute applies ASP.NET's attribute-routing rules: an action template
// starting with / or ~/ ignores the controller's; [controller] and [action]
// are replaced; constraints stay ({id:int}).
func joinRoute(c *class, tmpl, action string) string {
	prefix := ""
	ctrl := ""
	if c != nil {
		prefix = c.prefix
		ctrl = strings.TrimSuffix(c.name, "Controller")
	}
	var p string
	switch {
	case strings.HasPrefix(tmpl, "~/"):
		p = tmpl[1:]
	case strings.HasPrefix(tmpl, "/"):
		p = tmpl
	default:
		p = joinPath(prefix, tmpl)
	}
	r := strings.NewReplacer("[controller]", strings.ToLower(ctrl), "[Controller]", strings.ToLower(ctrl), "[action]", strings.ToLower(action), "[Action]", strings.ToLower(action))
	return r.Replace(p)
}

func joinPath(a, b string) string {
	a = strings.Trim(a, "/")
	b = strings.Trim(b, "/")
	switch {
	case a == "" && b == "":
		return "/"
	case a == "":
		return "/" + b
	case b == "":
		return "/" + a
	}
	return "/" + a + "/" + b
}

// parseAttrs splits the text inside [..] into attributes. A list that does
// not read as attributes (an indexer, a collection expression) gives nil.
func parseAttrs(s string) []attr {
	var out []attr
	for _, part := range splitTop(s, ',') {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if i := strings.Index(part, ":"); i >= 0 && i < strings.IndexAny(part+"(", "(") && isIdentString(strings.TrimSpace(part[:i])) {
			part = strings.TrimSpace(part[i+1:]) // [return: NotNull], [method: Authorize]
		}
		name, args := part, ""
		if i := strings.IndexByte(part, '('); i >= 0 {
			if !strings.HasSuffix(part, ")") {
				return nil
			}
			name, args = strings.TrimSpace(part[:i]), part[i+1:len(part)-1]
		}
		if k := strings.LastIndexByte(name, '.'); k >= 0 {
			name = name[k+1:]
		}
		if !isIdentString(name) || name[0] < 'A' || name[0] > 'Z' {
			return nil
		}
		out = append(out, attr{name: strings.TrimSuffix(name, "Attribute"), args: args})
	}
	return out
}

// splitTop splits s at sep outside parentheses, brackets, braces and
// string literals.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	inStr := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '(' || c == '[' || c == '{' || c == '<':
			depth++
		case c == ')' || c == ']' || c == '}' || c == '>':
			depth--
		case c == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func firstString(args string) (string, bool) {
	if m := reFirstStr.FindStringSubmatch(args); m != nil {
		return m[1], true
	}
	return "", false
}

func quoted(args string) []string {
	var out []string
	for _, m := range reQuoted.FindAllStringSubmatch(args, -1) {
		out = append(out, m[1])
	}
	return out
}

// matchClose returns the index just past the bracket closing the one at
// open, or -1.
func matchClose(skel []byte, open int, o, c byte) int {
	depth := 0
	for i := open; i < len(skel); i++ {
		switch skel[i] {
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// nextByte finds the next c in b at or after a position that only grows,
// remembering it until passed: searching from each class for a ';' a file
// without one was a scan to its end per class.
type nextByte struct {
	b  []byte
	c  byte
	at int // next occurrence found, -1 none left, -2 not searched
}

// from returns the offset of the next c at or after pos relative to pos,
// as bytes.IndexByte(b[pos:], c) does, or -1.
func (n *nextByte) from(pos int) int {
	if n.at == -1 {
		return -1
	}
	if n.at < pos {
		j := bytes.IndexByte(n.b[pos:], n.c)
		if j < 0 {
			n.at = -1
			return -1
		}
		n.at = pos + j
	}
	return n.at - pos
}

// closesOf returns matchClose(skel, i, o, c) for every o in skel, from one
// pass with a stack: a scan from each class's brace was quadratic on a
// file of unclosed "class X {" lines. The bracket a stack pairs with an
// opener is the first at which the depth falls back to what it was before
// the opener, which is where matchClose's scan stops.
func closesOf(skel []byte, o, c byte) map[int]int {
	closes := map[int]int{}
	var open []int
	for i, ch := range skel {
		switch ch {
		case o:
			open = append(open, i)
			closes[i] = -1
		case c:
			if n := len(open); n > 0 {
				closes[open[n-1]] = i + 1
				open = open[:n-1]
			}
		}
	}
	return closes
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isIdentString(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Controllers returns the classes of one file with their base class and
// class-level routing attributes, for Inherit.
func Controllers(data []byte) []Controller {
	_, controllers := RoutesAndControllers(data)
	return controllers
}

// Inherit applies what base controllers declared in other files say
// about routes: a [Route] prefix on the base replaces a missing one, and
// [Authorize] on any base protects actions that do not opt out. classes
// holds every controller of the project by name.
func Inherit(routes []Route, classes map[string]Controller) []Route {
	for i := range routes {
		r := &routes[i]
		if r.Class == "" {
			continue
		}
		own := classes[r.Class]
		prefix, hasRoute, authorize := own.Prefix, own.HasRoute, own.Authorize
		seen := map[string]bool{r.Class: true}
		for b := own.Base; b != "" && !seen[b]; b = classes[b].Base {
			seen[b] = true
			base, ok := classes[b]
			if !ok {
				break
			}
			if !hasRoute && base.HasRoute {
				prefix, hasRoute = base.Prefix, true
			}
			authorize = authorize || base.Authorize
		}
		if hasRoute && !own.HasRoute {
			r.Path = joinRoute(&class{name: r.Class, prefix: prefix}, r.Template, r.Action)
		}
		if authorize && !r.ownAnon {
			r.Protected = true
		}
	}
	return routes
}
