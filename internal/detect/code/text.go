package code

import (
	"regexp"
	"strings"
	"sync"
	"weak"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// matchClose returns the offset of the bracket closing the one at open
// ('(', '[' or '{'), skipping string literals, or -1 when it is not closed.
// It gives up after a bounded distance so a stray bracket in a huge file
// costs little, and once the file's work budget is spent (see spend), so
// thousands of unclosed calls cost no more than a few passes over it.
func matchClose(b []byte, open int) int {
	if open < 0 || open >= len(b) {
		return -1
	}
	const limit = 64 << 10
	depth := 0
	end := min(len(b), open+limit)
	i := open
	defer func() { spend(b, i-open) }()
	if exhausted(b) {
		return -1
	}
	for ; i < end; i++ {
		switch c := b[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return i
			}
		case '"', '\'', '`':
			j := i + 1
			for j < end && b[j] != c {
				if b[j] == '\\' {
					j++
				} else if b[j] == '\n' && c != '`' && c != '"' {
					break
				}
				j++
			}
			i = j
		}
	}
	return -1
}

// maxArgs is the most of an unclosed call's line argsOf returns: a route
// or a handler name is in its first few hundred bytes, and copying the
// rest of a megabyte line for each of thousands of calls is what made a
// small file cost gigabytes.
const maxArgs = 256

// argsOf returns the text between the parenthesis at open and its closing
// one, or the start of the rest of the line when it is not closed.
func argsOf(b []byte, open int) string {
	end := matchClose(b, open)
	if end < 0 {
		start := min(open+1, len(b))
		end = start
		for end < len(b) && end-start < maxArgs && b[end] != '\n' {
			end++
		}
		spend(b, end-start)
		return string(b[start:end])
	}
	spend(b, end-open)
	return string(b[open+1 : end])
}

// The work budget of one buffer (a file's code): matchClose and argsOf
// charge the bytes they walk or copy to it, and stop working on a buffer
// that has used workPerByte passes over itself plus workBase. Normal code
// uses a small fraction; a file built of unclosed calls hits the bound
// and scans in linear time. Budgets are keyed by a weak pointer to the
// buffer, so a new file never inherits an old one's, and the detectors'
// signatures stay as they are.
const (
	workPerByte = 32
	workBase    = 1 << 20
)

var budgets = struct {
	sync.Mutex
	spent   map[weak.Pointer[byte]]int
	sweepAt int
}{spent: map[weak.Pointer[byte]]int{}, sweepAt: 1024}

func exhausted(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	key := weak.Make(&b[0])
	budgets.Lock()
	defer budgets.Unlock()
	return budgets.spent[key] > workBase+workPerByte*len(b)
}

func spend(b []byte, n int) {
	if len(b) == 0 || n <= 0 {
		return
	}
	key := weak.Make(&b[0])
	budgets.Lock()
	defer budgets.Unlock()
	if len(budgets.spent) >= budgets.sweepAt {
		// Forget buffers already collected; sweeping again only once the
		// map has doubled keeps this amortised constant.
		for k := range budgets.spent {
			if k.Value() == nil {
				delete(budgets.spent, k)
			}
		}
		budgets.sweepAt = max(1024, 2*len(budgets.spent))
	}
	budgets.spent[key] += n
}

var (
	reFirstString = scan.MustCompile(`^\s*[rbuf]{0,2}(?:"([^"\n]*)"|'([^'\n]*)'|` + "`([^`\\n]*)`" + `)`)
	reAnyString   = scan.MustCompile(`"([^"\n]*)"|'([^'\n]*)'|` + "`([^`\\n]*)`")
)

// firstString returns the string literal args starts with, if it does.
func firstString(args string) (string, bool) {
	m := reFirstString.FindStringSubmatch(args)
	if m == nil {
		return "", false
	}
	return m[1] + m[2] + m[3], true
}

// namedString returns the string literal given to key (key= or key:) in args.
func namedString(args, key string) (string, bool) {
	re, ok := namedRe[key]
	if !ok {
		re = compileNamed(key)
	}
	m := re.FindStringSubmatch(args)
	if m == nil {
		return "", false
	}
	return m[1] + m[2] + m[3], true
}

// namedRe holds the patterns of namedString for the keys the detector
// uses, compiled once; it is only read after init, so concurrent audits
// may share it.
var namedRe = map[string]*scan.Regexp{}

