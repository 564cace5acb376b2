package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode"

	"github.com/vetfolio/vetfolio/rules"
)

// Text renders the scorecard for a person: compact and coloured on a
// terminal, plain stable lines in a pipe.
type Text struct {
	Options
}

// topFixes is how many fixes the summary shows; --verbose shows them all.
const topFixes = 5

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// Render writes the report.
func (t Text) Render(w io.Writer, sc *rules.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("write text report: no scorecard")
	}
	sc, err := terminalSafe(sc)
	if err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	facts := sc.Facts
	if facts == nil {
		facts = &rules.Facts{}
	}
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	c := func(code, s string) string {
		if !t.Color {
			return s
		}
		return code + s + ansiReset
	}

	p("%s %s\n", c(ansiBold, "vetfolio"), targetLine(sc))
	if st := facts.Stack; st.Language != "" || st.Framework != "" {
		p("stack: %s\n", stackLine(st))
	}
	gradeColor := ansiGreen
	switch {
	case sc.Score < 50:
		gradeColor = ansiRed
	case sc.Score < 80:
		gradeColor = ansiYellow
	}
	p("score: %s  grade %s  profile %s  rubric covered %d%%\n",
		c(ansiBold+gradeColor, fmt.Sprintf("%d/100", sc.Score)), c(ansiBold+gradeColor, sc.GradeMark()), sc.Profile,
		int(sc.Coverage*100+0.5))
	if line := sc.CapLine(); line != "" {
		p("%s\n", c(ansiYellow, line))
	}
	if note := rubricNote(sc); note != "" {
		p("%s\n", c(ansiYellow, note))
	}
	p("\n")

	for _, cr := range sc.Criteria {
		score := fmt.Sprintf("%3d", cr.Score)
		if cr.Status == rules.StatusSkipped {
			score = "  -"
		}
		p("  %s %-11s %-20s %s  %s\n", c(statusColor(cr.Status), fmt.Sprintf("%-7s", strings.ToUpper(cr.Status))),
			cr.ID, cr.Title, score, t.bar(cr, 10))
		if t.Verbose {
			for _, k := range cr.Checks {
				mark := c(ansiGreen, "ok  ")
				switch {
				case k.Skipped:
					mark = c(ansiDim, "skip")
				case !k.Passed:
					mark = c(ansiRed, "FAIL")
				}
				p("      %s %s: %s\n", mark, k.ID, k.Message)
				for _, e := range limit(k.Evidence, 3) {
					p("           %s\n", c(ansiDim, evidenceString(e)))
				}
			}
		} else if cr.Status == rules.StatusSkipped && len(cr.Checks) > 0 {
			p("      %s\n", c(ansiDim, skippedReason(cr)))
		}
	}

	if fixes := sortedFixes(sc); len(fixes) > 0 {
		p("\n%s\n", c(ansiBold, "Fixes that would raise the score most:"))
		if line := nextGradeLine(sc); line != "" {
			p("  %s\n", line)
		}
		n := len(fixes)
		if !t.Verbose {
			n = min(n, topFixes)
		}
		shown := map[string]bool{}
		for i, fx := range fixes[:n] {
			p("  %d. %s %s %s\n", i+1, c(ansiCyan, fmt.Sprintf("+%.1f", fx.Gain)), fx.Title, c(ansiDim, "("+fx.Check+")"))
			// The summary keeps each fix to one step and one place so the
			// whole report fits one screen; --verbose shows everything. The
			// step is the first one not already shown for an earlier fix
			// (two deployment checks share their first step).
			steps, evidence := fx.Steps, fx.Evidence
			if !t.Verbose {
				steps, evidence = limit(firstUnseen(steps, shown), 1), limit(evidence, 1)
			}
			for _, s := range steps {
				shown[s] = true
				p("       - %s\n", s)
			}
			if more := len(fx.Steps) - len(steps); more > 0 {
				noun := "steps"
				if more == 1 {
					noun = "step"
				}
				p("       %s\n", c(ansiDim, fmt.Sprintf("(+%d more %s: vetfolio rules explain %s)", more, noun, fx.Check)))
			}
			for i, e := range evidence {
				more := ""
				if i == len(evidence)-1 && len(evidence) < len(fx.Evidence) {
					more = c(ansiDim, fmt.Sprintf(" and %d more", len(fx.Evidence)-len(evidence)))
				}
				p("       at %s%s\n", evidenceString(e), more)
			}
		}
		if n < len(fixes) {
			p("  ... %d more (--verbose shows all)\n", len(fixes)-n)
		}
	}
	if len(facts.Secrets) > 0 {
		p("\n%s\n", c(ansiBold+ansiRed, fmt.Sprintf("Committed secrets (%d, values redacted):", len(facts.Secrets))))
		shown := 5
		if t.Verbose {
			shown = len(facts.Secrets)
		}
		for _, s := range limit(facts.Secrets, shown) {
			p("  %s:%d %s %s\n", s.Path, s.Line, s.Rule, c(ansiDim, s.Redacted))
		}
		if len(facts.Secrets) > shown {
			p("  ... %d more (--verbose shows all)\n", len(facts.Secrets)-shown)
		}
	}
	for _, n := range sc.Notes {
		p("note: %s\n", n)
	}
	return bw.Flush()
}

