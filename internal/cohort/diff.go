package cohort

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// Diff is what changed between two reports of the same project.
type Diff struct {
	Target     string  `json:"target"`
	ScoreFrom  int     `json:"score_from"`
	ScoreTo    int     `json:"score_to"`
	Delta      int     `json:"delta"`
	GradeFrom  string  `json:"grade_from"`
	GradeTo    string  `json:"grade_to"`
	CommitFrom string  `json:"commit_from,omitempty"`
	CommitTo   string  `json:"commit_to,omitempty"`
	Criteria   []Delta `json:"criteria"`
	// NowPassing and NowFailing are checks whose outcome flipped.
	NowPassing []CheckChange `json:"now_passing"`
	NowFailing []CheckChange `json:"now_failing"`
	// NewFixes are fixes the new report proposes that the old did not.
	NewFixes []rules.Fix `json:"new_fixes"`
}

// Delta is one criterion's change.
type Delta struct {
	ID         string `json:"id"`
	From       int    `json:"from"`
	To         int    `json:"to"`
	StatusFrom string `json:"status_from"`
	StatusTo   string `json:"status_to"`
}

// CheckChange is a check that flipped, with its new message.
type CheckChange struct {
	ID      string `json:"id"`
	Message string `json:"message"`
}

// Changed reports whether anything moved.
func (d Diff) Changed() bool {
	return d.Delta != 0 || len(d.Criteria) > 0 || len(d.NowPassing) > 0 || len(d.NowFailing) > 0 || len(d.NewFixes) > 0
}

// DiffScorecards compares two reports of one project.
func DiffScorecards(old, cur *rules.Scorecard) Diff {
	d := Diff{Target: targetName(cur.Target), ScoreFrom: old.Score, ScoreTo: cur.Score, Delta: cur.Score - old.Score,
		GradeFrom: old.Grade, GradeTo: cur.Grade, CommitFrom: old.Target.Commit, CommitTo: cur.Target.Commit,
		Criteria: []Delta{}, NowPassing: []CheckChange{}, NowFailing: []CheckChange{}, NewFixes: []rules.Fix{}}
	oldCrit := map[string]rules.CriterionResult{}
	oldCheck := map[string]rules.CheckResult{}
	for _, c := range old.Criteria {
		oldCrit[c.ID] = c
		for _, k := range c.Checks {
			oldCheck[k.ID] = k
		}
	}
	for _, c := range cur.Criteria {
		o, ok := oldCrit[c.ID]
		if !ok || o.Score != c.Score || o.Status != c.Status {
			d.Criteria = append(d.Criteria, Delta{ID: c.ID, From: o.Score, To: c.Score, StatusFrom: o.Status, StatusTo: c.Status})
		}
		for _, k := range c.Checks {
			o, ok := oldCheck[k.ID]
			wasFailing := ok && !o.Passed && !o.Skipped
			wasPassing := ok && o.Passed
			switch {
			case k.Passed && !wasPassing:
				d.NowPassing = append(d.NowPassing, CheckChange{ID: k.ID, Message: k.Message})
			case !k.Passed && !k.Skipped && !wasFailing:
				d.NowFailing = append(d.NowFailing, CheckChange{ID: k.ID, Message: k.Message})
			}
		}
	}
	had := map[string]bool{}
	for _, f := range old.Fixes {
		had[fixKey(f)] = true
	}
	for _, f := range cur.Fixes {
		if !had[fixKey(f)] {
			d.NewFixes = append(d.NewFixes, f)
		}
	}
	return d
}

func fixKey(f rules.Fix) string {
	if f.Check != "" {
		return f.Check
	}
	return f.Criterion + "\x00" + f.Title
}

func targetName(t rules.Target) string {
	switch {
	case t.Label != "":
		return t.Label
	case t.Repo != "":
		return t.Repo
	}
	return t.Path
}

// CohortDiff is what changed across a cohort.
type CohortDiff struct {
	Kind string `json:"kind"`
	// Targets are the diffs of targets audited both times, by score delta.
	Targets []Diff `json:"targets"`
	// Added and Removed are targets in only one of the two reports.
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	// NowFailing and NowOK are targets whose audit newly failed, or
	// newly succeeded.
	NowFailing []string `json:"now_failing"`
	NowOK      []string `json:"now_ok"`
}

