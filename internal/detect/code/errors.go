package code

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// pyExceptions are exceptions whose status is known: Django, DRF and werkzeug.
var pyExceptions = scan.MustCompile(`\braise\s+(?:\w+\.)*(Http404|NotFound|PermissionDenied|NotAuthenticated|AuthenticationFailed|MethodNotAllowed|Throttled|ParseError|BadRequest|Unauthorized|Forbidden|Conflict)\b|\b(get_object_or_404)\(`)

// DRF's ValidationError answers 400. serializers.ValidationError is always
// DRF's; a bare or exceptions.ValidationError is DRF's only where the file
// imports it from rest_framework (Django's and marshmallow's are not
// responses).
var (
	pyDRFValidation       = scan.MustCompile(`\braise\s+(?:\w+\.)*serializers\.ValidationError\b`)
	pyDRFValidationImport = scan.MustCompile(`(?m)^\s*from\s+rest_framework(?:\.\w+)?\s+import\s+(?:\([^)]*|[^\n]*)\b(?:ValidationError|exceptions)\b`)
	pyBareValidation      = scan.MustCompile(`\braise\s+(?:exceptions\.)?ValidationError\b`)
	// A DRF view that looks one object up answers 404 through
	// get_object(), without any explicit raise in the project.
	pyDRFObjectView = scan.MustCompile(`\bclass\s+\w+\s*\([^)]*\b(?:ModelViewSet|ReadOnlyModelViewSet|Retrieve\w*APIView|(?:Retrieve|Update|Destroy)ModelMixin)\b`)
)

var pyExceptionCodes = map[string]int{
	"Http404": 404, "NotFound": 404, "PermissionDenied": 403, "NotAuthenticated": 401, "AuthenticationFailed": 401,
	"MethodNotAllowed": 405, "Throttled": 429, "ParseError": 400, "BadRequest": 400, "Unauthorized": 401,
	"Forbidden": 403, "Conflict": 409, "get_object_or_404": 404,
}

// Error-handling code the packs' tables cannot express (Central and
// Status live in each pack's Errors).
var (
	reGoFunc = scan.MustCompile(`(?m)^func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(([^)]*)\)`)
	// Express error middleware: four parameters, the first an error.
	reJSErrMW   = scan.MustCompile(`\(\s*(?:err|error|e|ex|exception)\s*(?::\s*[^,()]+)?,\s*(?:req|request|_req)\w*\s*(?::\s*[^,()]+)?,\s*(?:res|response|_res)\w*\s*(?::\s*[^,()]+)?,\s*(?:next|_next|_)\s*(?::\s*[^,()]+)?,?\s*\)`)
	reJSErrName = scan.MustCompile(`(?:function\s+([\w$]+)\s*|(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:function\s*)?|(module\.exports\s*=\s*(?:async\s*)?(?:function\s*\w*\s*)?|export\s+default\s+(?:async\s+)?(?:function\s*\w*\s*)?|exports\.([\w$]+)\s*=\s*(?:async\s*)?(?:function\s*)?))$`)
	// Koa error middleware: (ctx, next) whose body starts by awaiting
	// next() inside a try.
	reKoaErrMW  = scan.MustCompile(`\(\s*ctx\s*(?::\s*[^,()]+)?,\s*next\s*(?::\s*[^,()]+)?\)\s*(?::\s*[^={]+)?(?:=>)?\s*\{\s*try\s*\{\s*await\s+next\(\s*\)`)
	reJSInline  = scan.MustCompile(`\.use\(\s*(?:async\s*)?(?:function\s*[\w$]*\s*)?$`)
	reJSTrailID = scan.MustCompile(`([\w$]+)\s*$`)
)

type errDef struct {
	name   string // "" when exported anonymously
	inline bool   // defined inside .use(...)
	loc    facts.Location
}

// namedHandler is an error handler defined under a name apart from where
// it is registered; it counts once its group registers that name.
type namedHandler struct {
	group, name string
	loc         facts.Location
}

type errorState struct {
	central []facts.Location
	codes   map[int]facts.Location
	order   []int
	errDefs []errDef
	useArgs []string // text of every .use(...) argument list in JS
	// handlers are defined by name; registered holds group+"\x00"+name
	// for every name a registration mentions, in any file.
	handlers   []namedHandler
	registered map[string]bool
	group      string // the group of the file being scanned, for the sink
}

func newErrorState() errorState {
	return errorState{codes: map[int]facts.Location{}, registered: map[string]bool{}}
}

