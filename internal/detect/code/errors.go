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
	reJSInline  = scan.MustCompile(`\.use\(\s*(?:async\s*)?(?:function\s*[\w$]*\s*)?$`)
	reJSTrailID = scan.MustCompile(`([\w$]+)\s*$`)
)

type errDef struct {
	name   string // "" when exported anonymously
	inline bool   // defined inside .use(...)
	loc    facts.Location
}

type errorState struct {
	central []facts.Location
	codes   map[int]facts.Location
	order   []int
	errDefs []errDef
	useArgs []string // text of every .use(...) argument list in JS
}

func newErrorState() errorState { return errorState{codes: map[int]facts.Location{}} }

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
		for _, m := range reGoFunc.FindAllSubmatchIndex(code, -1) {
			if goErrorWriter(string(code[m[2]:m[3]]), string(code[m[4]:m[5]])) {
				e.central = scan.AddEvidence(e.central, s.loc(m[0]))
			}
		}
	}
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
	if !strings.Contains(params, "ResponseWriter") && !strings.Contains(params, "Context") &&
		!strings.Contains(params, "Ctx") && !strings.Contains(params, "error") {
		return false
	}
	for _, p := range []string{"write", "respond", "render", "send", "reply", "json", "abort", "encode", "return"} {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return strings.HasSuffix(n, "errorhandler") || strings.HasSuffix(n, "errormiddleware") ||
		n == "errorresponse" || n == "errorjson" || n == "errjson" || n == "handleerror" || n == "handlehttperror"
}

// scanExpress records four-argument error middleware and what .use()
// registers, judged together in finish.
func (e *errorState) scanExpress(s *source) {
	code := s.code
	for _, m := range reJSErrMW.FindAllIndex(code, -1) {
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
func (e *errorState) expressCentral() []facts.Location {
	var out []facts.Location
	for _, d := range e.errDefs {
		ok := d.inline
		for _, a := range e.useArgs {
			if ok {
				break
			}
			if d.name != "" && scan.MustCompile(`\b`+regexp.QuoteMeta(d.name)+`\b`).MatchString(a) {
				ok = true
			}
			if d.name == "" && strings.Contains(strings.ToLower(a), "err") {
				ok = true
			}
		}
		if ok {
			out = scan.AddEvidence(out, d.loc)
		}
	}
	return out
}

func (e *errorState) finish(f *facts.Facts) {
	central := e.central
	for _, l := range e.expressCentral() {
		central = scan.AddEvidence(central, l)
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
