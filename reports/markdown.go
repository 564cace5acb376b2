package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// Markdown renders the scorecard for a pull-request comment, a job
// summary or a mentor's review: the score, a table of criteria, the top
// fixes as a checklist with evidence links (path#Lnn), and every check
// folded in <details>.
type Markdown struct {
	Options
}

// statusIcon marks a criterion's status in Markdown and HTML.
var statusIcon = map[string]string{
	rules.StatusPass:    "✅",
	rules.StatusPartial: "⚠️",
	rules.StatusFail:    "❌",
	rules.StatusSkipped: "⏭️",
}

// Render writes the report.
func (m Markdown) Render(w io.Writer, sc *rules.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("write markdown report: no scorecard")
	}
	// A Markdown report is read in terminals (cat, CI logs) as often as
	// rendered: the repository's escape sequences stay out, as in text.
	sc, err := terminalSafe(sc)
	if err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }

	p("## vetfolio: %d/100 (%s)\n\n", sc.Score, mdEscape(sc.GradeMark()))
	if line := sc.CapLine(); line != "" {
		p("> **Gates:** %s\n\n", mdEscape(line))
	}
	if note := rubricNote(sc); note != "" {
		p("> **Rubric:** %s\n\n", mdEscape(note))
	}
	var meta []string
	if name := targetName(sc); name != "" {
		meta = append(meta, "**Target** "+mdCode(name))
	}
	if sc.Target.Commit != "" {
		meta = append(meta, "commit "+mdCode(shortSHA(sc.Target.Commit)))
	}
	if sc.Facts != nil {
		if st := stackLine(sc.Facts.Stack); st != "" {
			meta = append(meta, "**Stack** "+mdEscape(st))
		}
	}
	meta = append(meta, "**Profile** "+mdCode(sc.Profile), fmt.Sprintf("rubric covered %d%%", pct(sc.Coverage)))
	if sc.Target.URL != "" {
		meta = append(meta, "**Live** "+mdLink(sc.Target.URL, sc.Target.URL))
	}
	p("%s\n\n", strings.Join(meta, " · "))

	p("| Status | Criterion | Score | Weight |\n|---|---|---:|---:|\n")
	for _, cr := range sc.Criteria {
		score := fmt.Sprintf("%d", cr.Score)
		if cr.Status == rules.StatusSkipped {
			score = "–"
		}
		p("| %s %s | %s %s | %s | %s |\n", statusIcon[cr.Status], mdEscape(cr.Status), mdEscape(cr.Title), mdCellCode(cr.ID),
			score, trimFloat(cr.Weight))
	}
	p("\n")

	if fixes := sortedFixes(sc); len(fixes) > 0 {
		n := len(fixes)
		if !m.Verbose {
			n = min(n, topFixes)
		}
		p("### Top fixes\n\n")
		if line := nextGradeLine(sc); line != "" {
			p("_%s_\n\n", mdEscape(line))
		}
		m.fixes(bw, sc, fixes[:n])
		if n < len(fixes) {
			p("\n<details>\n<summary>%d more fixes</summary>\n\n", len(fixes)-n)
			m.fixes(bw, sc, fixes[n:])
			p("\n</details>\n")
		}
		p("\n")
	}

	if sc.Facts != nil && len(sc.Facts.Secrets) > 0 {
		p("### ⚠️ Committed secrets (%d, values redacted)\n\n", len(sc.Facts.Secrets))
		for _, s := range limit(sc.Facts.Secrets, 10) {
			p("- %s %s", mdLink(evidenceString(rules.Location{Path: s.Path, Line: s.Line}),
				evidenceLink(sc, rules.Location{Path: s.Path, Line: s.Line}, m.LinkBase)), mdCode(s.Rule))
			if s.Redacted != "" {
				p(" %s", mdCode(s.Redacted))
			}
			p("\n")
		}
		if len(sc.Facts.Secrets) > 10 {
			p("- … %d more\n", len(sc.Facts.Secrets)-10)
		}
		p("\n")
	}

	if sc.Facts != nil {
		p("%s", markdownSchema(sc.Facts.Schema))
	}
	p("<details>\n<summary>Every check</summary>\n\n")

	for _, cr := range sc.Criteria {
		score := fmt.Sprintf("%d/100", cr.Score)
		if cr.Status == rules.StatusSkipped {
			score = "skipped"
		}
		p("#### %s %s (%s) — %s\n\n", statusIcon[cr.Status], mdEscape(cr.Title), mdCode(cr.ID), score)
		for _, k := range cr.Checks {
			mark := "✅"
			switch {
			case k.Skipped:
				mark = "⏭️"
			case !k.Passed:
				mark = "❌"
			}
			p("- %s %s %s", mark, mdCode(k.ID), mdInline(k.Message))
			if links := m.evidence(sc, k.Evidence, 3); links != "" {
				p(" — %s", links)
			}
			p("\n")
		}
		p("\n")
	}
	p("</details>\n")

	if len(sc.Notes) > 0 {
		p("\n")
		for _, n := range sc.Notes {
			p("> %s\n", mdEscape(n))
		}
	}
	p("\n<sub>%s %s</sub>\n", mdEscape(toolName(sc)), mdEscape(sc.Tool.Version))
	return bw.Flush()
}

