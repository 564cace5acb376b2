package reports

import (
	"bytes"
	"embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// The page's template, styles and script are embedded and inlined, so the
// report is one file that opens from disk with no network at all (its
// Content-Security-Policy forbids any request).
//
//go:embed assets/report.html.tmpl assets/report.css assets/report.js
var assets embed.FS

var htmlTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"deref": func(b *bool) bool { return b != nil && *b },
}).ParseFS(assets, "assets/report.html.tmpl"))

// HTML renders the scorecard as one self-contained page: a score gauge,
// bars per criterion, the fixes by points gained, every criterion
// expandable to its checks and evidence, the stack and the live probe,
// light and dark themes and a print layout. html/template escapes every
// value; secrets are already redacted in the scorecard.
type HTML struct {
	// doc returns a criterion's documentation; from rules.Lookup unless a
	// test pins it so golden files do not follow every doc edit.
	doc func(id string) string
}

type htmlEvidence struct {
	Label string
	// Href is a link for evidence a browser can open: a URL seen live, or
	// the file on GitHub when the repository and commit are known.
	Href string
}

type htmlCheck struct {
	ID, Mark, Class string
	Message         template.HTML
	Evidence        []htmlEvidence
}

type htmlCriterion struct {
	ID, Title, Status, Weight string
	Score                     int
	Skipped                   bool
	Doc                       string
	Checks                    []htmlCheck
	// Failing counts the checks that failed, for the folded summary.
	Failing int
}

type htmlFix struct {
	Rank               int
	Check, Title, Gain string
	Steps              []template.HTML
	Evidence           []htmlEvidence
}

type htmlSecret struct {
	Where          []htmlEvidence
	Rule, Redacted string
}

type htmlBlocker struct {
	Kind, Title, Lift string
	// Anchor is the criterion's section on the page, for a gate.
	Anchor   string
	Evidence []htmlEvidence
}

type htmlGate struct {
	Title, Word, Class string
	Score              int
}

type htmlView struct {
	Tool, Target, Commit, CommitHref, Profile, Grade, Stack, Date string
	// CapLine says which must-haves hold the grade down, RubricNote that a
	// configuration changed the rubric, NextGrade what the next grade needs.
	CapLine, RubricNote, NextGrade string
	Score, Coverage, SchemaVersion int
	ScoreClass                     string
	GaugeDash, GaugeRest           string
	SkippedNames                   string
	Criteria                       []htmlCriterion
	TopFixes, MoreFixes            []htmlFix
	Secrets                        []htmlSecret
	Blockers                       []htmlBlocker
	Gates                          []htmlGate
	Facts                          *rules.Facts
	Live                           *rules.Live
	Schema                         *htmlSchema
	ProbeSkipped                   string
	Notes                          []string
	CSS                            template.CSS
	JS                             template.JS
}

// gaugeRadius is the radius of the gauge's circle in the template.
const gaugeRadius = 52

