package reports

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var ansiCode = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// visibleWidth is the number of columns s takes on a terminal: its runes,
// leaving out colour codes.
func visibleWidth(s string) int {
	return utf8.RuneCountInString(ansiCode.ReplaceAllString(s, ""))
}

// Wrap breaks text into lines of at most width columns, at spaces only:
// a word is never split, so a word longer than the line stands alone on
// its own (over-long) line. The first line starts with first, the others
// with hang. width <= 0 means one line, unwrapped.
func Wrap(text string, width int, first, hang string) []string {
	if width <= 0 {
		return []string{first + text}
	}
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{strings.TrimRight(first, " ")}
	}
	var lines []string
	line, n := first, visibleWidth(first)
	empty := true
	for _, w := range words {
		ww := visibleWidth(w)
		if !empty && n+1+ww > width {
			lines = append(lines, line)
			line, n, empty = hang, visibleWidth(hang), true
		}
		if !empty {
			line += " "
			n++
		}
		line += w
		n += ww
		empty = false
	}
	return append(lines, line)
}

// clip keeps at most max lines; when it drops some, the last line kept
// ends in "…" after a whole word, within width.
func clip(lines []string, max, width int) []string {
	if len(lines) <= max {
		return lines
	}
	if max <= 0 {
		return nil
	}
	out := append([]string(nil), lines[:max]...)
	last := out[max-1]
	for width > 0 && visibleWidth(last)+2 > width {
		i := strings.LastIndexByte(last, ' ')
		if i <= 0 {
			break
		}
		last = last[:i]
	}
	out[max-1] = last + " …"
	return out
}
