package dotnet

import (
	"bytes"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	reMapCall  = scan.MustCompile(`\.\s*Map(Get|Post|Put|Delete|Patch|Methods)\s*\(`)
	reIdentAPI = scan.MustCompile(`\.\s*MapIdentityApi\s*<[^>]*>\s*\(`)
	reGroupVar = scan.MustCompile(`(?:\bvar\s+|\bRouteGroupBuilder\s+|\bIEndpointRouteBuilder\s+|^\s*|[;{}]\s*)([A-Za-z_]\w*)\s*=\s*`)
	reGroupMod = scan.MustCompile(`(?m)(?:^|[;{}])\s*([A-Za-z_]\w*)\s*\.\s*(RequireAuthorization|AllowAnonymous)\s*\(`)
	reParamOf  = scan.MustCompile(`\b(RouteGroupBuilder|IEndpointRouteBuilder|WebApplication|IApplicationBuilder)\s+([A-Za-z_]\w*)\s*[,)]`)
	reAuthAttr = scan.MustCompile(`\[\s*(?:Microsoft\.AspNetCore\.Authorization\.)?Authorize\b`)
	reAnonAttr = scan.MustCompile(`\[\s*(?:Microsoft\.AspNetCore\.Authorization\.)?AllowAnonymous\b`)
)

// group is a MapGroup variable: its full prefix and whether its endpoints
// require (or explicitly skip) authorization.
type group struct {
	prefix               string
	protected, anonymous bool
	unrooted             bool
}

// groupScope holds each group variable's assignments in file order, so
// that two methods of one file may both call their group "group".
type groupScope map[string][]scoped

type scoped struct {
	off int
	g   *group
}

func (s groupScope) set(name string, off int, g group) {
	list := append(s[name], scoped{off, &g})
	// Keep offsets sorted; parameters are recorded before assignments.
	for i := len(list) - 1; i > 0 && list[i].off < list[i-1].off; i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	s[name] = list
}

// at returns the assignment of name in force at off: the last one before it.
func (s groupScope) at(name string, off int) *group {
	list := s[name]
	i := sort.Search(len(list), func(i int) bool { return list[i].off > off })
	if i == 0 {
		return nil
	}
	return list[i-1].g
}

