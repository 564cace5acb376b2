package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
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

// screenLines is the height the summary fits: a classic 80×24 terminal.
const screenLines = 24

// Render writes the report: a summary that fits one screen with the score
// on its first line, or with Verbose every check, its evidence and every
// fix. With Width set, every line is wrapped at spaces to that width.
func (t Text) Render(w io.Writer, sc *rules.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("write text report: no scorecard")
	}
	sc, err := terminalSafe(sc)
	if err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	var lines []string
	if t.Verbose {
		lines = t.verbose(sc)
	} else {
		lines = t.summary(sc)
	}
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.WriteString(strings.TrimRight(l, " "))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func (t Text) c(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + ansiReset
}

// wrap breaks one paragraph to the report's width.
func (t Text) wrap(text, first, hang string) []string { return Wrap(text, t.Width, first, hang) }

func gradeColor(score int) string {
	switch {
	case score < 50:
		return ansiRed
	case score < 80:
		return ansiYellow
	}
	return ansiGreen
}

// head is the top of both views: the score first, then what was audited,
// then the blockers; the summary names the must-haves not met, --verbose
// also what lifts each.
func (t Text) head(sc *rules.Scorecard) []string {
	gc := gradeColor(sc.Score)
	first := fmt.Sprintf("%s %s grade %s · %s", t.c(ansiBold, "vetfolio"),
		t.c(ansiBold+gc, fmt.Sprintf("%d/100", sc.Score)), t.c(ansiBold+gc, sc.GradeMark()), targetLine(sc))
	lines := t.wrap(first, "", "  ")
	var meta []string
	if sc.Facts != nil {
		if st := stackLine(sc.Facts.Stack); st != "" {
			meta = append(meta, st)
		}
	}
	meta = append(meta, "profile "+sc.Profile, fmt.Sprintf("rubric covered %d%%", int(sc.Coverage*100+0.5)))
	if d := auditDate(sc); d != "" {
		meta = append(meta, "audited "+d)
	}
	lines = append(lines, t.wrap(strings.Join(meta, " · "), "", "  ")...)
	var unmet []string
	for _, b := range blockers(sc) {
		if b.Kind == "gate" {
			unmet = append(unmet, strings.TrimPrefix(b.Title, mustHavePrefix))
			continue
		}
		text := b.Title
		if len(b.Evidence) > 0 {
			var at []string
			for _, e := range limit(b.Evidence, 3) {
				at = append(at, evidenceString(e))
			}
			if more := len(b.Evidence) - len(at); more > 0 {
				at = append(at, fmt.Sprintf("%d more", more))
			}
			text += ": " + strings.Join(at, ", ")
		}
		lines = append(lines, t.wrap(text, t.c(ansiBold+ansiRed, "BLOCKER")+" ", "  ")...)
	}
	switch line := sc.CapLine(); {
	case line != "" && !t.Verbose && sc.Cap != nil:
		lines = append(lines, t.wrap(capSummary(sc), t.c(ansiBold+ansiRed, "BLOCKER")+" ", "  ")...)
	case line != "":
		// The cap names the must-haves not met and what lifts each.
		lines = append(lines, t.wrap(line, t.c(ansiBold+ansiRed, "BLOCKER")+" ", "  ")...)
	case len(unmet) > 0:
		// One line for the must-haves, so the summary keeps its room.
		lines = append(lines, t.wrap(mustHavePrefix+strings.Join(unmet, ", "), t.c(ansiBold+ansiRed, "BLOCKER")+" ", "  ")...)
	}
	if note := rubricNote(sc); note != "" {
		lines = append(lines, t.wrap(t.c(ansiYellow, note), "", "  ")...)
	}
	return lines
}

// auditDate is the day of the audit, or "" when the scorecard has none.
func auditDate(sc *rules.Scorecard) string {
	if len(sc.AuditedAt) >= len("2006-01-02") {
		return sc.AuditedAt[:len("2006-01-02")]
	}
	return ""
}

// statusWord is a criterion's status in four letters, so columns line up.
func statusWord(status string) string {
	switch status {
	case rules.StatusPass:
		return "PASS"
	case rules.StatusPartial:
		return "PART"
	case rules.StatusFail:
		return "FAIL"
	}
	return "SKIP"
}

