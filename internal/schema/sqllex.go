package schema

import (
	"bytes"
	"strings"
)

// tokKind is the kind of one SQL token.
type tokKind uint8

const (
	tIdent  tokKind = iota // a bare word: keyword or name
	tQuoted                // a quoted name: "x", `x`, [x]
	tString                // a string literal ('x', E'x', $$x$$)
	tNumber
	tPunct // one byte: ( ) , ; . and any other operator byte
)

// token is one SQL token: its text (a quoted name unquoted, a string's
// raw text), the 1-based line it starts on and its byte span.
type token struct {
	kind       tokKind
	text       string
	line       int
	start, end int
}

// is reports whether t is the bare keyword kw (upper-case).
func (t token) is(kw string) bool { return t.kind == tIdent && strings.EqualFold(t.text, kw) }

func (t token) punct(c byte) bool { return t.kind == tPunct && len(t.text) == 1 && t.text[0] == c }

// name reports whether t can name something (a bare word or a quoted name).
func (t token) name() bool { return t.kind == tIdent || t.kind == tQuoted }

// maxTokens bounds the tokens kept for one file: a 10 MB dump of INSERTs
// is not a schema, and a hostile file must not take the memory.
const maxTokens = 2_000_000

// lexSQL splits data into tokens, dropping comments. It is one pass over
// the bytes: every quote, comment and dollar-quoted body is closed by a
// forward search from where it opens, and the scan resumes after it.
// firstLine is the line number of data's first byte.
func lexSQL(data []byte, firstLine int) []token {
	toks := make([]token, 0, len(data)/6+1)
	line := firstLine
	i := 0
	n := len(data)
	// advance moves i to j counting the newlines passed.
	advance := func(j int) {
		if j > n {
			j = n
		}
		line += bytes.Count(data[i:j], []byte{'\n'})
		i = j
	}
	for i < n && len(toks) < maxTokens {
		c := data[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < n && data[i+1] == '-', c == '#':
			// '#' starts a comment in MySQL; PostgreSQL's # operator does
			// not occur in the DDL read here.
			j := bytes.IndexByte(data[i:], '\n')
			if j < 0 {
				j = n - i
			}
			i += j
		case c == '/' && i+1 < n && data[i+1] == '*':
			j := bytes.Index(data[i+2:], []byte("*/"))
			if j < 0 {
				advance(n)
			} else {
				advance(i + 2 + j + 2)
			}
		case c == '\'' || ((c == 'E' || c == 'e' || c == 'N' || c == 'n') && i+1 < n && data[i+1] == '\''):
			start, startLine := i, line
			if c != '\'' {
				i++
			}
			j, _ := closeQuote(data, i+1, '\'', true)
			advance(j)
			toks = append(toks, token{kind: tString, text: string(data[start:i]), line: startLine, start: start, end: i})
		case c == '"' || c == '`':
			start, startLine := i, line
			j, closed := closeQuote(data, i+1, c, false)
			advance(j)
			body := data[start+1 : j]
			if closed {
				body = data[start+1 : j-1]
			}
			q := string(c)
			toks = append(toks, token{kind: tQuoted, text: strings.ReplaceAll(string(body), q+q, q), line: startLine, start: start, end: i})
		case c == '[':
			// SQL Server's [name]; PostgreSQL's int[] and x[1] stay
			// punctuation. The search is bounded so a line of '[' is linear.
			if end := bracketName(data, i); end > 0 {
				toks = append(toks, token{kind: tQuoted, text: string(data[i+1 : end]), line: line, start: i, end: end + 1})
				i = end + 1
			} else {
				toks = append(toks, token{kind: tPunct, text: "[", line: line, start: i, end: i + 1})
				i++
			}
		case c == '$' && i+1 < n && (data[i+1] == '$' || isIdentStart(data[i+1])):
			// A dollar-quoted body ($$...$$, $fn$...$fn$): a function's
			// code, kept as one string. $1 (a parameter) is not one.
			k := i + 1
			for k < n && data[k] != '$' && isIdentByte(data[k]) {
				k++
			}
			if k >= n || data[k] != '$' {
				toks = append(toks, token{kind: tPunct, text: "$", line: line, start: i, end: i + 1})
				i++
				continue
			}
			tag := data[i : k+1]
			start, startLine := i, line
			j := bytes.Index(data[k+1:], tag)
			if j < 0 {
				advance(n)
			} else {
				advance(k + 1 + j + len(tag))
			}
			toks = append(toks, token{kind: tString, text: "$$", line: startLine, start: start, end: i})
		case isIdentStart(c):
			start := i
			for i < n && isIdentByte(data[i]) {
				i++
			}
			toks = append(toks, token{kind: tIdent, text: string(data[start:i]), line: line, start: start, end: i})
		case c >= '0' && c <= '9':
			start := i
			for i < n && (data[i] >= '0' && data[i] <= '9' || data[i] == '.' || data[i] == 'e' || data[i] == 'E') {
				i++
			}
			toks = append(toks, token{kind: tNumber, text: string(data[start:i]), line: line, start: start, end: i})
		default:
			toks = append(toks, token{kind: tPunct, text: string(c), line: line, start: i, end: i + 1})
			i++
		}
	}
	return toks
}

// closeQuote returns the index just past the quote q closing a literal
// whose body starts at i; a doubled quote is an escaped one, and, in
// string literals, so is a backslashed one (MySQL's default). An
// unclosed literal runs to the end.
func closeQuote(data []byte, i int, q byte, backslash bool) (end int, closed bool) {
	for i < len(data) {
		switch data[i] {
		case '\\':
			if backslash {
				i += 2
				continue
			}
		case q:
			if i+1 < len(data) && data[i+1] == q {
				i += 2
				continue
			}
			return i + 1, true
		}
		i++
	}
	return len(data), false
}

// bracketName returns the index of the ']' closing a SQL Server name
// opened at i, or -1 when the bracket is not one (an array's [] or [1]).
func bracketName(data []byte, i int) int {
	if i+1 >= len(data) || !(isIdentStart(data[i+1]) || data[i+1] == ' ') {
		return -1
	}
	for j := i + 1; j < len(data) && j < i+130; j++ {
		switch data[j] {
		case ']':
			return j
		case '\n', '[', ',', '(', ')', '\'', ';':
			return -1
		}
	}
	return -1
}

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isIdentByte(c byte) bool { return isIdentStart(c) || '0' <= c && c <= '9' || c == '$' }
