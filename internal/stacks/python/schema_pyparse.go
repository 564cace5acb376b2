package python

import (
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// This file is the small Python reader the schema readers share: logical
// lines with their indentation, call arguments with balanced brackets and
// strings, and literal values. Every function is one forward pass over
// the bytes it is given (nested values are re-read a bounded number of
// times), with no recursion on the input's nesting depth, so a hostile
// file costs time linear in its size.

// pyArg is one argument of a call, one item of a list, tuple or set, or
// one value of a dict: its keyword (or dict key) when it has one, and the
// span of its value in the source.
type pyArg struct {
	Key        string
	Val        string
	Off, End   int
	HasKeyword bool
}

// maxArgs caps the items read from one bracket: no real call or list in a
// migration has more.
const maxArgs = 2000

// skipString returns the offset just past the string literal whose
// opening quote is at src[i]: triple-quoted strings may span lines, a
// single-quoted one ends at its line.
func skipString(src []byte, i int) int {
	q := src[i]
	n := len(src)
	if i+2 < n && src[i+1] == q && src[i+2] == q {
		for j := i + 3; j+2 < n; j++ {
			if src[j] == '\\' {
				j++
				continue
			}
			if src[j] == q && src[j+1] == q && src[j+2] == q {
				return j + 3
			}
		}
		return n
	}
	j := i + 1
	for j < n && src[j] != q && src[j] != '\n' {
		if src[j] == '\\' {
			j++
		}
		j++
	}
	if j < n && src[j] == q {
		j++
	}
	if j > n {
		j = n
	}
	return j
}

// items reads the comma-separated items inside the bracket opening at
// src[open] ('(', '[' or '{') and returns them with the offset just past
// the closing bracket (len(src) when it never closes). A "key=value"
// item is a keyword argument; in a dict ('{') a "key: value" item has
// the key's text as Key.
func items(src []byte, open int) ([]pyArg, int) {
	dict := src[open] == '{'
	var out []pyArg
	depth := 0
	start := open + 1
	colon := -1
	finish := func(end int) {
		if len(out) >= maxArgs {
			return
		}
		if a, ok := makeArg(src, start, end, colon, dict); ok {
			out = append(out, a)
		}
	}
	for i := open + 1; i < len(src); i++ {
		switch c := src[i]; c {
		case '"', '\'':
			i = skipString(src, i) - 1
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				finish(i)
				return out, i + 1
			}
			depth--
		case ',':
			if depth == 0 {
				finish(i)
				start, colon = i+1, -1
			}
		case ':':
			if depth == 0 && dict && colon < 0 {
				colon = i
			}
		}
	}
	finish(len(src))
	return out, len(src)
}

func makeArg(src []byte, start, end, colon int, dict bool) (pyArg, bool) {
	if dict && colon >= 0 {
		key := strings.TrimSpace(string(src[start:colon]))
		vs, ve := trimSpan(src, colon+1, end)
		if vs >= ve {
			return pyArg{}, false
		}
		if s, ok := pyStr(key); ok {
			key = s
		}
		return pyArg{Key: key, HasKeyword: true, Val: string(src[vs:ve]), Off: vs, End: ve}, true
	}
	s, e := trimSpan(src, start, end)
	if s >= e {
		return pyArg{}, false
	}
	// keyword=value: an identifier then one '=' (not '==').
	k := s
	for k < e && isIdent(src[k]) {
		k++
	}
	if k > s && !isDigit(src[s]) {
		j := k
		for j < e && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
			j++
		}
		if j < e && src[j] == '=' && (j+1 >= e || src[j+1] != '=') {
			vs, ve := trimSpan(src, j+1, e)
			return pyArg{Key: string(src[s:k]), HasKeyword: true, Val: string(src[vs:ve]), Off: vs, End: ve}, true
		}
	}
	return pyArg{Val: string(src[s:e]), Off: s, End: e}, true
}

