package js

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// The schema readers share one tokenizer and one bounded value parser:
// a JS/TS file (comments already blanked) becomes tokens once, brackets
// are matched once with a stack, and every reader walks the tokens
// forward. Everything is linear in the file's size; the value parser
// recurses at most maxDepth levels and skips deeper values by their
// matched bracket.

// Token kinds.
const (
	tIdent  = 'i'
	tString = 's' // '...' or "..."; text is the unescaped value
	tTmpl   = 't' // `...`; text is the raw content
	tNum    = 'n'
	tPunct  = 'p'
)

// maxDepth bounds how deep the value parser descends into nested object
// and array literals; deeper values are kept as opaque expressions.
const maxDepth = 24

// maxTokens bounds the tokens read from one file: a schema file is small,
// and a huge generated bundle is no migration.
const maxTokens = 400_000

type token struct {
	kind byte
	text string
	off  int
	// end is the offset just past the token.
	end int
	// match is, for ( [ { and ) ] }, the index of the partner bracket,
	// or -1 when unbalanced.
	match int
}

type tokens struct {
	src  []byte
	toks []token
	// lines[i] is the offset where line i+2 starts, for line lookups
	// in O(log n).
	lines []int
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// tokenize splits JS/TS source (comments blanked) into tokens.
func tokenize(src []byte) *tokens {
	ts := &tokens{src: src, toks: make([]token, 0, min(len(src)/4+16, maxTokens))}
	for i, c := range src {
		if c == '\n' {
			ts.lines = append(ts.lines, i+1)
		}
	}
	n := len(src)
	var stack []int
	for i := 0; i < n && len(ts.toks) < maxTokens; {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isIdentStart(c):
			j := i + 1
			for j < n && isIdentPart(src[j]) {
				j++
			}
			ts.toks = append(ts.toks, token{kind: tIdent, text: string(src[i:j]), off: i, end: j, match: -1})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < n && (isIdentPart(src[j]) || src[j] == '.') {
				j++
			}
			ts.toks = append(ts.toks, token{kind: tNum, text: string(src[i:j]), off: i, end: j, match: -1})
			i = j
		case c == '"' || c == '\'' || c == '`':
			j, text := readString(src, i)
			kind := byte(tString)
			if c == '`' {
				kind = tTmpl
			}
			ts.toks = append(ts.toks, token{kind: kind, text: text, off: i, end: j, match: -1})
			i = j
		default:
			t := token{kind: tPunct, text: string(c), off: i, end: i + 1, match: -1}
			if c == '=' && i+1 < n && src[i+1] == '>' {
				t.text, t.end = "=>", i+2
			}
			idx := len(ts.toks)
			switch c {
			case '(', '[', '{':
				stack = append(stack, idx)
			case ')', ']', '}':
				open := map[byte]byte{')': '(', ']': '[', '}': '{'}[c]
				// Pop to the nearest matching opener; openers left
				// unclosed inside stay unmatched.
				for k := len(stack) - 1; k >= 0; k-- {
					if ts.toks[stack[k]].text[0] == open {
						ts.toks[stack[k]].match = idx
						t.match = stack[k]
						stack = stack[:k]
						break
					}
					if len(stack)-k > 64 {
						break
					}
				}
			}
			ts.toks = append(ts.toks, t)
			i = t.end
		}
	}
	return ts
}

// readString reads the string literal starting at src[i] and returns the
// offset past it and its value (escapes resolved for quoted strings, the
// raw text of a template).
func readString(src []byte, i int) (int, string) {
	q := src[i]
	n := len(src)
	var b strings.Builder
	j := i + 1
	for j < n && src[j] != q {
		if src[j] == '\n' && q != '`' {
			return j, b.String()
		}
		if src[j] == '\\' && j+1 < n {
			if q == '`' {
				b.WriteByte(src[j])
			} else if c := src[j+1]; c == 'n' || c == 't' || c == 'r' {
				b.WriteByte(' ')
				j += 2
				continue
			}
			j++
		}
		b.WriteByte(src[j])
		j++
	}
	if j < n {
		j++
	}
	return j, b.String()
}

