package scan

// Code returns data with comments blanked out (replaced by spaces, newlines
// kept) so that offsets and line numbers still match the original, and a
// word like "jwt" in a comment is not mistaken for code. String literals are
// kept. lang is a value of SourceExts; unknown languages are returned as is.
//
// When there is no comment to blank (or lang is unknown) the result is
// data itself, not a copy: callers must not write into it (the collector
// hands it to every detector, and recognises it by its address).
func Code(data []byte, lang string) []byte {
	var hash, slashes, python bool
	switch lang {
	case "python":
		hash, python = true, true
	case "ruby", "elixir":
		hash = true
	case "java", "kotlin", "javascript", "typescript", "go", "csharp", "rust", "scala":
		slashes = true
	case "php":
		hash, slashes = true, true
	default:
		return data
	}
	// out is data until the first comment: most files have none, and the
	// copy (then an index of its own for a buffer equal to data) was a
	// cost paid for every source file.
	out, copied := data, false
	blank := func(from, to int) { // from < to: a comment has its marker
		if !copied {
			out, copied = make([]byte, len(data)), true
			copy(out, data)
		}
		for i := from; i < to && i < len(out); i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	n := len(data)
	for i := 0; i < n; i++ {
		c := data[i]
		switch {
		case c == '"' || c == '\'' || (c == '`' && (slashes || lang == "javascript" || lang == "typescript")):
			// Python triple-quoted strings may span lines.
			if python && i+2 < n && data[i+1] == c && data[i+2] == c {
				end := indexFrom(data, i+3, []byte{c, c, c})
				if end < 0 {
					return out
				}
				i = end + 2
				continue
			}
			if c == '\'' && (lang == "rust" || lang == "java" || lang == "go" || lang == "csharp" || lang == "kotlin" || lang == "scala") {
				// Character literals: skip 'x' or '\x' quickly; lifetimes in
				// Rust have no closing quote and are left alone.
				if i+2 < n && data[i+2] == '\'' {
					i += 2
				} else if i+3 < n && data[i+1] == '\\' && data[i+3] == '\'' {
					i += 3
				}
				continue
			}
			j := i + 1
			for j < n && data[j] != c {
				if data[j] == '\\' {
					j++
				} else if data[j] == '\n' && c != '`' {
					break
				}
				j++
			}
			i = j
		case hash && c == '#':
			if lang == "php" && i+1 < n && data[i+1] == '[' { // PHP 8 attributes
				continue
			}
			j := i
			for j < n && data[j] != '\n' {
				j++
			}
			blank(i, j)
			i = j
		case slashes && c == '/' && i+1 < n && data[i+1] == '/':
			j := i
			for j < n && data[j] != '\n' {
				j++
			}
			blank(i, j)
			i = j
		case slashes && c == '/' && i+1 < n && data[i+1] == '*':
			end := indexFrom(data, i+2, []byte("*/"))
			if end < 0 {
				blank(i, n)
				return out
			}
			blank(i, end+2)
			i = end + 1
		}
	}
	return out
}

func indexFrom(data []byte, from int, sep []byte) int {
	for i := from; i+len(sep) <= len(data); i++ {
		match := true
		for k := range sep {
			if data[i+k] != sep[k] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
