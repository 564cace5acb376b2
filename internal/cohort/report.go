package cohort

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode"

	"github.com/vetfolio/vetfolio/rules"
)

// Kind marks a cohort report in JSON, apart from a single report.
const Kind = "cohort"

// Report is a cohort audit: one row per target, sorted by score, and a
// summary per criterion. The full report of each target is kept on disk
// (a spool), not in memory, and written out with the JSON form.
type Report struct {
	SchemaVersion int        `json:"schema_version"`
	Kind          string     `json:"kind"`
	Tool          rules.Tool `json:"tool"`
	Profile       string     `json:"profile"`
	// Shards lists the shards joined into this report ("2/4"); empty for
	// a whole list.
	Shards []string `json:"shards,omitempty"`
	// Targets, Audited and Failed count the rows.
	Targets int `json:"targets"`
	Audited int `json:"audited"`
	Failed  int `json:"failed"`
	// Criteria are the report's columns, in rubric order.
	Criteria []Column `json:"criteria"`
	// Summary says, per criterion, how many targets pass, and which
	// checks fail most often.
	Summary []Summary `json:"summary"`
	Rows    []Row     `json:"rows"`

	// MemberReport, when set, gives the link from the cohort's HTML page
	// to a row's own HTML report (written beside it by --output-dir).
	MemberReport func(Row) string `json:"-"`
	// Color colours the text table (a terminal); Width is the terminal's
	// width in columns, 0 when unknown.
	Color bool `json:"-"`
	Width int  `json:"-"`

	spool *spool
}

// Column is one criterion column.
type Column struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Row is one target's line in the cohort.
type Row struct {
	Target string `json:"target"`
	Label  string `json:"label,omitempty"`
	Repo   string `json:"repo,omitempty"`
	Commit string `json:"commit,omitempty"`
	URL    string `json:"url,omitempty"`
	// Score, Grade and Coverage are the overall results; Score is -1 for a
	// target that failed.
	Score    int     `json:"score"`
	Grade    string  `json:"grade,omitempty"`
	Coverage float64 `json:"coverage,omitempty"`
	// Status and Scores map criterion IDs to their status and score.
	Status map[string]string `json:"status,omitempty"`
	Scores map[string]int    `json:"scores,omitempty"`
	// FailedChecks are the IDs of the checks that failed.
	FailedChecks []string `json:"failed_checks,omitempty"`
	// TopFixes are the titles of the fixes worth most, best first.
	TopFixes []string `json:"top_fixes,omitempty"`
	// Error says why the target could not be audited; ExitCode is the
	// code a single audit of it would have exited with.
	Error    string `json:"error,omitempty"`
	ExitCode int    `json:"exit_code,omitempty"`
	// Report is the target's full report (the single-report JSON
	// contract); it is kept in the spool, not here, until written.
	Report json.RawMessage `json:"report,omitempty"`

	ref spoolRef
}

// Name is how the row is shown: its label, else its target.
func (r Row) Name() string {
	if r.Label != "" {
		return printable(r.Label)
	}
	return printable(r.Target)
}

// printable replaces control characters (other than tab) with U+FFFD:
// labels, targets and errors come from a list file, the API or a
// repository, and an escape sequence in one must not reach a terminal or
// a Markdown table.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\t' && (unicode.IsControl(r) || r == 0x7f) {
			return '\uFFFD'
		}
		return r
	}, s)
}

// OK reports whether the target was audited.
func (r Row) OK() bool { return r.Error == "" }

// Summary is one criterion across the cohort.
type Summary struct {
	Criterion string `json:"criterion"`
	Title     string `json:"title"`
	Pass      int    `json:"pass"`
	Partial   int    `json:"partial"`
	Fail      int    `json:"fail"`
	Skipped   int    `json:"skipped"`
	// Checks are the checks that failed for at least one target, most
	// often failed first.
	Checks []CheckSummary `json:"checks,omitempty"`
}

// CheckSummary counts the targets that fail one check.
type CheckSummary struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Failing int    `json:"failing"`
	Of      int    `json:"of"`
	// Message is the sentence for a mentor: "18 of 30 fail: ...".
	Message string `json:"message"`
}

// rowFor builds the row of an audited target.
func rowFor(e Entry, sc *rules.Scorecard) Row {
	r := Row{Target: redact(e.Target), Label: e.Label, Repo: sc.Target.Repo, Commit: sc.Target.Commit, URL: redact(sc.Target.URL),
		Score: sc.Score, Grade: sc.Grade, Coverage: sc.Coverage,
		Status: map[string]string{}, Scores: map[string]int{}}
	if r.Label == "" {
		r.Label = sc.Target.Label
	}
	for _, c := range sc.Criteria {
		r.Status[c.ID] = c.Status
		if c.Status != rules.StatusSkipped {
			r.Scores[c.ID] = c.Score
		}
		for _, k := range c.Checks {
			if !k.Passed && !k.Skipped {
				r.FailedChecks = append(r.FailedChecks, k.ID)
			}
		}
	}
	for i, f := range sc.Fixes {
		if i == 3 {
			break
		}
		r.TopFixes = append(r.TopFixes, f.Title)
	}
	return r
}