// line returns the 1-based line of offset off.
func (ts *tokens) line(off int) int {
	lo, hi := 0, len(ts.lines)
	for lo < hi {
		m := (lo + hi) / 2
		if ts.lines[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo + 1
}

func (ts *tokens) at(path string, tok int) facts.Location {
	if tok < 0 || tok >= len(ts.toks) {
		return facts.Location{Path: path}
	}
	return facts.Location{Path: path, Line: ts.line(ts.toks[tok].off)}
}

// is reports whether token i is the punctuation or identifier s.
func (ts *tokens) is(i int, s string) bool {
	return i >= 0 && i < len(ts.toks) && ts.toks[i].text == s && (ts.toks[i].kind == tPunct || ts.toks[i].kind == tIdent)
}

// str returns the value of token i when it is a string literal (a
// template without interpolation counts).
func (ts *tokens) str(i int) (string, bool) {
	if i < 0 || i >= len(ts.toks) {
		return "", false
	}
	t := ts.toks[i]
	if t.kind == tString || t.kind == tTmpl && !strings.Contains(t.text, "${") {
		return t.text, true
	}
	return "", false
}

// value is a parsed JS value: an object or array literal, a string, a
// number, or an expression (an identifier path such as Sequelize.STRING,
// optionally called: DataTypes.DECIMAL(10, 2)).
type value struct {
	kind byte // 'o' object, 'a' array, 's' string, 'n' number, 'e' expression, 'f' function
	str  string
	// keys/vals of an object, in order; items of an array; args of a
	// called expression.
	keys  []string
	vals  []*value
	items []*value
	args  []*value
	call  bool
	// tok is the value's first token; end the index past its last.
	tok, end int
}

// get returns the object member called key, or nil.
func (v *value) get(key string) *value {
	if v == nil || v.kind != 'o' {
		return nil
	}
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// text returns a string value's text, or an expression's path.
func (v *value) text() string {
	if v == nil {
		return ""
	}
	return v.str
}

// truthy reports whether v is the literal true.
func (v *value) truthy() bool { return v != nil && v.kind == 'e' && v.str == "true" }

// falsy reports whether v is the literal false.
func (v *value) falsy() bool { return v != nil && v.kind == 'e' && v.str == "false" }

// stop reports whether token i ends a value inside a list: a comma, a
// semicolon or a closing bracket.
func (ts *tokens) stop(i int) bool {
	if i >= len(ts.toks) {
		return true
	}
	t := ts.toks[i]
	return t.kind == tPunct && (t.text == "," || t.text == ";" || t.text == ")" || t.text == "]" || t.text == "}")
}

// skipExpr returns the index of the first token at or after i that ends
// the expression starting at i (a top-level comma, semicolon or closing
// bracket), jumping over bracketed parts.
//
// It takes at most maxExprSteps steps: in real code an expression ends
// within a few tokens (bracketed parts are jumped), and the bound keeps a
// hostile file with no separators from making every value scan to the
// end of the file.
func (ts *tokens) skipExpr(i int) int { return ts.skipExprN(i, maxExprSteps) }

// maxExprSteps bounds skipExpr.
const maxExprSteps = 512

func (ts *tokens) skipExprN(i, steps int) int {
	for n := 0; i < len(ts.toks) && !ts.stop(i) && n < steps; n++ {
		if m := ts.toks[i].match; m > i {
			i = m
		}
		i++
	}
	return i
}

// parseValue parses the value starting at token i and returns it with the
// index of the token after it.
func (ts *tokens) parseValue(i, depth int) (*value, int) {
	if i >= len(ts.toks) {
		return &value{kind: 'e', tok: i, end: i}, i
	}
	t := ts.toks[i]
	v := &value{tok: i}
	switch {
	case t.kind == tPunct && t.text == "{" && depth < maxDepth && t.match > i:
		v.kind = 'o'
		j := i + 1
		for j < t.match {
			if ts.is(j, ",") {
				j++
				continue
			}
			var key string
			switch k := ts.toks[j]; {
			case k.kind == tIdent, k.kind == tString, k.kind == tNum:
				key = k.text
				// Method shorthand: key(args) { ... } or async key(...)
				if k.text == "async" && j+1 < t.match && ts.toks[j+1].kind == tIdent {
					j++
					key = ts.toks[j].text
				}
			case k.kind == tPunct && k.text == "[" && k.match > j:
				j = k.match // computed key: kept unnamed
			case k.kind == tPunct && k.text == ".":
				// ...spread
				j = ts.skipExpr(j)
				continue
			default:
				j = ts.skipExpr(j + 1)
				continue
			}
			j++
			switch {
			case ts.is(j, ":"):
				val, next := ts.parseValue(j+1, depth+1)
				v.keys, v.vals = append(v.keys, key), append(v.vals, val)
				j = next
			case ts.is(j, "(") && ts.toks[j].match > j:
				// method: key(...) { body }
				end := ts.toks[j].match + 1
				fn := &value{kind: 'f', tok: j, end: ts.skipExpr(end)}
				v.keys, v.vals = append(v.keys, key), append(v.vals, fn)
				j = fn.end
			default:
				// shorthand { a, b }
				v.keys, v.vals = append(v.keys, key), append(v.vals, &value{kind: 'e', str: key, tok: j - 1, end: j})
			}
			if j <= i {
				j = i + 1
			}
			j = ts.skipExpr(j)
		}
		v.end = t.match + 1
		return v, v.end
	case t.kind == tPunct && t.text == "[" && depth < maxDepth && t.match > i:
		v.kind = 'a'
		j := i + 1
		for j < t.match {
			if ts.is(j, ",") {
				j++
				continue
			}
			item, next := ts.parseValue(j, depth+1)
			v.items = append(v.items, item)
			j = ts.skipExpr(next)
		}
		v.end = t.match + 1
		return v, v.end
	case t.kind == tString || t.kind == tTmpl:
		v.kind, v.str = 's', t.text
		v.end = i + 1
		return v, ts.skipExpr(i + 1)
	case t.kind == tNum:
		v.kind, v.str = 'n', t.text
		v.end = i + 1
		return v, ts.skipExpr(i + 1)
	}
	// An expression: new X(...), a.b.c, a.b(args), an arrow function.
	v.kind = 'e'
	j := i
	if ts.is(j, "new") {
		j++
	}
	var path []string
	for j < len(ts.toks) && ts.toks[j].kind == tIdent {
		path = append(path, ts.toks[j].text)
		j++
		if !ts.is(j, ".") {
			break
		}
		j++
	}
	v.str = strings.Join(path, ".")
	if ts.is(j, "(") && ts.toks[j].match > j && depth < maxDepth {
		v.call = true
		k := j + 1
		for k < ts.toks[j].match {
			if ts.is(k, ",") {
				k++
				continue
			}
			arg, next := ts.parseValue(k, depth+1)
			v.args = append(v.args, arg)
			k = ts.skipExpr(next)
		}
		j = ts.toks[j].match + 1
	}
	if ts.is(j, "=>") {
		// An arrow function: keep the path of an expression body, the
		// target of () => User.
		v.kind, v.call, v.args = 'f', false, nil
		if !ts.is(j+1, "{") && depth < maxDepth {
			body, next := ts.parseValue(j+1, depth+1)
			v.str = body.str
			v.end = next
			return v, next
		}
		v.str = ""
	} else if ts.is(i, "function") || ts.is(i, "async") || ts.is(i, "(") {
		v.kind = 'f'
	}
	end := ts.skipExpr(j)
	v.end = end
	return v, end
}

// fnBody returns the token range [from, to) of the body of the function
// whose definition starts at token i: function (...) {...}, async (...)
// => {...}, x => expr, or a method's (...) {...}. ok is false when no body
// is found.
func (ts *tokens) fnBody(i int) (from, to int, ok bool) {
	j := i
	for k := 0; k < 3 && (ts.is(j, "async") || ts.is(j, "function") || ts.is(j, "*")); k++ {
		j++
	}
	if j < len(ts.toks) && ts.toks[j].kind == tIdent && ts.is(j+1, "(") {
		j++ // a function's name
	}
	switch {
	case ts.is(j, "(") && ts.toks[j].match > j:
		j = ts.toks[j].match + 1
	case j < len(ts.toks) && ts.toks[j].kind == tIdent:
		j++
	default:
		return 0, 0, false
	}
	// A TypeScript return type: (...): Promise<void> {  — look a few
	// tokens ahead for the body.
	for k := 0; k < 12 && j < len(ts.toks) && !ts.is(j, "{") && !ts.is(j, "=>") && !ts.is(j, ";"); k++ {
		j++
	}
	if ts.is(j, "=>") {
		j++
		if ts.is(j, "{") && ts.toks[j].match > j {
			return j + 1, ts.toks[j].match, true
		}
		return j, ts.skipExprN(j, 8*maxExprSteps), true
	}
	if ts.is(j, "{") && ts.toks[j].match > j {
		return j + 1, ts.toks[j].match, true
	}
	return 0, 0, false
}

// param returns the name of the first parameter of the function whose
// definition starts at token i ("t" of (t) => ..., "table" of
// function (table) {...}).
func (ts *tokens) param(i int) string {
	j := i
	for k := 0; k < 3 && (ts.is(j, "async") || ts.is(j, "function")); k++ {
		j++
	}
	if ts.is(j, "(") {
		j++
	}
	if j < len(ts.toks) && ts.toks[j].kind == tIdent {
		return ts.toks[j].text
	}
	return ""
}

// upDown finds the bodies of a migration's up and down functions in the
// forms the tools write: exports.up = ..., export async function up(...),
// export const up = ..., module.exports = { up: ..., async down() {} },
// and class methods public async up(queryRunner: QueryRunner) {...}.
type span struct{ from, to int }

func (ts *tokens) upDown() (up, down span, hasUp, hasDown bool) {
	for i := 0; i < len(ts.toks); i++ {
		t := ts.toks[i]
		if t.kind != tIdent || (t.text != "up" && t.text != "down") {
			continue
		}
		var def int
		switch {
		case ts.is(i+1, "=") && ts.is(i-1, "."): // exports.up =
			def = i + 2
		case ts.is(i+1, "=") && (ts.is(i-1, "const") || ts.is(i-1, "let") || ts.is(i-1, "var")):
			def = i + 2
		case ts.is(i+1, ":") && !ts.is(i-1, "."):
			def = i + 2
		case ts.is(i+1, "(") && (ts.is(i-1, "function") || ts.is(i-1, "async") || ts.is(i-1, "public") || ts.is(i-1, "{") || ts.is(i-1, ",") || ts.is(i-1, "}") || ts.is(i-1, ";")):
			def = i + 1
		default:
			continue
		}
		from, to, ok := ts.fnBody(def)
		if !ok {
			continue
		}
		if t.text == "up" && !hasUp {
			up, hasUp = span{from, to}, true
		} else if t.text == "down" && !hasDown {
			down, hasDown = span{from, to}, true
		}
		if to > i {
			i = to - 1
		}
	}
	return
}

// emptyBody reports whether a function body does nothing: {} or only
// return / Promise.resolve().
func (ts *tokens) emptyBody(s span) bool {
	for i := s.from; i < s.to && i < len(ts.toks); i++ {
		switch ts.toks[i].text {
		case "return", ";", "Promise", ".", "resolve", "(", ")", "async", "await", "null", "undefined":
		default:
			return false
		}
	}
	return true
}

// reversible is the migration's Reversible: yes when down does
// something, no when it is missing or empty.
func (ts *tokens) reversible(down span, hasDown bool) string {
	if hasDown && !ts.emptyBody(down) {
		return "yes"
	}
	return "no"
}

func inSpan(s span, ok bool, i int) bool { return ok && i >= s.from && i < s.to }

// source returns the file's text with comments blanked.
func source(f scan.File) []byte { return f.Source() }

// camel lower-cases the first letter ("User" → user).
func camel(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+32) + s[1:]
}