func targetLine(sc *rules.Scorecard) string {
	t := sc.Target
	name := t.Path
	if t.Repo != "" {
		name = t.Repo
	}
	if t.Label != "" {
		name = t.Label + " (" + name + ")"
	}
	s := name + " (" + t.Kind
	if t.Commit != "" {
		s += ", commit " + shortSHA(t.Commit)
	}
	s += ")"
	if t.URL != "" {
		s += " " + t.URL
	}
	return s
}

func stackLine(st rules.Stack) string {
	parts := []string{}
	if st.Language != "" {
		parts = append(parts, st.Language)
	}
	if st.Framework != "" {
		parts = append(parts, st.Framework)
	}
	return strings.Join(parts, " / ")
}

func shortSHA(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

func statusColor(status string) string {
	switch status {
	case rules.StatusPass:
		return ansiGreen
	case rules.StatusPartial:
		return ansiYellow
	case rules.StatusFail:
		return ansiRed
	}
	return ansiDim
}

// bar draws a criterion's score: block characters in its status colour on
// a terminal, plain ASCII in a pipe so the output stays stable and greppable.
func (t Text) bar(cr rules.CriterionResult, width int) string {
	full, empty := "#", "."
	if t.Color {
		full, empty = "█", "░"
	}
	if cr.Status == rules.StatusSkipped {
		if t.Color {
			return ansiDim + strings.Repeat(empty, width) + ansiReset
		}
		return strings.Repeat(empty, width)
	}
	// Clamped: a scorecard read back from JSON or built by another program
	// may hold a score outside 0..100, and a negative repeat count panics.
	filled := min(max((cr.Score*width+50)/100, 0), width)
	if !t.Color {
		return strings.Repeat(full, filled) + strings.Repeat(empty, width-filled)
	}
	return statusColor(cr.Status) + strings.Repeat(full, filled) + ansiDim + strings.Repeat(empty, width-filled) + ansiReset
}

func skippedReason(cr rules.CriterionResult) string {
	for _, k := range cr.Checks {
		if k.Skipped && k.Message != "" {
			return "skipped: " + k.Message
		}
	}
	return "skipped"
}

func evidenceString(e rules.Location) string {
	switch {
	case e.URL != "":
		return e.URL
	case e.Line > 0:
		return fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	return e.Path
}

func limit[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// terminalSafe returns a copy of sc whose strings hold no control
// characters. File names, messages and notes come from the audited
// repository, and an escape sequence in one of them would reach the
// reader's terminal (to recolour, retitle or hide lines); the report's own
// colours are added after this.
func terminalSafe(sc *rules.Scorecard) (*rules.Scorecard, error) {
	data, err := json.Marshal(sc)
	if err != nil {
		return nil, err
	}
	var out rules.Scorecard
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	scrubStrings(reflect.ValueOf(&out).Elem())
	return &out, nil
}

// scrubStrings replaces control characters (other than tab) in every string
// reachable from v with U+FFFD.
func scrubStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(strings.Map(func(r rune) rune {
				if r != '\t' && (unicode.IsControl(r) || r == 0x7f) {
					return '\uFFFD'
				}
				return r
			}, v.String()))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			scrubStrings(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scrubStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			scrubStrings(v.Index(i))
		}
	case reflect.Map:
		// Map values are not addressable; the report's maps hold numbers.
	}
}

// firstUnseen returns steps starting at the first one not in shown (all of
// them when every step was shown already).
func firstUnseen(steps []string, shown map[string]bool) []string {
	for i, s := range steps {
		if !shown[s] {
			return steps[i:]
		}
	}
	return steps
}