// finish sorts the rows and computes the counts and the summary.
func (r *Report) finish() {
	sortRows(r.Rows)
	r.Targets, r.Audited, r.Failed = len(r.Rows), 0, 0
	for _, row := range r.Rows {
		if row.OK() {
			r.Audited++
		} else {
			r.Failed++
		}
	}
	r.Criteria = r.Criteria[:0]
	for _, c := range rules.All() {
		r.Criteria = append(r.Criteria, Column{ID: c.ID, Title: c.Title})
	}
	r.Summary = summarise(r.Rows)
}

// sortRows orders audited targets by score, best first, then by name;
// failed targets come last.
func sortRows(rows []Row) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		if a.OK() != b.OK() {
			if a.OK() {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(strings.ToLower(a.Name()), strings.ToLower(b.Name())); c != 0 {
			return c
		}
		return cmp.Compare(Key(a.Target), Key(b.Target))
	})
}

func summarise(rows []Row) []Summary {
	audited := 0
	failing := map[string]int{}
	for _, row := range rows {
		if !row.OK() {
			continue
		}
		audited++
		for _, id := range row.FailedChecks {
			failing[id]++
		}
	}
	var out []Summary
	for _, c := range rules.All() {
		s := Summary{Criterion: c.ID, Title: c.Title}
		for _, row := range rows {
			if !row.OK() {
				continue
			}
			switch row.Status[c.ID] {
			case rules.StatusPass:
				s.Pass++
			case rules.StatusPartial:
				s.Partial++
			case rules.StatusFail:
				s.Fail++
			default:
				s.Skipped++
			}
		}
		for _, k := range c.Checks {
			if n := failing[k.ID]; n > 0 {
				s.Checks = append(s.Checks, CheckSummary{ID: k.ID, Title: k.Title, Failing: n, Of: audited,
					Message: fmt.Sprintf("%d of %d fail: %s", n, audited, k.Title)})
			}
		}
		slices.SortStableFunc(s.Checks, func(a, b CheckSummary) int { return cmp.Compare(b.Failing, a.Failing) })
		out = append(out, s)
	}
	return out
}

// Teach lists the most common failing checks across the cohort, most
// common first: what a mentor should teach next.
func (r *Report) Teach(n int) []CheckSummary {
	var all []CheckSummary
	for _, s := range r.Summary {
		all = append(all, s.Checks...)
	}
	slices.SortStableFunc(all, func(a, b CheckSummary) int { return cmp.Compare(b.Failing, a.Failing) })
	if len(all) > n {
		all = all[:n]
	}
	return all
}

// FullReport returns the full report of a row, from the spool or the row.
func (r *Report) FullReport(row Row) (json.RawMessage, error) {
	if len(row.Report) > 0 {
		return row.Report, nil
	}
	if r.spool == nil || row.ref.n == 0 {
		return nil, nil
	}
	return r.spool.read(row.ref)
}

// Scorecard decodes a row's full report; nil for a failed target.
func (r *Report) Scorecard(row Row) (*rules.Scorecard, error) {
	raw, err := r.FullReport(row)
	if err != nil || raw == nil {
		return nil, err
	}
	var sc rules.Scorecard
	if err := json.Unmarshal(raw, &sc); err != nil {
		return nil, fmt.Errorf("report of %s: %w", row.Target, err)
	}
	return &sc, nil
}

// Close removes the spool.
func (r *Report) Close() error {
	if r.spool == nil {
		return nil
	}
	return r.spool.close()
}

// spool keeps full reports in a temporary file so that memory does not
// grow with the cohort.
type spool struct {
	f   *os.File
	off int64
}

type spoolRef struct{ off, n int64 }

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "vetfolio-cohort-*.json")
	if err != nil {
		return nil, fmt.Errorf("cohort spool: %w", err)
	}
	return &spool{f: f}, nil
}

func (s *spool) add(data []byte) (spoolRef, error) {
	if _, err := s.f.WriteAt(data, s.off); err != nil {
		return spoolRef{}, fmt.Errorf("cohort spool: %w", err)
	}
	ref := spoolRef{off: s.off, n: int64(len(data))}
	s.off += int64(len(data))
	return ref, nil
}

func (s *spool) read(ref spoolRef) ([]byte, error) {
	buf := make([]byte, ref.n)
	if _, err := s.f.ReadAt(buf, ref.off); err != nil && err != io.EOF {
		return nil, fmt.Errorf("cohort spool: %w", err)
	}
	return buf, nil
}

func (s *spool) close() error {
	name := s.f.Name()
	s.f.Close()
	return os.Remove(name)
}