func trimSpan(src []byte, s, e int) (int, int) {
	for s < e && isSpace(src[s]) {
		s++
	}
	for e > s && isSpace(src[e-1]) {
		e--
	}
	return s, e
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isIdent(c byte) bool {
	return c == '_' || isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// call reads the value a as a call: its dotted callee and its arguments.
// A bare name (sa.Integer) is a call with no arguments and paren false.
func call(src []byte, a pyArg) (name string, args []pyArg, paren bool) {
	i := a.Off
	for i < a.End && (isIdent(src[i]) || src[i] == '.') {
		i++
	}
	name = string(src[a.Off:i])
	for i < a.End && isSpace(src[i]) {
		i++
	}
	if name == "" || i >= a.End || src[i] != '(' {
		return name, nil, false
	}
	args, _ = items(src[:a.End], i)
	return name, args, true
}

// elems reads the value a as a list, tuple or set literal and returns its
// items; a value that is not one is a single item.
func elems(src []byte, a pyArg) []pyArg {
	if a.Off < a.End && (src[a.Off] == '[' || src[a.Off] == '(' || src[a.Off] == '{') {
		out, _ := items(src[:a.End], a.Off)
		return out
	}
	return []pyArg{a}
}

// strs returns the string literals among a list/tuple value's items (or
// the value itself when it is one string).
func strs(src []byte, a pyArg) []string {
	var out []string
	for _, e := range elems(src, a) {
		if s, ok := pyStr(e.Val); ok {
			out = append(out, s)
		}
	}
	return out
}

// pyStr returns the text of a string literal ("x", 'x', r"x", f"x",
// """x"""), with simple escapes undone.
func pyStr(v string) (string, bool) {
	v = strings.TrimSpace(v)
	p := 0
	for p < len(v) && p < 2 && strings.IndexByte("rRbBuUfF", v[p]) >= 0 {
		p++
	}
	v = v[p:]
	if len(v) < 2 {
		return "", false
	}
	q := v[0]
	if q != '"' && q != '\'' {
		return "", false
	}
	if len(v) >= 6 && strings.HasPrefix(v, strings.Repeat(string(q), 3)) && strings.HasSuffix(v, strings.Repeat(string(q), 3)) {
		return v[3 : len(v)-3], true
	}
	if v[len(v)-1] != q {
		return "", false
	}
	body := v[1 : len(v)-1]
	if strings.IndexByte(body, q) >= 0 && !strings.Contains(body, `\`+string(q)) {
		return "", false // "a" "b": adjacent literals, not one string
	}
	if strings.IndexByte(body, '\\') >= 0 {
		body = strings.NewReplacer(`\\`, `\`, `\'`, `'`, `\"`, `"`).Replace(body)
	}
	return body, true
}

// kw returns the argument called key, if given.
func kw(args []pyArg, key string) (pyArg, bool) {
	for _, a := range args {
		if a.HasKeyword && a.Key == key {
			return a, true
		}
	}
	return pyArg{}, false
}

// kwBool reports the literal True/False value of the keyword key: set
// says whether it was given as a literal.
func kwBool(args []pyArg, key string) (val, set bool) {
	a, ok := kw(args, key)
	if !ok {
		return false, false
	}
	switch a.Val {
	case "True":
		return true, true
	case "False":
		return false, true
	}
	return false, false
}

// kwStr returns the string literal value of the keyword key.
func kwStr(args []pyArg, key string) (string, bool) {
	a, ok := kw(args, key)
	if !ok {
		return "", false
	}
	return pyStr(a.Val)
}

// positional returns the positional arguments.
func positional(args []pyArg) []pyArg {
	var out []pyArg
	for _, a := range args {
		if !a.HasKeyword && !strings.HasPrefix(a.Val, "*") {
			out = append(out, a)
		}
	}
	return out
}

// lastName returns the part of a dotted name after its last dot
// (sa.String → String).
func lastName(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}

// pyLine is a logical line: where its first character is, and its
// indentation.
type pyLine struct {
	Off, Indent int
}

// logicalLines returns the logical lines of src: lines that start a
// statement, not ones inside brackets, strings or after a backslash.
// src should have its comments blanked (scan.File.Source).
func logicalLines(src []byte) []pyLine {
	var out []pyLine
	depth := 0
	atStart := true
	for i := 0; i < len(src); i++ {
		if atStart {
			atStart = false
			j := i
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if j < len(src) && src[j] != '\n' && src[j] != '\r' {
				out = append(out, pyLine{Off: j, Indent: j - i})
			}
			i = j
			if i >= len(src) {
				break
			}
		}
		switch c := src[i]; c {
		case '"', '\'':
			i = skipString(src, i) - 1
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		case '\\':
			i++ // an escaped newline continues the line
		case '\n':
			if depth == 0 {
				atStart = true
			}
		}
	}
	return out
}

// lineIndex turns offsets into 1-based line numbers in O(log n).
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (li lineIndex) line(off int) int {
	return sort.Search(len(li), func(i int) bool { return li[i] > off })
}

// hasPrefixAt reports whether src has s at offset i.
func hasPrefixAt(src []byte, i int, s string) bool {
	return i >= 0 && i+len(s) <= len(src) && string(src[i:i+len(s)]) == s
}

// identAt returns the identifier (dots allowed) starting at src[i].
func identAt(src []byte, i int) string {
	j := i
	for j < len(src) && (isIdent(src[j]) || src[j] == '.') {
		j++
	}
	return string(src[i:j])
}

// skipSpaces returns the offset of the first non-blank byte from i on the
// same line.
func skipSpaces(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// pyFile is one Python file read for its schema: comment-blanked source,
// its logical lines, and line numbers for locations.
type pyFile struct {
	path  string
	src   []byte
	lines []pyLine
	li    lineIndex
	funcs map[string]int // top-level function → its def's logical line
}

func newPyFile(path string, src []byte) *pyFile {
	return &pyFile{path: path, src: src, lines: logicalLines(src), li: newLineIndex(src)}
}

// at is the location of the offset off.
func (p *pyFile) at(off int) facts.Location {
	return facts.Location{Path: p.path, Line: p.li.line(off)}
}

// blockEnd returns the index of the first logical line after the block
// the line k opens (a def, class or with): the lines indented deeper.
func (p *pyFile) blockEnd(k int) int {
	ind := p.lines[k].Indent
	j := k + 1
	for j < len(p.lines) && p.lines[j].Indent > ind {
		j++
	}
	return j
}

// lineEnd returns the offset where the logical line k ends: the start of
// the next logical line, or the end of the file.
func (p *pyFile) lineEnd(k int) int {
	if k+1 < len(p.lines) {
		return p.lines[k+1].Off
	}
	return len(p.src)
}

// assign reads the logical line k as "name[: annotation] [= value]". ok
// is false for any other statement; hasVal says whether there was a value.
func (p *pyFile) assign(k int) (name, annot string, val pyArg, hasVal, ok bool) {
	src, off, end := p.src, p.lines[k].Off, p.lineEnd(k)
	i := off
	for i < end && isIdent(src[i]) {
		i++
	}
	if i == off || isDigit(src[off]) {
		return "", "", pyArg{}, false, false
	}
	name = string(src[off:i])
	i = skipSpaces(src, i)
	if i < end && src[i] == ':' {
		// An annotation runs to the '=' outside brackets, or the line's end.
		as, depth := i+1, 0
		j := as
	loop:
		for ; j < end; j++ {
			switch src[j] {
			case '"', '\'':
				j = skipString(src, j) - 1
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			case '=':
				if depth == 0 && (j+1 >= end || src[j+1] != '=') {
					break loop
				}
			case '\n':
				if depth <= 0 {
					break loop
				}
			}
		}
		if j > end {
			j = end
		}
		s, e := trimSpan(src, as, j)
		annot = string(src[s:e])
		if annot == "" {
			return "", "", pyArg{}, false, false // "else:", "try:"
		}
		i = j
	}
	if i >= end || src[i] != '=' || (i+1 < end && src[i+1] == '=') {
		return name, annot, pyArg{}, false, annot != ""
	}
	s, e := trimSpan(src, i+1, end)
	return name, annot, pyArg{Val: string(src[s:e]), Off: s, End: e}, true, true
}

// funcBody returns the range of logical lines of the top-level function
// name's body, or ok false. The first call indexes the file's functions,
// so asking for many names stays linear.
func (p *pyFile) funcBody(name string) (from, to int, ok bool) {
	if p.funcs == nil {
		p.funcs = map[string]int{}
		for k, l := range p.lines {
			if l.Indent != 0 {
				continue
			}
			i := l.Off
			if hasPrefixAt(p.src, i, "async ") {
				i = skipSpaces(p.src, i+6)
			}
			if !hasPrefixAt(p.src, i, "def ") {
				continue
			}
			fn := identAt(p.src, skipSpaces(p.src, i+4))
			if fn != "" {
				p.funcs[fn] = k // a later def replaces an earlier one
			}
		}
	}
	k, ok := p.funcs[name]
	if !ok {
		return 0, 0, false
	}
	return k + 1, p.blockEnd(k), true
}
