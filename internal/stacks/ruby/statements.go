package ruby

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// statement is one logical line of Ruby: continuation lines (an open
// bracket, a trailing comma, operator or backslash) joined, comments
// blanked.
type statement struct {
	text string
	line int // 1-based line where the statement starts
}

// statements splits Ruby source into logical lines. It is not a parser: it
// is enough for the declarative DSLs (routes, callbacks, associations) that
// Rails projects write one call a line.
func statements(src []byte) []statement {
	code := blankBlockComments(scan.Code(src, "ruby"))
	var out []statement
	var cur strings.Builder
	start, depth := 0, 0
	for i, raw := range bytes.Split(code, []byte("\n")) {
		line := strings.TrimSpace(string(raw))
		if line == "" && cur.Len() == 0 {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		} else {
			cur.WriteByte(' ')
		}
		cur.WriteString(line)
		depth += bracketDelta(line)
		if depth > 0 || continues(line) {
			continue
		}
		out = append(out, statement{text: cur.String(), line: start})
		cur.Reset()
		depth = 0
	}
	if cur.Len() > 0 {
		out = append(out, statement{text: cur.String(), line: start})
	}
	return out
}

// blankBlockComments blanks =begin/=end comment blocks, keeping newlines.
func blankBlockComments(code []byte) []byte {
	if !bytes.Contains(code, []byte("=begin")) {
		return code
	}
	lines := bytes.Split(code, []byte("\n"))
	in := false
	for i, l := range lines {
		switch {
		case !in && bytes.HasPrefix(l, []byte("=begin")):
			in = true
		case in && bytes.HasPrefix(l, []byte("=end")):
			in = false
		default:
			if !in {
				continue
			}
		}
		lines[i] = bytes.Repeat([]byte(" "), len(l))
	}
	return bytes.Join(lines, []byte("\n"))
}

// bracketDelta counts opening minus closing brackets outside strings.
func bracketDelta(line string) int {
	d := 0
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[' || c == '{':
			d++
		case c == ')' || c == ']' || c == '}':
			d--
		}
	}
	return d
}

// continues reports whether a line ends in the middle of an expression.
func continues(line string) bool {
	if line == "" {
		return false
	}
	switch line[len(line)-1] {
	case ',', '\\', '+', '|', '&':
		return !strings.HasSuffix(line, "do |") // "do |x|" ends with '|' and opens a block
	}
	return strings.HasSuffix(line, "=>") || strings.HasSuffix(line, " and") || strings.HasSuffix(line, " or")
}

// opensBlock reports whether a statement opens a do…end block.
var opensBlockRe = scan.MustCompile(`\bdo(?:\s*\|[^|]*\|)?\s*$`)

func opensBlock(s string) bool { return opensBlockRe.MatchString(s) }

// symbolOrString matches :name, "name" or 'name' and captures the name.
var symbolOrStringRe = scan.MustCompile(`^\s*(?::"?([\w/.\-]+[!?]?)"?|"([^"]*)"|'([^']*)')`)

// leadingNames returns the symbols or strings a call starts with, up to the
// first option (key: value) or block.
func leadingNames(args string) []string {
	var names []string
	rest := args
	for {
		m := symbolOrStringRe.FindStringSubmatch(rest)
		if m == nil {
			return names
		}
		after := rest[len(m[0]):]
		// A symbol followed by ':' is not possible; a string followed by ':'
		// is a hash key ("path": ...) — stop there.
		if strings.HasPrefix(after, ":") && !strings.HasPrefix(after, "::") {
			return names
		}
		names = append(names, m[1]+m[2]+m[3])
		rest = strings.TrimSpace(after)
		if !strings.HasPrefix(rest, ",") {
			return names
		}
		rest = rest[1:]
	}
}

// option returns the raw value of the hash option key in args (key: value
// or :key => value), up to the next top-level comma.
func option(args, key string) (string, bool) {
	re := optionRe(key)
	loc := re.FindStringIndex(args)
	if loc == nil {
		return "", false
	}
	rest := args[loc[1]:]
	depth := 0
	var quote byte
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				return strings.TrimSpace(rest[:i]), true
			}
			depth--
		case c == ',' && depth == 0:
			return strings.TrimSpace(rest[:i]), true
		}
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), " do")), true
}

// optionRes holds the option patterns of the keys the DSL readers ask for,
// compiled once; the map is only read after init, so it is safe to share.
var optionRes = func() map[string]*scan.Regexp {
	m := map[string]*scan.Regexp{}
	for _, k := range []string{"only", "except", "to", "path", "param", "controller", "module", "on", "via",
		"as", "controllers", "path_names", "sign_in", "sign_out", "registration", "if", "unless"} {
		m[k] = compileOption(k)
	}
	return m
}()

func compileOption(key string) *scan.Regexp {
	return scan.MustCompile(`(?:^|[\s,({])(?:` + regexp.QuoteMeta(key) + `:|:` + regexp.QuoteMeta(key) + `\s*=>)\s*`)
}

func optionRe(key string) *scan.Regexp {
	if re, ok := optionRes[key]; ok {
		return re
	}
	return compileOption(key)
}

var listItemRe = scan.MustCompile(`[\w!?]+`)

// nameList reads a symbol, a string or a list of them: :index,
// [:index, :show], %i[index show], %w(index show), "index".
func nameList(v string) []string {
	v = strings.TrimSpace(v)
	v = strings.TrimPrefix(strings.TrimPrefix(v, "%i"), "%w")
	v = strings.Trim(v, "[]()")
	var out []string
	for _, m := range listItemRe.FindAllString(v, -1) {
		out = append(out, m)
	}
	return out
}

// unquote returns the name in a symbol or string value.
func unquote(v string) string {
	v = strings.TrimSpace(v)
	if m := symbolOrStringRe.FindStringSubmatch(v); m != nil {
		return m[1] + m[2] + m[3]
	}
	return v
}