func (e *errorState) code(c int, l facts.Location) {
	if c < 400 || c > 599 {
		return
	}
	if _, ok := e.codes[c]; !ok {
		e.codes[c] = l
		e.order = append(e.order, c)
	}
}

func (e *errorState) scan(s *source) {
	group := s.group()
	code := s.code
	// Numeric patterns can only match on a line holding a 4xx/5xx number;
	// running them on those lines alone spares the backtracker whole files.
	lines := statusLines(code)
	pk := stacks.ByID(group)
	if pk == nil {
		return
	}
	for _, p := range pk.Errors.Status {
		if p.ByName {
			for _, m := range p.Re.FindAllSubmatchIndex(code, -1) {
				e.code(statusByName(string(code[m[2]:m[3]])), s.loc(m[0]))
			}
			continue
		}
		for _, ln := range lines {
			for _, m := range p.Re.FindAllSubmatchIndex(code[ln[0]:ln[1]], -1) {
				c, _ := strconv.Atoi(string(code[ln[0]+m[2] : ln[0]+m[3]]))
				e.code(c, s.loc(ln[0]+m[0]))
			}
		}
	}
	if re := pk.Errors.Central; re != nil {
		e.central = addAll(e.central, s, re.FindAllIndex(code, -1))
	}
	e.group = group
	if re := pk.Errors.Handlers; re != nil {
		for _, m := range re.FindAllSubmatchIndex(code, -1) {
			if name := firstGroup(code, m); name != "" {
				e.Handler(name, s.loc(m[0]))
			}
		}
	}
	for _, re := range pk.Errors.Registers {
		for _, m := range re.FindAllSubmatchIndex(code, -1) {
			var names string
			switch {
			case len(m) > 3 && m[2] >= 0:
				names = string(code[m[2]:m[3]])
			case m[1] > 0 && code[m[1]-1] == '(':
				names = argsOf(code, m[1]-1)
			}
			for _, w := range reWord.FindAllString(names, -1) {
				e.Registered(w)
			}
		}
	}
	if pk.Errors.Scan != nil {
		pk.Errors.Scan(pack.Source{Path: s.path, Lang: s.lang, Code: code}, e)
	}
	switch group {
	case "python":
		for _, m := range pyExceptions.FindAllSubmatchIndex(code, -1) {
			e.code(pyExceptionCodes[pick(code, m[2:6])], s.loc(m[0]))
		}
		if m := pyDRFObjectView.FindIndex(code); m != nil {
			e.code(404, s.loc(m[0]))
		}
		if m := pyDRFValidation.FindIndex(code); m != nil {
			e.code(400, s.loc(m[0]))
		} else if pyDRFValidationImport.Match(code) {
			if m := pyBareValidation.FindIndex(code); m != nil {
				e.code(400, s.loc(m[0]))
			}
		}
	case "js":
		e.scanExpress(s)
	case "go":
		e.scanGo(s)
	}
}

// firstGroup returns the text of the first capture group that matched.
func firstGroup(code []byte, m []int) string {
	for i := 2; i+1 < len(m); i += 2 {
		if m[i] >= 0 {
			return string(code[m[i]:m[i+1]])
		}
	}
	return ""
}

var (
	reWord = scan.MustCompile(`[A-Za-z_$][\w$]*`)
	// gin middleware reads the errors handlers left with c.Error(err).
	reGinErrors = scan.MustCompile(`\bc\.Errors\.(?:Last|ByType)\(|len\(c\.Errors\)`)
	// The "appHandler" idiom: handlers return an error and one ServeHTTP
	// turns it into the response (type appHandler func(w, r) error).
	reGoErrFuncType = scan.MustCompile(`(?m)^type\s+(\w+)\s+func\s*\([^)]*\)\s*error\b`)
	reGoInlineUse   = scan.MustCompile(`\.Use\(\s*func\s*\(`)
)

