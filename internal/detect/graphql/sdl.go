package graphql

import (
	"bytes"
	"strings"
)

// token is one lexical token of GraphQL SDL: a name, a punctuator or a
// string (kind 's'); comments and commas are dropped.
type token struct {
	kind byte // 'n' name, 's' string, or the punctuator itself
	text string
	off  int
}

// lexSDL splits SDL into tokens. It never fails: unknown bytes are skipped
// and an unterminated string ends the input.
func lexSDL(data []byte) []token {
	var toks []token
	n := len(data)
	for i := 0; i < n; {
		c := data[i]
		switch {
		case c == '#':
			for i < n && data[i] != '\n' {
				i++
			}
		case c == '"':
			start := i
			if bytes.HasPrefix(data[i:], []byte(`"""`)) {
				end := bytes.Index(data[i+3:], []byte(`"""`))
				if end < 0 {
					return toks
				}
				i += 3 + end + 3
			} else {
				i++
				for i < n && data[i] != '"' && data[i] != '\n' {
					if data[i] == '\\' {
						i++
					}
					i++
				}
				i++
			}
			toks = append(toks, token{kind: 's', off: start})
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			start := i
			for i < n && (data[i] == '_' || data[i] >= 'a' && data[i] <= 'z' || data[i] >= 'A' && data[i] <= 'Z' || data[i] >= '0' && data[i] <= '9') {
				i++
			}
			toks = append(toks, token{kind: 'n', text: string(data[start:i]), off: start})
		case strings.IndexByte("{}():@=&|![]", c) >= 0:
			toks = append(toks, token{kind: c, off: i})
			i++
		default:
			i++
		}
	}
	return toks
}

// sdl is what one SDL text defines.
type sdl struct {
	// roots maps an operation kind (query, mutation) to its root type name
	// when a schema { } block renames it.
	roots map[string]string
	// fields maps a type name to its fields, in order, with whether each
	// has a description, for every type and type extension.
	fields map[string][]sdlField
	// typeOff is the offset of each type's first definition.
	typeOff map[string]int
	// objects are the object types defined (type X, not extend type X).
	objects []string
}

type sdlField struct {
	name      string
	described bool
}

// parseSDL reads the type definitions of an SDL text. Client documents
// (query GetUser { ... }) define no types and yield an empty result.
func parseSDL(data []byte) *sdl {
	s := &sdl{roots: map[string]string{}, fields: map[string][]sdlField{}, typeOff: map[string]int{}}
	toks := lexSDL(data)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.kind == 'n' && t.text == "schema" && i+1 < len(toks) && toks[i+1].kind == '{':
			end := closing(toks, i+1)
			for j := i + 2; j+2 < end; j++ {
				if toks[j].kind == 'n' && toks[j+1].kind == ':' && toks[j+2].kind == 'n' {
					s.roots[toks[j].text] = toks[j+2].text
				}
			}
			i = end
		case t.kind == 'n' && t.text == "type" && i+1 < len(toks) && toks[i+1].kind == 'n':
			extend := i > 0 && toks[i-1].kind == 'n' && toks[i-1].text == "extend"
			name := toks[i+1]
			open := typeBody(toks, i+2)
			if open < 0 {
				continue
			}
			if _, seen := s.typeOff[name.text]; !seen {
				s.typeOff[name.text] = name.off
			}
			if !extend {
				s.objects = append(s.objects, name.text)
			}
			end := closing(toks, open)
			s.fields[name.text] = append(s.fields[name.text], bodyFields(toks[open+1:min(end, len(toks))])...)
			i = end
		case t.kind == '{':
			// Any other block (input, enum, interface, a client operation).
			i = closing(toks, i)
		}
	}
	return s
}

// typeBody returns the index of the { that opens a type's field list,
// skipping implements clauses and directives, or -1 when what follows the
// name is not a type definition (Go's "type Query struct {", TypeScript's
// "type Query = {").
func typeBody(toks []token, i int) int {
	impl := false
	for ; i < len(toks); i++ {
		switch t := toks[i]; {
		case t.kind == '{':
			return i
		case t.kind == 'n' && t.text == "implements":
			impl = true
		case t.kind == '&', t.kind == 'n' && impl:
		case t.kind == '@' && i+1 < len(toks) && toks[i+1].kind == 'n':
			i++
			if i+1 < len(toks) && toks[i+1].kind == '(' {
				i = closing(toks, i+1)
			}
		default:
			return -1
		}
	}
	return -1
}

// closing returns the index of the token closing the bracket at open, or
// len(toks) when it is never closed.
func closing(toks []token, open int) int {
	o := toks[open].kind
	c := map[byte]byte{'{': '}', '(': ')', '[': ']'}[o]
	depth := 0
	for i := open; i < len(toks); i++ {
		switch toks[i].kind {
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(toks)
}

// bodyFields lists the fields of a type body: names outside argument lists,
// not directive names, followed by an argument list or a colon.
func bodyFields(body []token) []sdlField {
	var out []sdlField
	depth := 0
	for i, t := range body {
		switch t.kind {
		case '(', '{', '[':
			depth++
		case ')', '}', ']':
			depth--
		case 'n':
			if depth != 0 || i+1 >= len(body) || (body[i+1].kind != '(' && body[i+1].kind != ':') {
				continue
			}
			if i > 0 && body[i-1].kind == '@' {
				continue
			}
			out = append(out, sdlField{name: t.text, described: i > 0 && body[i-1].kind == 's'})
		}
	}
	return out
}

// root returns the type name of an operation kind ("query" → "Query").
func (s *sdl) root(kind string) string {
	if r := s.roots[kind]; r != "" {
		return r
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}

// embeddedSDL returns the string literals of source code that may hold SDL
// (template literals, Go raw strings, triple-quoted strings), with their
// offsets, for files that build the schema from a string (Apollo's gql tag,
// ariadne's gql("""..."""), graph-gophers' MustParseSchema).
func embeddedSDL(src []byte) (chunks [][]byte, offs []int) {
	for _, delim := range [][]byte{[]byte("`"), []byte(`"""`)} {
		for i := 0; i < len(src); {
			start := bytes.Index(src[i:], delim)
			if start < 0 {
				break
			}
			start += i + len(delim)
			end := bytes.Index(src[start:], delim)
			if end < 0 {
				break
			}
			chunk := src[start : start+end]
			if bytes.Contains(chunk, []byte("type ")) && bytes.IndexByte(chunk, '{') >= 0 {
				chunks = append(chunks, chunk)
				offs = append(offs, start)
			}
			i = start + end + len(delim)
		}
	}
	return chunks, offs
}