// DiffCohorts compares two cohort reports target by target.
func DiffCohorts(old, cur *Report) (CohortDiff, error) {
	out := CohortDiff{Kind: Kind, Targets: []Diff{}, Added: []string{}, Removed: []string{}, NowFailing: []string{}, NowOK: []string{}}
	oldRows := map[string]Row{}
	for _, r := range old.Rows {
		oldRows[Key(r.Target)] = r
	}
	seen := map[string]bool{}
	for _, r := range cur.Rows {
		k := Key(r.Target)
		seen[k] = true
		o, ok := oldRows[k]
		switch {
		case !ok:
			out.Added = append(out.Added, r.Name())
			continue
		case o.OK() && !r.OK():
			out.NowFailing = append(out.NowFailing, r.Name()+": "+r.Error)
			continue
		case !o.OK() && r.OK():
			out.NowOK = append(out.NowOK, r.Name())
			continue
		case !r.OK():
			continue
		}
		osc, err := old.Scorecard(o)
		if err != nil {
			return out, err
		}
		nsc, err := cur.Scorecard(r)
		if err != nil {
			return out, err
		}
		if osc == nil || nsc == nil {
			continue
		}
		d := DiffScorecards(osc, nsc)
		d.Target = r.Name()
		out.Targets = append(out.Targets, d)
	}
	for _, r := range old.Rows {
		if !seen[Key(r.Target)] {
			out.Removed = append(out.Removed, r.Name())
		}
	}
	// Biggest movers first; stable for equal deltas (the report's order).
	for i := 1; i < len(out.Targets); i++ {
		for j := i; j > 0 && abs(out.Targets[j].Delta) > abs(out.Targets[j-1].Delta); j-- {
			out.Targets[j], out.Targets[j-1] = out.Targets[j-1], out.Targets[j]
		}
	}
	return out, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ReadDocument reads a JSON report: a single one (returned as sc) or a
// cohort (returned as rep, to Close).
func ReadDocument(r io.Reader, name string) (sc *rules.Scorecard, rep *Report, err error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDocBytes))
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	var head struct {
		SchemaVersion int    `json:"schema_version"`
		Kind          string `json:"kind"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, nil, fmt.Errorf("%s: not a vetfolio JSON report: %w", name, err)
	}
	if head.Kind == Kind {
		rep, err := loadCohort(data, name)
		return nil, rep, err
	}
	if head.SchemaVersion != rules.SchemaVersion {
		return nil, nil, fmt.Errorf("%s: not a vetfolio JSON report (schema_version %d, want %d)", name, head.SchemaVersion, rules.SchemaVersion)
	}
	var s rules.Scorecard
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return &s, nil, nil
}

func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

// WriteText writes a diff as plain lines.
func (d Diff) WriteText(w io.Writer, indent string) {
	fmt.Fprintf(w, "%s%s: %d → %d (%s), grade %s → %s\n", indent, d.Target, d.ScoreFrom, d.ScoreTo, signed(d.Delta), d.GradeFrom, d.GradeTo)
	for _, c := range d.Criteria {
		from := c.StatusFrom
		if from == "" {
			from = "new"
		}
		fmt.Fprintf(w, "%s  %-11s %3d → %3d  %s → %s\n", indent, c.ID, c.From, c.To, from, c.StatusTo)
	}
	for _, c := range d.NowPassing {
		fmt.Fprintf(w, "%s  + now passing %s: %s\n", indent, c.ID, c.Message)
	}
	for _, c := range d.NowFailing {
		fmt.Fprintf(w, "%s  - now failing %s: %s\n", indent, c.ID, c.Message)
	}
	for _, f := range d.NewFixes {
		fmt.Fprintf(w, "%s  new fix (+%.1f): %s\n", indent, f.Gain, f.Title)
	}
	if !d.Changed() {
		fmt.Fprintf(w, "%s  no change\n", indent)
	}
}

// WriteText writes a cohort diff as plain lines.
func (c CohortDiff) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	improved, worse, same := c.tally()
	fmt.Fprintf(bw, "vetfolio diff: %d improved, %d worse, %d unchanged score", improved, worse, same)
	if n := len(c.Added) + len(c.Removed); n > 0 {
		fmt.Fprintf(bw, ", %d added, %d removed", len(c.Added), len(c.Removed))
	}
	fmt.Fprintln(bw)
	for _, d := range c.Targets {
		if !d.Changed() {
			continue
		}
		fmt.Fprintln(bw)
		d.WriteText(bw, "")
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(bw, "\n%s:\n", title)
		for _, s := range items {
			fmt.Fprintf(bw, "  %s\n", s)
		}
	}
	list("Added", c.Added)
	list("Removed", c.Removed)
	list("Now failing to audit", c.NowFailing)
	list("Now audited", c.NowOK)
	return bw.Flush()
}

// JSON writes v indented.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// statusIcons mark a criterion's status in Markdown, as the cohort table does.
var statusIcons = map[string]string{"pass": "✅", "partial": "🟡", "fail": "❌", "skipped": "➖"}

func mdStatus(s string) string {
	if s == "" {
		return "new"
	}
	if icon, ok := statusIcons[s]; ok {
		return icon + " " + s
	}
	return mdEscape(s)
}

func shortCommit(c string) string {
	if len(c) > 7 {
		return c[:7]
	}
	return c
}

// WriteMarkdown writes a diff for a review comment: the score line, a
// table of the criteria that moved, the checks that flipped and the new
// fixes as a checklist. level is the heading level of the target's title
// (its sections are one deeper); at level 1 the diff stands alone and the
// title says so.
func (d Diff) WriteMarkdown(w io.Writer, level int) error {
	bw := bufio.NewWriter(w)
	level = min(max(level, 1), 5)
	h, sub := strings.Repeat("#", level), strings.Repeat("#", level+1)
	title := mdEscape(d.Target)
	if level == 1 {
		title = "vetfolio diff: " + title
	}
	fmt.Fprintf(bw, "%s %s\n\n", h, title)
	fmt.Fprintf(bw, "**Score %d → %d (%s)**, grade %s → %s", d.ScoreFrom, d.ScoreTo, signed(d.Delta), mdEscape(d.GradeFrom), mdEscape(d.GradeTo))
	if d.CommitFrom != "" || d.CommitTo != "" {
		fmt.Fprintf(bw, ", commit `%s` → `%s`", mdEscape(shortCommit(d.CommitFrom)), mdEscape(shortCommit(d.CommitTo)))
	}
	fmt.Fprintln(bw)
	if !d.Changed() {
		fmt.Fprintf(bw, "\nNo change.\n")
		return bw.Flush()
	}
	if len(d.Criteria) > 0 {
		fmt.Fprintf(bw, "\n%s Criteria that changed\n\n| Criterion | Score | Δ | Status |\n| --- | --: | --: | --- |\n", sub)
		for _, c := range d.Criteria {
			status := mdStatus(c.StatusTo)
			if c.StatusFrom != c.StatusTo {
				status = mdStatus(c.StatusFrom) + " → " + status
			}
			fmt.Fprintf(bw, "| %s | %d → %d | %s | %s |\n", mdEscape(c.ID), c.From, c.To, signed(c.To-c.From), status)
		}
	}
	checks := func(title, icon string, list []CheckChange) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(bw, "\n%s %s (%d)\n\n", sub, title, len(list))
		for _, c := range list {
			fmt.Fprintf(bw, "- %s `%s` — %s\n", icon, mdEscape(c.ID), mdEscape(c.Message))
		}
	}
	checks("Now passing", "✅", d.NowPassing)
	checks("Now failing", "❌", d.NowFailing)
	if len(d.NewFixes) > 0 {
		fmt.Fprintf(bw, "\n%s New fixes (%d)\n\n", sub, len(d.NewFixes))
		for _, f := range d.NewFixes {
			fmt.Fprintf(bw, "- [ ] **%s** (+%.1f points", mdEscape(f.Title), f.Gain)
			if f.Check != "" {
				fmt.Fprintf(bw, ", `%s`", mdEscape(f.Check))
			}
			fmt.Fprintln(bw, ")")
		}
	}
	return bw.Flush()
}

// WriteMarkdown writes a cohort diff for a review or an issue: a table of
// every target's score change, biggest movers first, each changed target's
// details folded in <details>, then the targets added, removed or whose
// audit newly failed or succeeded.
func (c CohortDiff) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	improved, worse, same := c.tally()
	fmt.Fprintf(bw, "# vetfolio diff\n\n%d improved, %d worse, %d unchanged score", improved, worse, same)
	if len(c.Added)+len(c.Removed) > 0 {
		fmt.Fprintf(bw, ", %d added, %d removed", len(c.Added), len(c.Removed))
	}
	fmt.Fprintln(bw, ".")
	if len(c.Targets) > 0 {
		fmt.Fprintf(bw, "\n| Target | Score | Δ | Grade | Now passing | Now failing | New fixes |\n| --- | --: | --: | :-: | --: | --: | --: |\n")
		for _, d := range c.Targets {
			grade := mdEscape(d.GradeTo)
			if d.GradeFrom != d.GradeTo {
				grade = mdEscape(d.GradeFrom) + " → " + grade
			}
			fmt.Fprintf(bw, "| %s | %d → %d | %s | %s | %d | %d | %d |\n", mdEscape(d.Target), d.ScoreFrom, d.ScoreTo,
				signed(d.Delta), grade, len(d.NowPassing), len(d.NowFailing), len(d.NewFixes))
		}
	}
	for _, d := range c.Targets {
		if !d.Changed() {
			continue
		}
		// A blank line after <summary> lets GitHub render the Markdown inside.
		fmt.Fprintf(bw, "\n<details>\n<summary>%s: %s</summary>\n\n", mdEscape(d.Target), signed(d.Delta))
		if err := d.WriteMarkdown(bw, 3); err != nil {
			return err
		}
		fmt.Fprintf(bw, "\n</details>\n")
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(bw, "\n## %s\n\n", title)
		for _, s := range items {
			fmt.Fprintf(bw, "- %s\n", mdEscape(s))
		}
	}
	list("Added", c.Added)
	list("Removed", c.Removed)
	list("Now failing to audit", c.NowFailing)
	list("Now audited", c.NowOK)
	return bw.Flush()
}

// tally counts the targets whose score rose, fell or stayed.
func (c CohortDiff) tally() (improved, worse, same int) {
	for _, d := range c.Targets {
		switch {
		case d.Delta > 0:
			improved++
		case d.Delta < 0:
			worse++
		default:
			same++
		}
	}
	return improved, worse, same
}