// minimalRoutes reads minimal-API endpoints: app.MapGet("/x", ...),
// group.MapPost("/", handler), MapMethods("/x", new[] {"GET"}, ...),
// with MapGroup prefixes and RequireAuthorization/AllowAnonymous on the
// endpoint, its group, or its lambda's attributes.
func minimalRoutes(code, skel []byte) []Route {
	if !bytes.Contains(code, []byte(".Map")) {
		return nil
	}
	groups := groupScope{}
	for _, m := range reParamOf.FindAllSubmatchIndex(skel, -1) {
		if string(skel[m[2]:m[3]]) == "RouteGroupBuilder" {
			groups.set(string(skel[m[4]:m[5]]), m[0], group{unrooted: true})
		}
	}
	// Group variables, in order, so a nested group sees its parent.
	for i := 0; ; {
		k := bytes.Index(skel[i:], []byte("MapGroup"))
		if k < 0 {
			break
		}
		at := i + k
		i = at + len("MapGroup")
		stmtStart := statementStart(skel, at)
		m := reGroupVar.FindSubmatchIndex(skel[stmtStart:at])
		if m == nil {
			continue
		}
		name := string(skel[stmtStart+m[2] : stmtStart+m[3]])
		exprStart := stmtStart + m[1]
		stmtEnd := statementEnd(skel, at)
		groups.set(name, stmtStart, resolveChain(code, skel, exprStart, stmtEnd, groups))
	}
	for _, m := range reGroupMod.FindAllSubmatchIndex(skel, -1) {
		g := groups.at(string(skel[m[2]:m[3]]), m[0])
		if g == nil {
			continue
		}
		if string(skel[m[4]:m[5]]) == "RequireAuthorization" {
			g.protected = true
		} else {
			g.anonymous = true
		}
	}

	var classes []*class
	var out []Route
	for _, m := range reMapCall.FindAllSubmatchIndex(skel, -1) {
		open := m[1] - 1
		close := matchClose(skel, open, '(', ')')
		if close < 0 {
			continue
		}
		recvStart := receiverStart(skel, m[0])
		recv := resolveChain(code, skel, recvStart, m[0], groups)
		args := splitTop(string(code[open+1:close-1]), ',')
		if wrapsMap(skel, args) {
			continue
		}
		path, rest := routeArg(args)
		methods := []string{strings.ToUpper(string(skel[m[2]:m[3]]))}
		if methods[0] == "METHODS" {
			methods = nil
			if len(args) > 1 {
				for _, v := range quoted(args[1]) {
					methods = append(methods, strings.ToUpper(v))
				}
			}
			if len(methods) == 0 {
				methods = []string{"ANY"}
			}
		}
		// Modifiers chained on the endpoint: .RequireAuthorization() ...
		tail := chainTail(skel, close)
		tailCode := string(code[close:tail])
		handler := strings.Join(rest, ",")
		protected := recv.protected || strings.Contains(tailCode, ".RequireAuthorization(") || reAuthAttr.MatchString(handler)
		anonymous := strings.Contains(tailCode, ".AllowAnonymous(") || reAnonAttr.MatchString(handler)
		if anonymous {
			protected = false
		} else if recv.anonymous && !strings.Contains(tailCode, ".RequireAuthorization(") && !reAuthAttr.MatchString(handler) {
			protected, anonymous = false, true
		}
		prefix := recv.prefix
		if recv.unrooted && prefix == "" {
			// The group is made in another file; the class usually names it
			// (TodoItems : IEndpointGroup, TodoEndpoints).
			if classes == nil {
				classes = classesOf(code, skel, nil)
			}
			if c := innermost(classes, m[0]); c != nil {
				prefix = groupNameOf(c.name)
			}
		}
		p := joinPath(prefix, path)
		for _, meth := range methods {
			out = append(out, Route{Method: meth, Path: p, Offset: recvStart, Protected: protected, Anonymous: anonymous, Unrooted: recv.unrooted})
		}
	}
	for _, m := range reIdentAPI.FindAllIndex(skel, -1) {
		start := receiverStart(skel, m[0])
		recv := resolveChain(code, skel, start, m[0], groups)
		for _, e := range identityEndpoints {
			out = append(out, Route{Method: e[0], Path: joinPath(recv.prefix, e[1]), Offset: start,
				Protected: e[2] == "auth" || recv.protected, Anonymous: e[2] != "auth", Unrooted: recv.unrooted})
		}
	}
	return out
}

// identityEndpoints are what MapIdentityApi<TUser>() maps (.NET 8): method,
// path, and "auth" for the ones that need a signed-in user.
var identityEndpoints = [][3]string{
	{"POST", "/register", ""}, {"POST", "/login", ""}, {"POST", "/refresh", ""},
	{"GET", "/confirmEmail", ""}, {"POST", "/resendConfirmationEmail", ""},
	{"POST", "/forgotPassword", ""}, {"POST", "/resetPassword", ""},
	{"POST", "/manage/2fa", "auth"}, {"GET", "/manage/info", "auth"}, {"POST", "/manage/info", "auth"},
}

// routeArg returns the route pattern of a Map call's arguments and the
// remaining ones: the standard ("/x", handler) and the helper-style
// (Handler, "x") or (Handler) that some templates add.
func routeArg(args []string) (string, []string) {
	if len(args) == 0 {
		return "", nil
	}
	if s, ok := firstString(args[0]); ok {
		return s, args[1:]
	}
	if len(args) > 1 {
		if s, ok := firstString(args[1]); ok && isIdentString(strings.TrimSpace(args[0])) {
			return s, args[:1]
		}
	}
	return "", args
}

