package auth

import (
	"bytes"
	"sort"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	pyDefRe   = scan.MustCompile(`(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+\w+[ \t]*\(`)
	pyAliasRe = scan.MustCompile(`(?m)^(\w+)[ \t]*(?::[ \t]*[\w.]+[ \t]*)?=[ \t]*(?:typing\.)?Annotated\[`)
	// An annotation in a parameter list: user: CurrentUser, db: "Session".
	pyAnnotationRe = scan.MustCompile(`:\s*(\w+)\s*[,)=\n]`)
)

// pyDeps is what pyDependencies finds in one Python file.
type pyDeps struct {
	applied []int // offsets of dependencies a route uses
	aliases []pyAliasAt
	uses    []string // annotations in decorated endpoints' parameters
	// unapplied are auth dependencies defined (an undecorated function
	// taking one) that protect no route by themselves.
	unapplied []int
}

type pyAliasAt struct {
	name string
	off  int
}

// pyDependencies sorts the FastAPI auth dependencies of a file by whether
// a route uses them. Depends(get_current_user) in a decorated endpoint's
// parameters, in dependencies=[...] or anywhere outside a function's
// parameters protects; in the parameters of an undecorated function it is
// the definition of another dependency (get_current_user itself takes
// Depends(oauth2_scheme)) and protects nothing until a route uses that
// one. In an Annotated alias it protects where an endpoint's parameter is
// annotated with the alias.
func pyDependencies(code []byte) pyDeps {
	var out pyDeps
	type span struct {
		start, end int
		decorated  bool
		name       string // alias name, for aliases
	}
	var defs, aliases []span
	closer := newBracketCloser(code)
	defMatches := pyDefRe.FindAllIndex(code, -1)
	aliasMatches := pyAliasRe.FindAllSubmatchIndex(code, -1)
	closer.closeAllBackwards(defMatches)
	closer.closeAllBackwards(aliasMatches)
	for _, m := range defMatches {
		end := closer.closeOf(m[1] - 1)
		defs = append(defs, span{start: m[1], end: end, decorated: decorated(code, m[0])})
	}
	for _, m := range aliasMatches {
		aliases = append(aliases, span{start: m[0], end: closer.closeOf(m[1] - 1), name: string(code[m[2]:m[3]])})
	}
	for _, d := range defs {
		if !d.decorated {
			continue
		}
		params := code[d.start:min(d.end+1, len(code))] // with its ")"
		for _, m := range pyAnnotationRe.FindAllSubmatchIndex(params, -1) {
			out.uses = append(out.uses, string(code[d.start+m[2]:d.start+m[3]]))
		}
	}
	for _, re := range pyDependencyRes {
		for _, m := range re.FindAllIndex(code, -1) {
			if importLine(code, m[0]) {
				continue
			}
			judged := false
			for _, d := range defs {
				if d.start <= m[0] && m[0] < d.end {
					if d.decorated {
						out.applied = append(out.applied, m[0])
					} else {
						out.unapplied = append(out.unapplied, m[0])
					}
					judged = true
					break
				}
			}
			for _, a := range aliases {
				if !judged && a.start <= m[0] && m[0] < a.end {
					out.aliases = append(out.aliases, pyAliasAt{name: a.name, off: m[0]})
					judged = true
				}
			}
			if !judged {
				out.applied = append(out.applied, m[0])
			}
		}
	}
	return out
}

// bracketCloser finds the bracket closing each def's "(" and each alias's
// "[" (quotes skipped), or the end of code when there is none. Scanning
// from each one alone is quadratic on a file of unclosed "def f(" lines
// (each scan runs to the end), so it remembers every answer: a scan that
// meets an opener already answered jumps to that opener's closer (its
// own depth is the same after it), or gives up at once when that opener
// is never closed (then neither is the one around it). Answered from the
// last opener back, each byte is walked about once.
type bracketCloser struct {
	code    []byte
	closes  map[int]int // opener offset -> closer offset, or len(code)
	scanned int         // bytes walked, for tests
}

func newBracketCloser(code []byte) *bracketCloser {
	return &bracketCloser{code: code, closes: map[int]int{}}
}

// closeAllBackwards answers the openers ending the matches m (m[1]-1),
// last first, so that each scan can jump over the ones after it.
func (c *bracketCloser) closeAllBackwards(matches [][]int) {
	for k := len(matches) - 1; k >= 0; k-- {
		c.closeOf(matches[k][1] - 1)
	}
}

// closeOf returns the offset of the bracket closing the one at open
// (quotes skipped), or the end of code.
func (c *bracketCloser) closeOf(open int) int {
	code := c.code
	if end, ok := c.closes[open]; ok {
		return end
	}
	depth, end := 0, len(code)
	// Jumps are sound only inside an opener: the scan is then at least one
	// bracket deep wherever it meets another.
	reuse := open < len(code) && isOpener(code[open])
	var quote byte
scan:
	for i := open; i < len(code); i++ {
		c.scanned++
		ch := code[i]
		if quote != 0 {
			if ch == '\\' {
				i++
			} else if ch == quote {
				quote = 0
			}
			continue
		}
		switch ch {
		case '\'', '"':
			quote = ch
		case '(', '[', '{':
			if inner, ok := c.closes[i]; ok && reuse && i > open {
				if inner == len(code) {
					break scan
				}
				i = inner // depth is back where it was
				continue
			}
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				end = i
				break scan
			}
		}
	}
	if reuse {
		c.closes[open] = end
	}
	return end
}

func isOpener(b byte) bool { return b == '(' || b == '[' || b == '{' }

// decorated reports whether the def starting at off has a decorator: the
// line above it starts with "@", or ends a decorator's argument list that
// opened on a line starting with "@" (@router.get(\n "/x",\n responses={...},\n)).
func decorated(code []byte, off int) bool {
	prev := bytes.TrimRight(code[:off], " \t\r\n")
	if len(prev) == 0 {
		return false
	}
	end := len(prev) - 1
	if prev[end] == ')' {
		depth := 0
		for i := end; i >= 0 && end-i < 20000; i-- {
			switch prev[i] {
			case ')', ']', '}':
				depth++
			case '(', '[', '{':
				depth--
			}
			if depth == 0 {
				end = i
				break
			}
		}
	}
	start := bytes.LastIndexByte(prev[:end], '\n') + 1
	return bytes.HasPrefix(bytes.TrimSpace(prev[start:end+1]), []byte("@"))
}

func sortedInts(v []int) []int {
	sort.Ints(v)
	return v
}