// cell is one criterion in the summary's grid: status, ID, score, and a
// bar of barWidth.
func (t Text) cell(cr rules.CriterionResult, barWidth int) string {
	score := fmt.Sprintf("%3d", cr.Score)
	if cr.Status == rules.StatusSkipped {
		score = "  -"
	}
	return fmt.Sprintf("%s %-10s %s %s", t.c(statusColor(cr.Status), statusWord(cr.Status)), cr.ID, score, t.bar(cr, barWidth))
}

// cellWidth is the columns a cell takes without its bar: 4 + 1 + 10 + 1 + 3 + 1.
const cellWidth = 20

// grid lays the criteria out in two columns, read downwards in rubric
// order, when two fit the width (with the bars shortened if need be).
func (t Text) grid(criteria []rules.CriterionResult) []string {
	bar, cols := 10, 2
	if t.Width > 0 {
		// Two cells, an indent of 2 and a gap of 4.
		bar = min(10, (t.Width-6)/2-cellWidth)
		if bar < 3 {
			bar, cols = 10, 1
		}
	}
	n := len(criteria)
	rows := (n + cols - 1) / cols
	var lines []string
	for r := range rows {
		line := "  " + t.cell(criteria[r], bar)
		if cols == 2 && r+rows < n {
			line += "    " + t.cell(criteria[r+rows], bar)
		}
		lines = append(lines, line)
	}
	return lines
}

// summary is the one-screen view.
func (t Text) summary(sc *rules.Scorecard) []string {
	lines := t.head(sc)
	lines = append(lines, "")
	lines = append(lines, t.grid(sc.Criteria)...)
	for _, cr := range sc.Criteria {
		if cr.Status == rules.StatusSkipped && len(cr.Checks) > 0 {
			lines = append(lines, t.wrap(t.c(ansiDim, cr.ID+" "+skippedReason(cr)), "  ", "    ")...)
		}
	}

	fixes := sortedFixes(sc)
	notes := t.notes(sc.Notes)
	// Fit the screen: drop the notes to one line, then show fewer fixes,
	// then give each fix's first step the lines that are left.
	fit := func(shown int, notes []string) ([]string, bool) {
		out := slices.Clone(lines)
		titles := make([][]string, shown)
		used := len(out) + len(notes)
		var next []string
		if len(fixes) > 0 {
			if line := nextGradeLine(sc); line != "" {
				next = clip(t.wrap(line, "  ", "    "), 1, t.Width)
			}
			used += 2 + len(next) // blank, heading, next grade
		}
		for i, fx := range fixes[:shown] {
			titles[i] = t.wrap(fmt.Sprintf("%s %s %s", t.c(ansiCyan, fmt.Sprintf("+%.1f", fx.Gain)), fx.Title, t.c(ansiDim, "("+fx.Check+")")),
				fmt.Sprintf("  %d. ", i+1), "     ")
			used += len(titles[i])
		}
		left := screenLines - used
		if left < 0 {
			return nil, false
		}
		if len(fixes) > 0 {
			heading := "Fixes that would raise the score most:"
			if shown < len(fixes) {
				heading = fmt.Sprintf("Top %d of %d fixes (--verbose shows all, with every step):", shown, len(fixes))
			}
			out = append(out, "", t.c(ansiBold, heading))
			out = append(out, next...)
		}
		seen := map[string]bool{}
		for i, fx := range fixes[:shown] {
			out = append(out, titles[i]...)
			steps := firstUnseen(fx.Steps, seen)
			if len(steps) == 0 || left == 0 {
				continue
			}
			seen[steps[0]] = true
			step := steps[0]
			if len(fx.Evidence) > 0 {
				step += " (at " + evidenceString(fx.Evidence[0]) + ")"
			}
			// Later fixes still get a line each: keep one per fix to come.
			room := min(2, max(1, left-(shown-1-i)))
			got := clip(t.wrap(step, "     - ", "       "), room, t.Width)
			out = append(out, got...)
			left -= len(got)
		}
		return append(out, notes...), true
	}
	for _, ns := range [][]string{notes, t.notesFolded(sc.Notes)} {
		for shown := min(len(fixes), topFixes); shown >= 1; shown-- {
			if out, ok := fit(shown, ns); ok {
				return out
			}
		}
		if len(fixes) == 0 {
			if out, ok := fit(0, ns); ok {
				return out
			}
		}
	}
	// Nothing fits (a very narrow terminal): the score is still first.
	out, _ := fit(0, t.notesFolded(sc.Notes))
	if out == nil {
		out = append(lines, t.notesFolded(sc.Notes)...)
	}
	return out
}