// resolveChain reads a receiver expression such as
// app.MapGroup("/api").MapGroup("/todos").RequireAuthorization() between
// from and to: its base variable's group, each MapGroup prefix, and the
// authorization modifiers along the way.
func resolveChain(code, skel []byte, from, to int, groups groupScope) group {
	expr := skel[from:to]
	var g group
	i := skipSpace(expr, 0)
	j := i
	for j < len(expr) && (expr[j] == '_' || isAlnum(expr[j])) {
		j++
	}
	if base := groups.at(string(expr[i:j]), from); base != nil {
		g = *base
	}
	for k := j; k < len(expr); k++ {
		if expr[k] != '.' {
			continue
		}
		n := skipSpace(expr, k+1)
		e := n
		for e < len(expr) && (expr[e] == '_' || isAlnum(expr[e])) {
			e++
		}
		name := string(expr[n:e])
		p := skipSpace(expr, e)
		if p >= len(expr) || expr[p] != '(' {
			continue
		}
		close := matchClose(expr, p, '(', ')')
		if close < 0 {
			break
		}
		switch name {
		case "MapGroup":
			if s, ok := firstString(string(code[from+p+1 : from+close-1])); ok {
				g.prefix = strings.TrimSuffix(joinPath(g.prefix, s), "/")
			}
		case "RequireAuthorization":
			g.protected, g.anonymous = true, false
		case "AllowAnonymous":
			g.protected, g.anonymous = false, true
		}
		k = close - 1
	}
	return g
}

// receiverStart walks back from the '.' of a call over the receiver
// expression it is chained on: identifiers joined by dots, each possibly
// a call with balanced parentheses (app.MapGroup("/api").MapGroup("/x")).
// It stops at anything else, so each call costs the length of its chain.
func receiverStart(skel []byte, dot int) int {
	start := dot
	i := dot
	for {
		j := i - 1
		for j >= 0 && isSpace(skel[j]) {
			j--
		}
		if j >= 0 && skel[j] == ')' {
			depth := 0
			for ; j >= 0; j-- {
				if skel[j] == ')' {
					depth++
				} else if skel[j] == '(' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			j--
			for j >= 0 && isSpace(skel[j]) {
				j--
			}
			if j >= 0 && skel[j] == '>' { // a generic call: Foo<T>(...)
				for j >= 0 && skel[j] != '<' {
					j--
				}
				j--
			}
		}
		e := j
		for j >= 0 && (skel[j] == '_' || isAlnum(skel[j])) {
			j--
		}
		if j == e {
			return start
		}
		start = j + 1
		p := j
		for p >= 0 && isSpace(skel[p]) {
			p--
		}
		if p < 0 || skel[p] != '.' {
			return start
		}
		i = p
	}
}

// chainTail returns the end of the method chain that continues after the
// call closing at close: .WithName("x").RequireAuthorization() ...
func chainTail(skel []byte, close int) int {
	i := close
	for {
		j := skipSpace(skel, i)
		if j >= len(skel) || skel[j] != '.' {
			return i
		}
		k := skipSpace(skel, j+1)
		for k < len(skel) && (skel[k] == '_' || isAlnum(skel[k])) {
			k++
		}
		if k < len(skel) && skel[k] == '<' {
			if e := matchClose(skel, k, '<', '>'); e > 0 {
				k = e
			}
		}
		k = skipSpace(skel, k)
		if k >= len(skel) || skel[k] != '(' {
			return i
		}
		e := matchClose(skel, k, '(', ')')
		if e < 0 {
			return i
		}
		i = e
	}
}

func statementStart(skel []byte, at int) int {
	for i := at - 1; i >= 0; i-- {
		switch skel[i] {
		case ';', '{', '}':
			return i + 1
		}
	}
	return 0
}

func statementEnd(skel []byte, at int) int {
	depth := 0
	for i := at; i < len(skel); i++ {
		switch skel[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ';':
			if depth <= 0 {
				return i
			}
		case '{', '}':
			if depth <= 0 {
				return i
			}
		}
	}
	return len(skel)
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wrapsMap reports whether a Map call forwards its own string parameter,
// as helper extensions do (MapGet(this IEndpointRouteBuilder b, Delegate
// handler, string pattern) => b.MapGet(pattern, handler)): the endpoints
// are the helper's callers, not this call.
func wrapsMap(skel []byte, args []string) bool {
	if len(args) == 0 {
		return false
	}
	first := strings.TrimSpace(args[0])
	if !isIdentString(first) {
		return false
	}
	return scan.Transient(`\bstring\??\s+` + first + `\b`).Match(skel)
}

// groupNameOf turns an endpoint class name into the path segment it is
// usually mapped under: TodoItems -> todoitems, TodoEndpoints -> todo.
func groupNameOf(name string) string {
	for _, suf := range []string{"Endpoints", "Endpoint", "Module", "Routes", "Group", "Api", "Extensions"} {
		if n := strings.TrimSuffix(name, suf); n != "" && n != name {
			name = n
			break
		}
	}
	return strings.ToLower(name)
}