// scanGo records Go error writers and error middleware by name: each
// counts once something calls or passes it (a helper nobody calls, a
// middleware never given to Use, handles nothing), and every identifier
// Go code mentions outside a function's own declaration.
func (e *errorState) scanGo(s *source) {
	code := s.code
	funcs := reGoFunc.FindAllSubmatchIndex(code, -1)
	declared := map[int]bool{}
	for _, m := range funcs {
		declared[m[2]] = true
		if goErrorWriter(string(code[m[2]:m[3]]), string(code[m[4]:m[5]])) {
			e.Handler(string(code[m[2]:m[3]]), s.loc(m[0]))
		}
	}
	for _, m := range reGinErrors.FindAllIndex(code, -1) {
		// The function the error check sits in: inline in Use(func(c ...)
		// it is registered where it stands; in a named middleware
		// (func ErrorHandler() gin.HandlerFunc) that name must be used.
		fn := -1
		for i, f := range funcs {
			if f[0] <= m[0] {
				fn = i
			}
		}
		if fn < 0 || reGoInlineUse.Match(code[funcs[fn][0]:m[0]]) {
			e.Central(s.loc(m[0]))
			continue
		}
		e.Handler(string(code[funcs[fn][2]:funcs[fn][3]]), s.loc(m[0]))
	}
	for _, m := range reGoErrFuncType.FindAllSubmatchIndex(code, -1) {
		name := string(code[m[2]:m[3]])
		if bytes.Contains(code, []byte(name+") ServeHTTP(")) {
			e.Handler(name, s.loc(m[0]))
		}
	}
	for i := 0; i < len(code); {
		c := code[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') || i > 0 && isWordByte(code[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(code) && isWordByte(code[j]) {
			j++
		}
		if !declared[i] {
			e.Registered(string(code[i:j]))
		}
		i = j
	}
}

func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c)
}

func addAll(ev []facts.Location, s *source, idx [][]int) []facts.Location {
	for _, m := range idx {
		ev = scan.AddEvidence(ev, s.loc(m[0]))
	}
	return ev
}