func (m Markdown) fixes(w io.Writer, sc *rules.Scorecard, fixes []rules.Fix) {
	for _, fx := range fixes {
		fmt.Fprintf(w, "- [ ] **+%.1f** %s (%s)\n", fx.Gain, mdInline(fx.Title), mdCode(fx.Check))
		for _, s := range fx.Steps {
			fmt.Fprintf(w, "  - %s\n", mdInline(s))
		}
		if links := m.evidence(sc, fx.Evidence, 3); links != "" {
			fmt.Fprintf(w, "  - Evidence: %s\n", links)
		}
	}
}

func (m Markdown) evidence(sc *rules.Scorecard, ev []rules.Location, n int) string {
	var parts []string
	for _, e := range limit(ev, n) {
		if e.Path == "" && e.URL == "" {
			continue
		}
		parts = append(parts, mdLink(evidenceString(e), evidenceLink(sc, e, m.LinkBase)))
	}
	if len(ev) > n {
		parts = append(parts, fmt.Sprintf("and %d more", len(ev)-n))
	}
	return strings.Join(parts, ", ")
}

func targetName(sc *rules.Scorecard) string {
	name := sc.Target.Path
	if sc.Target.Repo != "" {
		name = sc.Target.Repo
	}
	if sc.Target.Label != "" {
		if name == "" {
			return sc.Target.Label
		}
		return sc.Target.Label + " (" + name + ")"
	}
	return name
}

func toolName(sc *rules.Scorecard) string {
	if sc.Tool.Name != "" {
		return sc.Tool.Name
	}
	return "vetfolio"
}

func pct(f float64) int { return int(f*100 + 0.5) }

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}

// mdEscaper backslash-escapes what Markdown would read as markup, and
// turns angle brackets into entities so text never becomes HTML.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r", " ", "\n", " ",
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// mdInline escapes text that may hold `code spans` (check messages and fix
// steps use them for commands): the spans stay code, the rest is escaped.
func mdInline(s string) string { return codeSpans(s, mdEscape, mdCode) }

// mdCode writes s as a code span, with a fence longer than any run of
// backticks inside it.
func mdCode(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || s == "" {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mdCellCode is a code span inside a table cell, where GFM needs the pipe
// escaped even in code.
func mdCellCode(s string) string { return strings.ReplaceAll(mdCode(s), "|", `\|`) }

// mdLinkDest escapes what would end a link destination early.
var mdLinkDest = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "", "\r", "")

func mdLink(text, dest string) string {
	return "[" + mdEscape(text) + "](" + mdLinkDest.Replace(dest) + ")"
}
