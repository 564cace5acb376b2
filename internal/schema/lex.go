package schema

import (
	"bytes"
	"sort"
	"strings"
)

// TokKind is the kind of a Token.
type TokKind uint8

// Token kinds. The lexer is shared by the readers of builder-style
// migrations (Rails, Laravel, EF Core) and annotated models (JPA): each
// reads calls and their arguments, never expressions.
const (
	// Ident is a name (Ruby's may end in ? or !; PHP's start with $).
	Ident TokKind = iota
	// String is a string literal; Text is its content without quotes,
	// escapes left as written.
	String
	// Symbol is a Ruby symbol (:users); Text is the name.
	Symbol
	// Number is a numeric literal.
	Number
	// Punct is an operator or bracket: one character, or ->, =>, ::, ?->.
	Punct
	// Newline ends a line (Ruby only, where it ends a statement).
	Newline
)

// Token is one lexical token.
type Token struct {
	Kind TokKind
	Text string
	// Off is the byte offset of the token in the source.
	Off int
}

// Is reports whether t is the punctuation or identifier s.
func (t Token) Is(s string) bool { return (t.Kind == Punct || t.Kind == Ident) && t.Text == s }

// maxTokens caps what one file yields: far more than any migration or
// entity holds.
const maxTokens = 1 << 20

func identByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// Lex splits comment-blanked source (scan.File.Source) into tokens. lang is
// "ruby", "php", "csharp", "java" or "kotlin". It is linear in len(src)
// and never fails: an unclosed string runs to the end of its line.
func Lex(src []byte, lang string) []Token {
	ruby := lang == "ruby"
	var toks []Token
	n := len(src)
	for i := 0; i < n && len(toks) < maxTokens; {
		c := src[i]
		switch {
		case c == '\n':
			if ruby {
				toks = append(toks, Token{Newline, "\n", i})
			}
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '"' || c == '\'' || (c == '`' && lang != "php"):
			start := i
			if c == '"' && i+2 < n && src[i+1] == '"' && src[i+2] == '"' { // text block
				end := bytes.Index(src[i+3:], []byte(`"""`))
				if end < 0 {
					end = n - i - 3
				}
				toks = append(toks, Token{String, string(src[i+3 : i+3+end]), start})
				i = min(n, i+3+end+3)
				continue
			}
			j := i + 1
			verbatim := lang == "csharp" && start > 0 && src[start-1] == '@'
			for j < n && src[j] != c {
				if src[j] == '\\' && !verbatim {
					j++
				} else if src[j] == '\n' && !ruby && !verbatim {
					break
				}
				j++
			}
			end := min(j, n)
			toks = append(toks, Token{String, string(src[i+1 : end]), start})
			i = end + 1
		case ruby && c == ':' && i+1 < n && (identByte(src[i+1]) && !(src[i+1] >= '0' && src[i+1] <= '9')) && (i == 0 || !identByte(src[i-1]) && src[i-1] != ':'):
			j := i + 1
			for j < n && identByte(src[j]) {
				j++
			}
			if j < n && (src[j] == '?' || src[j] == '!') {
				j++
			}
			toks = append(toks, Token{Symbol, string(src[i+1 : j]), i})
			i = j
		case ruby && c == ':' && i+1 < n && (src[i+1] == '"' || src[i+1] == '\''): // :"name"
			i++
		case ruby && c == '%' && i+2 < n && (src[i+1] == 'i' || src[i+1] == 'w' || src[i+1] == 'I' || src[i+1] == 'W') && (src[i+2] == '[' || src[i+2] == '('):
			// %i[a b] is the array [:a, :b].
			closer := byte(']')
			if src[i+2] == '(' {
				closer = ')'
			}
			toks = append(toks, Token{Punct, "[", i})
			j := i + 3
			for j < n && src[j] != closer {
				if identByte(src[j]) {
					k := j
					for k < n && identByte(src[k]) {
						k++
					}
					toks = append(toks, Token{Symbol, string(src[j:k]), j})
					j = k
					continue
				}
				j++
			}
			toks = append(toks, Token{Punct, "]", min(j, n)})
			i = j + 1
		case identByte(c) || (c == '$' && lang == "php"):
			j := i + 1
			for j < n && identByte(src[j]) {
				j++
			}
			if ruby && j < n && (src[j] == '?' || src[j] == '!') && (j+1 >= n || src[j+1] != '=') {
				j++
			}
			kind := Ident
			if c >= '0' && c <= '9' {
				kind = Number
				for j < n && (src[j] == '.' && j+1 < n && src[j+1] >= '0' && src[j+1] <= '9' || identByte(src[j])) {
					j++
				}
			}
			toks = append(toks, Token{kind, string(src[i:j]), i})
			i = j
		default:
			w := 1
			for _, p := range []string{"?->", "->", "=>", "::"} {
				if strings.HasPrefix(string(src[i:min(n, i+3)]), p) {
					w = len(p)
					break
				}
			}
			toks = append(toks, Token{Punct, string(src[i : i+w]), i})
			i += w
		}
	}
	return toks
}