// goErrorWriter reports whether a Go function looks like the one place that
// writes error responses: writeError(w, status, msg), respondWithError,
// ErrorHandler(c), errorResponse...
func goErrorWriter(fn, params string) bool {
	n := strings.ToLower(fn)
	if !strings.Contains(n, "err") {
		return false
	}
	// net/http and chi wrap handlers: func ErrorHandler(next http.Handler) http.Handler.
	if !strings.Contains(params, "ResponseWriter") && !strings.Contains(params, "Context") &&
		!strings.Contains(params, "Ctx") && !strings.Contains(params, "error") && !strings.Contains(params, "Handler") {
		return false
	}
	for _, p := range []string{"write", "respond", "render", "send", "reply", "json", "abort", "encode", "return"} {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return strings.HasSuffix(n, "errorhandler") || strings.HasSuffix(n, "errormiddleware") || strings.HasSuffix(n, "errorhandling") ||
		n == "handleerrors" ||
		n == "errorresponse" || n == "errorjson" || n == "errjson" || n == "handleerror" || n == "handlehttperror"
}

// scanExpress records four-argument error middleware (and Koa's
// try/await next() middleware) and what .use() registers, judged together
// in finish.
func (e *errorState) scanExpress(s *source) {
	code := s.code
	defs := reJSErrMW.FindAllIndex(code, -1)
	defs = append(defs, reKoaErrMW.FindAllIndex(code, -1)...)
	for _, m := range defs {
		before := strings.TrimRight(string(code[max(0, m[0]-120):m[0]]), " \t\r\n")
		d := errDef{loc: s.loc(m[0])}
		switch {
		case reJSInline.MatchString(before):
			d.inline = true
		default:
			if nm := reJSErrName.FindStringSubmatch(before); nm != nil {
				d.name = nm[1] + nm[2] + nm[4]
			} else {
				// A method of a class or an object: use its name when it has one.
				if mm := reJSTrailID.FindStringSubmatch(before); mm != nil && mm[1] != "async" {
					d.name = mm[1]
				}
			}
		}
		e.errDefs = append(e.errDefs, d)
	}
	for i := 0; i < len(code); {
		k := indexFrom(code, i, []byte(".use("))
		if k < 0 {
			break
		}
		e.useArgs = append(e.useArgs, argsOf(code, k+4))
		i = k + 5
	}
}

func indexFrom(b []byte, from int, sep []byte) int {
	if from >= len(b) {
		return -1
	}
	i := bytes.Index(b[from:], sep)
	if i < 0 {
		return -1
	}
	return from + i
}

// expressCentral reports the error middleware that is registered: defined
// inline in .use(), or named and passed to .use(), or exported without a
// name while some .use() registers an error handler.
func (e *errorState) expressCentral() (out, unregistered []facts.Location) {
	for _, d := range e.errDefs {
		ok := d.inline
		var named *scan.Regexp // compiled once per definition, not per .use()
		if d.name != "" {
			named = scan.Transient(`\b` + regexp.QuoteMeta(d.name) + `\b`)
		}
		for _, a := range e.useArgs {
			if ok {
				break
			}
			if named != nil && named.MatchString(a) {
				ok = true
			}
			if d.name == "" && strings.Contains(strings.ToLower(a), "err") {
				ok = true
			}
		}
		if ok {
			out = scan.AddEvidence(out, d.loc)
		} else {
			unregistered = scan.AddEvidence(unregistered, d.loc)
		}
	}
	return out, unregistered
}

func (e *errorState) finish(f *facts.Facts) {
	central := e.central
	express, unregistered := e.expressCentral()
	for _, l := range express {
		central = scan.AddEvidence(central, l)
	}
	for _, h := range e.handlers {
		// [ApiExceptionFilter] applies class ApiExceptionFilterAttribute.
		if e.registered[h.group+"\x00"+h.name] || e.registered[h.group+"\x00"+strings.TrimSuffix(h.name, "Attribute")] {
			central = scan.AddEvidence(central, h.loc)
		} else if !goHelper(h) {
			unregistered = scan.AddEvidence(unregistered, h.loc)
		}
	}
	f.ErrorHandling.Unregistered = nil
	if len(central) == 0 {
		f.ErrorHandling.Unregistered = unregistered
	}
	if pk := stacks.ByID(stacks.GroupOf(f.Stack.Language)); pk != nil {
		lf := pk.Errors.LookedFor
		if t, ok := lf[f.Stack.Framework]; ok {
			f.ErrorHandling.LookedFor = t
		} else {
			f.ErrorHandling.LookedFor = lf[""]
		}
	}
	f.ErrorHandling.Central = len(central) > 0
	f.ErrorHandling.Evidence = central
	codes := append([]int(nil), e.order...)
	sort.Ints(codes)
	f.ErrorHandling.StatusCodes = codes
	f.ErrorHandling.StatusEvidence = nil
	for _, c := range e.order {
		f.ErrorHandling.StatusEvidence = scan.AddEvidence(f.ErrorHandling.StatusEvidence, e.codes[c])
	}
}

// statusLines returns [start, end) windows of code around each line that
// holds a three-digit number starting with 4 or 5 (that line and the three
// before it), the only places where a numeric status pattern can match.
func statusLines(code []byte) [][2]int {
	var out [][2]int
	for i := 0; i+2 < len(code); i++ {
		c := code[i]
		if (c != '4' && c != '5') || !isDigit(code[i+1]) || !isDigit(code[i+2]) ||
			(i > 0 && isDigit(code[i-1])) || (i+3 < len(code) && isDigit(code[i+3])) {
			continue
		}
		// A call may open a few lines above its status argument:
		// new HttpException(\n  {...},\n  400,\n).
		start := i
		for range 4 {
			start = bytes.LastIndexByte(code[:start], '\n')
			if start < 0 {
				break
			}
		}
		start++
		end := bytes.IndexByte(code[i:], '\n')
		if end < 0 {
			end = len(code)
		} else {
			end += i
		}
		out = append(out, [2]int{start, end})
		i = end
	}
	return out
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// Status and Central make errorState the sink of a pack's Errors.Scan.
func (e *errorState) Status(c int, at facts.Location) { e.code(c, at) }

// Central records a central error handler a pack found.
func (e *errorState) Central(at facts.Location) { e.central = scan.AddEvidence(e.central, at) }

// Handler records an error handler defined under a name in the file being
// scanned; it counts in finish once its group registers the name.
func (e *errorState) Handler(name string, at facts.Location) {
	e.handlers = append(e.handlers, namedHandler{group: e.group, name: name, loc: at})
}

// Registered records a name a registration in the current group mentions.
func (e *errorState) Registered(name string) {
	if len(e.registered) < maxRegisteredNames {
		e.registered[e.group+"\x00"+name] = true
	}
}

// maxRegisteredNames bounds the names kept from registrations (Go keeps
// every identifier it reads): a generated tree must not grow it unbounded.
const maxRegisteredNames = 200000

// goHelper reports whether a handler is a Go error-writing helper: one
// nobody calls is dead code, not a handler left unregistered, and says
// nothing useful in a FAIL.
func goHelper(h namedHandler) bool {
	if h.group != "go" {
		return false
	}
	n := strings.ToLower(h.name)
	return !strings.HasSuffix(n, "handler") && !strings.HasSuffix(n, "middleware") && !strings.HasSuffix(n, "handling")
}
