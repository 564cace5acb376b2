package scan

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// Path patterns end at the end of the text (`\.py$`, `(?:^|/)models(?:\.py|
// /[^/]+\.py)$`), and a file's path is tried against a few dozen of them:
// the schema readers, migration tools, deploy names. Most paths end with
// none of the few strings such a match can end with, and asking that is a
// suffix test, where Go's backtracker tries every position of the path
// first.

// maxTails bounds the endings kept for a pattern: past it, asking them
// costs more than it saves.
const maxTails = 16

// textTails returns strings one of which every match of re ends with,
// when every match of re ends at the end of the text; ok is false when
// there is no such set (the pattern may end elsewhere, or with anything).
// A string starting with foldMark is matched without regard to ASCII case.
func textTails(re *syntax.Regexp) (tails []string, ok bool) {
	switch re.Op {
	case syntax.OpCapture:
		return textTails(re.Sub[0])
	case syntax.OpAlternate:
		return unionTails(re.Sub, textTails)
	case syntax.OpConcat:
		n := len(re.Sub)
		if n < 2 || re.Sub[n-1].Op != syntax.OpEndText {
			return nil, false
		}
		return endTails(re.Sub[n-2])
	}
	return nil, false
}

// endTails returns strings one of which every match of re ends with; ok is
// false when there is no such set.
func endTails(re *syntax.Regexp) (tails []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return []string{string(re.Rune)}, true
		}
		return foldTail(re.Rune)
	case syntax.OpCharClass:
		// Ranges in pairs, case folding already applied by the parser.
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(tails) == maxTails || !utf8.ValidRune(r) {
					return nil, false
				}
				tails = append(tails, string(r))
			}
		}
		return tails, len(tails) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return endTails(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return endTails(re.Sub[0])
		}
	case syntax.OpConcat:
		if len(re.Sub) > 0 {
			return endTails(re.Sub[len(re.Sub)-1])
		}
	case syntax.OpAlternate:
		return unionTails(re.Sub, endTails)
	}
	return nil, false
}

// foldTail is the ending of a case-insensitive literal: its part after the
// last k or s, which Go's (?i) also matches with a rune beyond ASCII (see
// kelvinSign), lower-cased and marked with foldMark.
func foldTail(lit []rune) ([]string, bool) {
	lower := strings.ToLower(string(lit))
	for _, r := range lower {
		if r >= utf8.RuneSelf {
			return nil, false
		}
	}
	tail := lower[strings.LastIndexAny(lower, "ks")+1:]
	if tail == "" {
		return nil, false
	}
	return []string{string([]byte{foldMark}) + tail}, true
}

// unionTails is the union of each of subs' tails, as given by of.
func unionTails(subs []*syntax.Regexp, of func(*syntax.Regexp) ([]string, bool)) ([]string, bool) {
	var tails []string
	for _, sub := range subs {
		t, ok := of(sub)
		if !ok {
			return nil, false
		}
		for _, s := range t {
			if !slices.Contains(tails, s) {
				tails = append(tails, s)
			}
		}
		if len(tails) > maxTails {
			return nil, false
		}
	}
	return tails, len(tails) > 0
}

// endsWithOne reports whether s ends with one of tails.
func endsWithOne(s string, tails []string) bool {
	for _, t := range tails {
		if t[0] != foldMark {
			if strings.HasSuffix(s, t) {
				return true
			}
			continue
		}
		t = t[1:]
		if len(s) >= len(t) && asciiEqualFold(s[len(s)-len(t):], t) {
			return true
		}
	}
	return false
}

// asciiEqualFold reports whether s equals lower (lower-case ASCII) in
// ASCII case; a byte beyond ASCII equals nothing in lower.
func asciiEqualFold(s, lower string) bool {
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