// Match returns, for each opening bracket token, the index of its closing
// bracket (len(toks) when unclosed); other entries are -1. A stray closer
// is ignored. Linear: one pass with a stack.
func Match(toks []Token) []int {
	m := make([]int, len(toks))
	var stack []int
	for i, t := range toks {
		m[i] = -1
		if t.Kind != Punct || len(t.Text) != 1 {
			continue
		}
		switch t.Text[0] {
		case '(', '[', '{':
			m[i] = len(toks)
			stack = append(stack, i)
		case ')', ']', '}':
			open := map[byte]string{')': "(", ']': "[", '}': "{"}[t.Text[0]]
			// Pop to the nearest opener of this kind, if any is open
			// within a few levels; otherwise the closer is stray.
			for k := len(stack) - 1; k >= 0 && k >= len(stack)-4; k-- {
				if toks[stack[k]].Text == open {
					m[stack[k]] = i
					stack = stack[:k]
					break
				}
			}
		}
	}
	return m
}

// Next returns the index after the token at i, skipping a bracketed group
// when toks[i] opens one.
func Next(m []int, i int) int {
	if i < len(m) && m[i] >= 0 {
		return m[i] + 1
	}
	return i + 1
}

// Arg is one argument of a call: Key for a named one (name: v, name = v,
// 'name' => v, :name => v), and the tokens of its value.
type Arg struct {
	Key string
	Val []Token
	// From is the index of the value's first token in the token list.
	From int
}

// Args splits toks[from:to] (the inside of a call's brackets) at its
// top-level commas.
func Args(toks []Token, m []int, from, to int) []Arg {
	var out []Arg
	to = min(to, len(toks))
	start := from
	flush := func(end int) {
		for start < end && toks[start].Kind == Newline { // Ruby arguments over lines
			start++
		}
		for end > start && toks[end-1].Kind == Newline {
			end--
		}
		if end <= start {
			return
		}
		a := Arg{Val: toks[start:end], From: start}
		if len(a.Val) >= 3 || (len(a.Val) == 2 && a.Val[1].Text != "=") {
			k, sep := a.Val[0], a.Val[1]
			if sep.Kind == Punct {
				switch {
				case sep.Text == ":" && (k.Kind == Ident || k.Kind == String),
					sep.Text == "=>" && (k.Kind == String || k.Kind == Symbol),
					sep.Text == "=" && k.Kind == Ident && !(len(a.Val) > 2 && a.Val[2].Text == "="):
					a.Key, a.Val, a.From = k.Text, a.Val[2:], start+2
				}
			}
		}
		out = append(out, a)
	}
	for i := from; i < to; {
		if toks[i].Kind == Punct && toks[i].Text == "," {
			flush(i)
			start = i + 1
			i++
			continue
		}
		i = Next(m, i)
	}
	flush(to)
	return out
}

// Named returns the value of the argument called key, or nil.
func Named(args []Arg, key string) *Arg {
	for i := range args {
		if args[i].Key == key {
			return &args[i]
		}
	}
	return nil
}

// Positional returns the positional (unnamed) arguments.
func Positional(args []Arg) []Arg {
	var out []Arg
	for _, a := range args {
		if a.Key == "" {
			out = append(out, a)
		}
	}
	return out
}

// Name returns the value when it is one string, symbol or identifier.
func (a Arg) Name() (string, bool) {
	if len(a.Val) == 1 && (a.Val[0].Kind == String || a.Val[0].Kind == Symbol || a.Val[0].Kind == Ident) {
		return a.Val[0].Text, true
	}
	return "", false
}

// Text returns the value's tokens as written, joined by spaces except
// around dots and brackets ("false", "0", "now()").
func (a Arg) Text() string {
	var b strings.Builder
	for i, t := range a.Val {
		if i > 0 && !strings.Contains(".()[]", t.Text) && !strings.Contains(".([", a.Val[i-1].Text) {
			b.WriteByte(' ')
		}
		if t.Kind == String {
			b.WriteString("'" + t.Text + "'")
			continue
		}
		if t.Kind == Symbol {
			b.WriteString(":")
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// Names returns the strings and symbols in the value ([:a, :b], %i[a b],
// new[] { "A", "B" }, or a single name).
func (a Arg) Names() []string {
	var out []string
	for _, t := range a.Val {
		if t.Kind == String || t.Kind == Symbol {
			out = append(out, t.Text)
		}
	}
	if len(out) == 0 {
		if s, ok := a.Name(); ok {
			out = append(out, s)
		}
	}
	return out
}

// Lines maps byte offsets to 1-based line numbers in O(log n).
type Lines []int

// NewLines indexes the newlines of src.
func NewLines(src []byte) Lines {
	var l Lines
	for i, c := range src {
		if c == '\n' {
			l = append(l, i)
		}
	}
	return l
}

// At returns the 1-based line of offset off.
func (l Lines) At(off int) int { return sort.SearchInts(l, off) + 1 }