func init() {
	for _, k := range []string{"prefix", "url_prefix", "path", "rule", "url"} {
		namedRe[k] = compileNamed(k)
	}
}

func compileNamed(key string) *scan.Regexp {
	return scan.MustCompile(`\b` + regexp.QuoteMeta(key) + `\s*[=:]\s*[\[{]?\s*[rbuf]{0,2}(?:"([^"\n]*)"|'([^'\n]*)'|` + "`([^`\\n]*)`)")
}

// stringsIn returns every string literal in s.
func stringsIn(s string) []string {
	var out []string
	for _, m := range reAnyString.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1]+m[2]+m[3])
	}
	return out
}

var (
	reColonParam = scan.MustCompile(`:(\w+)(\([^)]*\))?\??`)
	reAngleParam = scan.MustCompile(`<(?:[\w.]+:)?(\w+)>`)
	reRegexParam = scan.MustCompile(`\(\?P<(\w+)>[^)]*\)`)
	reBraceParam = scan.MustCompile(`\{(\w+)(?::[^}]*)?\}`)
	reStarParam  = scan.MustCompile(`\*(\w+)`)
	reSlashes    = scan.MustCompile(`/{2,}`)
)

// normPath writes a route path in one form: a leading slash, no trailing
// slash, and every path parameter as {name}, whatever the framework's
// syntax (:id, <int:id>, (?P<id>...), {id:[0-9]+}, *path).
func normPath(p string) string {
	p = strings.TrimSpace(p)
	p = strings.TrimPrefix(p, "^")
	p = strings.TrimSuffix(p, "$")
	// Each rewrite runs only when p holds the text its pattern cannot
	// match without: most paths hold one kind of parameter, if any, and
	// every route passes here.
	p = replaceIf(p, "(?P<", reRegexParam, "{$1}")
	p = replaceIf(p, "<", reAngleParam, "{$1}")
	if strings.Contains(p, ":") {
		// {id} is rewritten to itself: only {id:int} changes.
		p = replaceIf(p, "{", reBraceParam, "{$1}")
	}
	p = replaceIf(p, ":", reColonParam, "{$1}")
	p = replaceIf(p, "*", reStarParam, "{$1}")
	p = "/" + p
	p = replaceIf(p, "//", reSlashes, "/")
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// replaceIf is re.ReplaceAllString(p, repl) when p contains lit, a text
// every match of re holds; otherwise p.
func replaceIf(p, lit string, re *scan.Regexp, repl string) string {
	if !strings.Contains(p, lit) {
		return p
	}
	return re.ReplaceAllString(p, repl)
}

// joinPath joins a prefix and a route path.
func joinPath(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return strings.TrimSuffix(prefix, "/") + "/" + strings.TrimPrefix(p, "/")
}

// routePath reports whether s looks like a route path given as a literal:
// empty (a router's root) or starting with a slash.
func routePath(s string) bool {
	return s == "" || strings.HasPrefix(s, "/")
}

// statusNames maps status names, lower-cased without separators, to codes:
// the names used by Go's net/http (NotFound), Spring's HttpStatus
// (NOT_FOUND), Python's HTTPStatus, http-status-codes and NestJS exceptions
// (NotFoundException, with the suffix removed).
var statusNames = map[string]int{
	"badrequest": 400, "unauthorized": 401, "paymentrequired": 402, "forbidden": 403,
	"notfound": 404, "methodnotallowed": 405, "notacceptable": 406, "requesttimeout": 408,
	"conflict": 409, "gone": 410, "lengthrequired": 411, "preconditionfailed": 412,
	"requestentitytoolarge": 413, "payloadtoolarge": 413, "contenttoolarge": 413,
	"unsupportedmediatype": 415, "unprocessableentity": 422, "unprocessablecontent": 422,
	"locked": 423, "preconditionrequired": 428, "toomanyrequests": 429,
	"internalservererror": 500, "notimplemented": 501, "badgateway": 502,
	"serviceunavailable": 503, "gatewaytimeout": 504,
}

// statusByName returns the code for a status name in any of the usual
// spellings, or 0.
func statusByName(name string) int {
	n := strings.ToLower(strings.ReplaceAll(name, "_", ""))
	n = strings.TrimSuffix(n, "exception")
	return statusNames[n]
}