func (t Text) notes(notes []string) []string {
	var out []string
	for _, n := range notes {
		out = append(out, t.wrap(n, t.c(ansiDim, "note:")+" ", "  ")...)
	}
	return out
}

// notesFolded says how many notes there are, in one line.
func (t Text) notesFolded(notes []string) []string {
	switch len(notes) {
	case 0:
		return nil
	case 1:
		if l := t.notes(notes); len(l) == 1 {
			return l
		}
	}
	return []string{t.c(ansiDim, fmt.Sprintf("%d notes (--verbose shows them)", len(notes)))}
}

// verbose is every criterion with its checks and evidence, every fix with
// every step, every secret and note.
func (t Text) verbose(sc *rules.Scorecard) []string {
	lines := t.head(sc)
	lines = append(lines, "")
	for _, cr := range sc.Criteria {
		score := fmt.Sprintf("%3d", cr.Score)
		if cr.Status == rules.StatusSkipped {
			score = "  -"
		}
		lines = append(lines, fmt.Sprintf("  %s %-11s %-20s %s  %s", t.c(statusColor(cr.Status), fmt.Sprintf("%-7s", strings.ToUpper(cr.Status))),
			cr.ID, cr.Title, score, t.bar(cr, 10)))
		for _, k := range cr.Checks {
			mark := t.c(ansiGreen, "ok  ")
			switch {
			case k.Skipped:
				mark = t.c(ansiDim, "skip")
			case !k.Passed:
				mark = t.c(ansiRed, "FAIL")
			}
			lines = append(lines, t.wrap(k.ID+": "+k.Message, "      "+mark+" ", "           ")...)
			for _, e := range limit(k.Evidence, 3) {
				lines = append(lines, "           "+t.c(ansiDim, evidenceString(e)))
			}
		}
	}
	if fixes := sortedFixes(sc); len(fixes) > 0 {
		lines = append(lines, "", t.c(ansiBold, "Fixes that would raise the score most:"))
		if line := nextGradeLine(sc); line != "" {
			lines = append(lines, t.wrap(line, "  ", "    ")...)
		}
		for i, fx := range fixes {
			lines = append(lines, t.wrap(fmt.Sprintf("%s %s %s", t.c(ansiCyan, fmt.Sprintf("+%.1f", fx.Gain)), fx.Title, t.c(ansiDim, "("+fx.Check+")")),
				fmt.Sprintf("  %d. ", i+1), "       ")...)
			for _, s := range fx.Steps {
				lines = append(lines, t.wrap(s, "       - ", "         ")...)
			}
			for _, e := range fx.Evidence {
				lines = append(lines, "       at "+evidenceString(e))
			}
		}
	}
	if len(sc.Questions) > 0 {
		lines = append(lines, "", t.c(ansiBold, "Questions to prepare:"))
		for i, q := range sc.Questions {
			lines = append(lines, t.wrap(q.Question, fmt.Sprintf("  %d. ", i+1), "     ")...)
			if q.Note != "" {
				lines = append(lines, t.wrap(q.Note, "     - ", "       ")...)
			}
			for _, e := range limit(q.Evidence, 2) {
				lines = append(lines, "     at "+t.c(ansiDim, evidenceString(e)))
			}
		}
	}
	if sc.Facts != nil && len(sc.Facts.Secrets) > 0 {
		lines = append(lines, "", t.c(ansiBold+ansiRed, fmt.Sprintf("Committed secrets (%d, values redacted):", len(sc.Facts.Secrets))))
		for _, s := range sc.Facts.Secrets {
			lines = append(lines, t.wrap(fmt.Sprintf("%s:%d %s %s", s.Path, s.Line, s.Rule, t.c(ansiDim, s.Redacted)), "  ", "    ")...)
		}
	}
	return append(lines, t.notes(sc.Notes)...)
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