// Render writes the page.
func (h HTML) Render(w io.Writer, sc *rules.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("write html report: no scorecard")
	}
	css, err := assets.ReadFile("assets/report.css")
	if err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	js, err := assets.ReadFile("assets/report.js")
	if err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	// Command-line hints ("give one with --url") help the candidate
	// running vetfolio on their own checkout; anyone else reading the page
	// cannot act on them.
	hint := func(s string) string { return s }
	if sc.Target.Kind != "local" {
		hint = withoutCLIHints
	}
	v := htmlView{
		Tool: strings.TrimSpace(toolName(sc) + " " + sc.Tool.Version), Target: targetName(sc),
		Commit: shortSHA(sc.Target.Commit), Profile: sc.Profile, Grade: sc.GradeMark(), Date: auditDate(sc),
		Score: min(max(sc.Score, 0), 100), Coverage: pct(sc.Coverage), SchemaVersion: sc.SchemaVersion,
		Facts: sc.Facts,
		CSS:   template.CSS(css), JS: template.JS(js),
	}
	switch {
	case sc.Target.Commit == "":
	case sc.Target.Repo != "":
		v.CommitHref = "https://github.com/" + sc.Target.Repo + "/tree/" + sc.Target.Commit
	case sc.Target.Remote != "":
		v.CommitHref = strings.TrimSuffix("https://github.com/"+sc.Target.Remote+"/tree/"+sc.Target.Commit+"/"+pathURL(sc.Target.Folder), "/")
	}
	v.CapLine, v.RubricNote, v.NextGrade = capSummary(sc), rubricNote(sc), nextGradeLine(sc)
	for _, n := range sc.Notes {
		v.Notes = append(v.Notes, hint(n))
	}
	if v.Target == "" {
		v.Target = "project"
	}
	v.ScoreClass = scoreClass(v.Score)
	circ := 2 * math.Pi * gaugeRadius
	dash := circ * float64(v.Score) / 100
	v.GaugeDash, v.GaugeRest = fmt.Sprintf("%.2f", dash), fmt.Sprintf("%.2f", circ-dash)

	if sc.Facts != nil {
		v.Stack = stackLine(sc.Facts.Stack)
		v.Live = sc.Facts.Live
		v.Schema = newHTMLSchema(sc.Facts.Schema)
		v.ProbeSkipped = hint(sc.Facts.ProbeSkipped)
		for _, s := range sc.Facts.Secrets {
			v.Secrets = append(v.Secrets, htmlSecret{Rule: s.Rule, Redacted: s.Redacted,
				Where: htmlEvidenceList(sc, []rules.Location{{Path: s.Path, Line: s.Line}})})
		}
	}
	for _, b := range blockers(sc) {
		hb := htmlBlocker{Kind: b.Kind, Title: b.Title, Lift: b.Lift, Evidence: htmlEvidenceList(sc, limit(b.Evidence, 5))}
		if b.Criterion != "" {
			hb.Anchor = "#crit-" + b.Criterion
		}
		v.Blockers = append(v.Blockers, hb)
	}
	for _, g := range gates(sc) {
		hg := htmlGate{Title: g.Title, Score: g.Score, Word: "met", Class: rules.StatusPass}
		switch {
		case !g.Judged:
			hg.Word, hg.Class = "not judged", rules.StatusSkipped
		case !g.Met:
			hg.Word, hg.Class = "not met", rules.StatusFail
		}
		v.Gates = append(v.Gates, hg)
	}
	var skipped []string
	for _, cr := range sc.Criteria {
		hc := htmlCriterion{ID: cr.ID, Title: cr.Title, Status: cr.Status, Score: min(max(cr.Score, 0), 100),
			Skipped: cr.Status == rules.StatusSkipped, Weight: trimFloat(cr.Weight)}
		hc.Doc = h.criterionDoc(cr.ID)
		if hc.Skipped {
			skipped = append(skipped, cr.Title)
		}
		for _, k := range cr.Checks {
			ch := htmlCheck{ID: k.ID, Mark: "pass", Class: rules.StatusPass, Message: inlineHTML(hint(k.Message)),
				Evidence: htmlEvidenceList(sc, limit(k.Evidence, 5))}
			switch {
			case k.Skipped:
				ch.Mark, ch.Class = "skip", rules.StatusSkipped
			case !k.Passed:
				ch.Mark, ch.Class = "fail", rules.StatusFail
				hc.Failing++
			}
			hc.Checks = append(hc.Checks, ch)
		}
		v.Criteria = append(v.Criteria, hc)
	}
	v.SkippedNames = strings.Join(skipped, ", ")
	for i, fx := range sortedFixes(sc) {
		hf := htmlFix{Rank: i + 1, Check: fx.Check, Title: fx.Title, Gain: fmt.Sprintf("%.1f", fx.Gain),
			Evidence: htmlEvidenceList(sc, limit(fx.Evidence, 3))}
		for _, s := range fx.Steps {
			hf.Steps = append(hf.Steps, inlineHTML(s))
		}
		if i < topFixes {
			v.TopFixes = append(v.TopFixes, hf)
		} else {
			v.MoreFixes = append(v.MoreFixes, hf)
		}
	}

	// Render into memory so a template error never leaves half a page.
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

func (h HTML) criterionDoc(id string) string {
	if h.doc != nil {
		return h.doc(id)
	}
	if c, _ := rules.Lookup(id); c != nil {
		return c.Doc
	}
	return ""
}

func scoreClass(score int) string {
	switch {
	case score >= 75:
		return rules.StatusPass
	case score >= 50:
		return rules.StatusPartial
	}
	return rules.StatusFail
}

func htmlEvidenceList(sc *rules.Scorecard, ev []rules.Location) []htmlEvidence {
	var out []htmlEvidence
	for _, e := range ev {
		if e.Path == "" && e.URL == "" {
			continue
		}
		he := htmlEvidence{Label: evidenceString(e)}
		switch {
		case e.URL != "":
			he.Href = e.URL
		case sc.Target.Repo != "" && sc.Target.Commit != "":
			he.Href = evidenceLink(sc, e, "https://github.com/"+sc.Target.Repo+"/blob/"+sc.Target.Commit+"/")
		case sc.Target.Remote != "" && sc.Target.Commit != "":
			// A local checkout of a GitHub repository: the file's path from
			// the repository's root, at the audited commit.
			he.Href = "https://github.com/" + sc.Target.Remote + "/blob/" + sc.Target.Commit + "/" + pathURL(path.Join(sc.Target.Folder, e.Path))
			if e.Line > 0 {
				he.Href += fmt.Sprintf("#L%d", e.Line)
			}
		}
		out = append(out, he)
	}
	return out
}

// inlineHTML escapes text and turns its `code spans` into <code>; the
// result is safe because every piece of the input passes through
// html.EscapeString.
func inlineHTML(s string) template.HTML {
	return template.HTML(codeSpans(s, html.EscapeString, func(c string) string {
		return "<code>" + html.EscapeString(c) + "</code>"
	}))
}
