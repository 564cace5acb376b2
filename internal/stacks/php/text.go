package php

import (
	"bytes"
	"strings"
)

// Small readers of PHP source that has had its comments blanked: string
// literals are intact, so every scanner here skips over them.

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func skipSpace(b []byte, i, to int) int {
	for i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// indexIn finds s in b[from:to], skipping string literals, or returns -1.
func indexIn(b []byte, from, to int, s string) int {
	if to > len(b) {
		to = len(b)
	}
	for i := from; i < to; i++ {
		c := b[i]
		if (c == '\'' || c == '"') && !strings.HasPrefix(s, string(c)) {
			i = skipString(b, i, to)
			continue
		}
		if c == s[0] && i+len(s) <= to && string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

// skipString returns the offset of the quote closing the string at i.
func skipString(b []byte, i, to int) int {
	q := b[i]
	for j := i + 1; j < to; j++ {
		if b[j] == '\\' {
			j++
			continue
		}
		if b[j] == q {
			return j
		}
	}
	return to
}

// matchPair returns the offset of the closer matching the opener at i.
func matchPair(b []byte, i, to int, open, closer byte) int {
	depth := 0
	for j := i; j < to; j++ {
		switch c := b[j]; c {
		case '\'', '"':
			j = skipString(b, j, to)
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

func matchParen(b []byte, i, to int) int { return matchPair(b, i, to, '(', ')') }
func matchBrace(b []byte, i, to int) int { return matchPair(b, i, to, '{', '}') }

// stringsIn lists the quoted literals of s in order.
func stringsIn(s string) []string {
	var out []string
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		if b[i] == '\'' || b[i] == '"' {
			end := skipString(b, i, len(b))
			if end > len(b)-1 {
				end = len(b)
				out = append(out, unquote(string(b[i+1:end])))
				break
			}
			out = append(out, unquote(string(b[i+1:end])))
			i = end
		}
	}
	return out
}

func unquote(s string) string {
	return strings.NewReplacer(`\'`, `'`, `\"`, `"`, `\\`, `\`).Replace(s)
}

// firstString is the first argument when it is a string literal.
func firstString(args string) (string, bool) {
	t := strings.TrimSpace(args)
	if t == "" || (t[0] != '\'' && t[0] != '"') {
		return "", false
	}
	ss := stringsIn(t)
	if len(ss) == 0 {
		return "", false
	}
	return ss[0], true
}

// firstArray is the text inside the first [...] of s.
func firstArray(s string) string {
	b := []byte(s)
	i := indexIn(b, 0, len(b), "[")
	if i < 0 {
		return ""
	}
	j := matchPair(b, i, len(b), '[', ']')
	if j < 0 {
		return s[i+1:]
	}
	return s[i+1 : j]
}

// optionValue is the raw value of 'key' => value in an array literal.
func optionValue(s, key string) string {
	b := []byte(s)
	for _, q := range []string{"'" + key + "'", `"` + key + `"`} {
		i := bytes.Index(b, []byte(q))
		if i < 0 {
			continue
		}
		j := bytes.Index(b[i:], []byte("=>"))
		if j < 0 {
			continue
		}
		v := skipSpace(b, i+j+2, len(b))
		if v < len(b) && b[v] == '[' {
			end := matchPair(b, v, len(b), '[', ']')
			if end < 0 {
				end = len(b) - 1
			}
			return string(b[v : end+1])
		}
		end := v
		for end < len(b) && b[end] != ',' && b[end] != ']' {
			if b[end] == '\'' || b[end] == '"' {
				end = skipString(b, end, len(b))
			}
			end++
		}
		if end > len(b) {
			end = len(b)
		}
		return string(b[v:end])
	}
	return ""
}

func optionString(s, key string) (string, bool) {
	return firstString(optionValue(s, key))
}

// optionArray is the list of 'key' => ['a', 'b'] or nil.
func optionArray(s, key string) []string {
	v := optionValue(s, key)
	if v == "" {
		return nil
	}
	return stringsIn(v)
}

// arrayKeys are the string keys of the first array literal in s:
// ['events' => EventController::class, 'venues' => ...].
func arrayKeys(s string) []string {
	arr := firstArray(s)
	var out []string
	b := []byte(arr)
	for i := 0; i < len(b); i++ {
		if b[i] == '\'' || b[i] == '"' {
			end := skipString(b, i, len(b))
			k := skipSpace(b, end+1, len(b))
			if k+1 < len(b) && b[k] == '=' && b[k+1] == '>' {
				out = append(out, string(b[i+1:end]))
			}
			i = end
		}
	}
	return out
}

// joinPath joins a prefix and a route path the way Laravel does.
func joinPath(prefix, p string) string {
	prefix = strings.Trim(prefix, "/")
	p = strings.Trim(p, "/")
	switch {
	case prefix == "" && p == "":
		return "/"
	case prefix == "":
		return "/" + p
	case p == "":
		return "/" + prefix
	}
	return "/" + prefix + "/" + p
}

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func lineAt(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	return bytes.Count(b[:off], []byte{'\n'}) + 1
}
