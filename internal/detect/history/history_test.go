package history

import (
	"fmt"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/source"
)

var now = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// day is a date in 2024 at noon UTC: day(3, 4) is 4 March.
func day(month, d int) time.Time { return time.Date(2024, time.Month(month), d, 12, 0, 0, 0, time.UTC) }

// newestFirst reverses commits written oldest first, as tests read best.
func newestFirst(cs []source.Commit) []source.Commit {
	out := make([]source.Commit, len(cs))
	for i, c := range cs {
		if c.Hash == "" {
			c.Hash = fmt.Sprintf("c%03d", i)
		}
		if c.Email == "" {
			c.Email = "dana@example.com"
		}
		if c.Changed == 0 {
			c.Changed = max(1, c.Added)
		}
		out[len(cs)-1-i] = c
	}
	return out
}

func files(n int) []source.File {
	fs := make([]source.File, n)
	for i := range fs {
		fs[i] = source.File{Path: fmt.Sprintf("app/f%d.py", i)}
	}
	return fs
}

// steady builds n informative commits, one every `every` days from start,
// each adding one file.
func steady(start time.Time, n, every int) []source.Commit {
	var cs []source.Commit
	for i := range n {
		cs = append(cs, source.Commit{When: start.AddDate(0, 0, i*every), Subject: fmt.Sprintf("Add the endpoint number %d", i), Added: 1})
	}
	return cs
}

func TestSummarizeCounts(t *testing.T) {
	cs := newestFirst([]source.Commit{
		{When: time.Date(2024, 3, 4, 9, 0, 0, 0, time.FixedZone("CET", 3600)), Subject: "Initial commit", Added: 5, Email: "Dana@Example.com"},
		{When: day(3, 5), Subject: "Add user registration", Added: 2},
		{When: day(3, 20), Subject: "Add login with JWT", Added: 1, Email: "sam@example.org"},
		{When: day(4, 1), Subject: "Document the API in the README", Added: 0, Changed: 1},
	})
	h := Summarize(cs, files(8), now)
	if !h.Available || h.Commits != 4 {
		t.Fatalf("Available=%v Commits=%d", h.Available, h.Commits)
	}
	// Weeks of 4 Mar (W10), 18 Mar (W12), 1 Apr (W14): 3 active of 5 in the span.
	if h.ActiveWeeks != 3 || h.SpanWeeks != 5 || h.ActiveDays != 4 {
		t.Errorf("ActiveWeeks=%d SpanWeeks=%d ActiveDays=%d, want 3 5 4", h.ActiveWeeks, h.SpanWeeks, h.ActiveDays)
	}
	if h.Authors != 2 {
		t.Errorf("Authors = %d, want 2 (emails compared without case)", h.Authors)
	}
	if h.First != "2024-03-04T08:00:00Z" || h.Last != "2024-04-01T12:00:00Z" {
		t.Errorf("First=%s Last=%s", h.First, h.Last)
	}
	if h.LongestGapDays != 15 || h.SpanDays != 28 {
		t.Errorf("LongestGapDays=%d SpanDays=%d, want 15 28", h.LongestGapDays, h.SpanDays)
	}
	if h.DaysSinceLast != 61 {
		t.Errorf("DaysSinceLast = %d, want 61", h.DaysSinceLast)
	}
	if h.VagueShare != 0 || h.MessageCommits != 4 {
		t.Errorf("VagueShare=%v MessageCommits=%d (%q)", h.VagueShare, h.MessageCommits, h.VagueExamples)
	}
	if h.BulkCommit != "c000" || h.BulkShare != 0.63 || h.BulkUpload {
		t.Errorf("Bulk=%s %v %v: a small repository is never a bulk upload", h.BulkCommit, h.BulkShare, h.BulkUpload)
	}
	if !h.AddedKnown {
		t.Error("AddedKnown = false")
	}
}

func TestSummarizeEmpty(t *testing.T) {
	h := Summarize(nil, files(3), now)
	if h.Available || h.Reason == "" {
		t.Errorf("no commits: %+v", h)
	}
}

func TestSummarizeSingleCommit(t *testing.T) {
	h := Summarize(newestFirst([]source.Commit{{When: day(5, 1), Subject: "Initial commit", Added: 3}}), files(3), now)
	if h.SpanWeeks != 1 || h.ActiveWeeks != 1 || h.LongestGapDays != 0 || h.SpanDays != 0 {
		t.Errorf("%+v", h)
	}
}

func TestSummarizeSameDayAcrossWeekBoundary(t *testing.T) {
	// Sunday then Monday: two ISO weeks, so the span is two weeks too.
	h := Summarize(newestFirst([]source.Commit{
		{When: day(3, 10), Subject: "Add the project skeleton"},
		{When: day(3, 11), Subject: "Add the first endpoint"},
	}), files(2), now)
	if h.ActiveWeeks != 2 || h.SpanWeeks != 2 {
		t.Errorf("ActiveWeeks=%d SpanWeeks=%d, want 2 2", h.ActiveWeeks, h.SpanWeeks)
	}
}

func TestSummarizeUnorderedHistory(t *testing.T) {
	// A rebase can leave author dates out of order; gaps use date order.
	cs := []source.Commit{
		{Hash: "b", When: day(3, 1), Subject: "Add orders", Changed: 1},
		{Hash: "c", When: day(3, 21), Subject: "Add payments", Changed: 1},
		{Hash: "a", When: day(3, 11), Subject: "Add users", Changed: 1},
	}
	h := Summarize(cs, files(3), now)
	if h.LongestGapDays != 10 || h.First != "2024-03-01T12:00:00Z" || h.Last != "2024-03-21T12:00:00Z" {
		t.Errorf("LongestGapDays=%d First=%s Last=%s", h.LongestGapDays, h.First, h.Last)
	}
}

func TestBulkUpload(t *testing.T) {
	tests := []struct {
		name    string
		commits []source.Commit
		files   int
		want    bool
		share   float64
	}{
		{"one upload, then README edits", append([]source.Commit{
			{When: day(2, 1), Subject: "Initial commit", Added: 1},
			{When: day(2, 1), Subject: "Add files via upload", Added: 38},
		}, steady(day(2, 2), 3, 1)...), 40, true, 0.95},
		{"GitHub upload of under half the files", append([]source.Commit{
			{When: day(2, 1), Subject: "Add files via upload", Added: 18},
		}, steady(day(2, 2), 4, 1)...), 40, true, 0.45},
		{"the same share in an ordinary commit", append([]source.Commit{
			{When: day(2, 1), Subject: "Add the Express skeleton", Added: 18},
		}, steady(day(2, 2), 4, 1)...), 40, false, 0.45},
		{"an upload followed by weeks of work", append([]source.Commit{
			{When: day(2, 1), Subject: "Add files via upload", Added: 30},
		}, steady(day(2, 2), 20, 1)...), 50, false, 0.6},
		{"big start, then many weeks of work", append([]source.Commit{
			{When: day(1, 8), Subject: "Initial commit", Added: 30},
		}, steady(day(1, 9), 12, 4)...), 42, false, 0.71},
		{"big start, then a burst of commits in one week", append([]source.Commit{
			{When: day(1, 8), Subject: "Initial commit", Added: 30},
		}, steady(day(1, 9), 12, 0)...), 42, true, 0.71},
		{"everything in one commit of a small project", []source.Commit{
			{When: day(1, 8), Subject: "Initial commit", Added: 12},
		}, 12, false, 1},
		{"moving the project into a folder is no upload", append(steady(day(1, 1), 25, 2),
			source.Commit{When: day(3, 1), Subject: "Move the API into backend/", Added: 25, Deleted: 25, Changed: 50},
			source.Commit{When: day(3, 2), Subject: "Add the dashboard client", Added: 1}),
			26, false, 0.04},
		{"steady project", steady(day(1, 1), 30, 1), 30, false, 0.03},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := Summarize(newestFirst(tt.commits), files(tt.files), now)
			if h.BulkUpload != tt.want || h.BulkShare != tt.share {
				t.Errorf("BulkUpload=%v BulkShare=%v (commit %s %q, %d after), want %v %v",
					h.BulkUpload, h.BulkShare, h.BulkCommit, h.BulkSubject, h.CommitsAfterBulk, tt.want, tt.share)
			}
		})
	}
}

func TestBulkUnknownWithoutFileCounts(t *testing.T) {
	// A history that lists no files per commit cannot show an upload.
	cs := []source.Commit{{Hash: "a", When: day(1, 1), Subject: "Initial commit"}}
	h := Summarize(cs, files(30), now)
	if h.AddedKnown || h.BulkUpload || h.BulkCommit != "" {
		t.Errorf("AddedKnown=%v BulkUpload=%v BulkCommit=%q", h.AddedKnown, h.BulkUpload, h.BulkCommit)
	}
}

func TestVague(t *testing.T) {
	vague := []string{"update", "Update.", "fix", "FIXES", "wip", "asdf", "test", "changes", "commit", "stuff",
		"minor", "final", "done", "Update README.md", "Create main.py", "Delete app/old.js", "Add files via upload",
		"refactor", "x", "ok", "...", "fix: fix", "feat: ", "minor changes", "bug fix", "  update  code "}
	informative := []string{"Initial commit", "first commit", "Add JWT login and refresh tokens",
		"Fix 500 on duplicate email at signup", "fix: return 404 for unknown orders", "feat(auth): login",
		"Update dependencies", "Update README with the deploy URL", "添加用户登录功能", "Create the orders table"}
	for _, m := range vague {
		if !Vague(m) {
			t.Errorf("Vague(%q) = false, want true", m)
		}
	}
	for _, m := range informative {
		if Vague(m) {
			t.Errorf("Vague(%q) = true, want false", m)
		}
	}
}

func TestMessages(t *testing.T) {
	cs := newestFirst([]source.Commit{
		{When: day(3, 1), Subject: "Initial commit"},
		{When: day(3, 2), Subject: "Add the users resource"},
		{When: day(3, 3), Subject: "update"},
		{When: day(3, 4), Subject: "Merge pull request #1 from dana/users"},
		{When: day(3, 5), Subject: "Merge branch 'main' into feature"},
		{When: day(3, 6), Subject: "Add the users resource"}, // a repeat
		{When: day(3, 7), Subject: "Update README.md"},
		{When: day(3, 8), Subject: "Initial commit"}, // fine once only
		{When: day(3, 9), Subject: "Add pagination to GET /users"},
		{When: day(3, 10), Subject: "update"},
	})
	h := Summarize(cs, files(10), now)
	if h.Commits != 10 || h.MessageCommits != 8 {
		t.Fatalf("Commits=%d MessageCommits=%d, want 10 8 (merges left out of messages)", h.Commits, h.MessageCommits)
	}
	if h.VagueCommits != 5 || h.VagueShare != 0.63 {
		t.Errorf("VagueCommits=%d VagueShare=%v, want 5 0.63", h.VagueCommits, h.VagueShare)
	}
	want := []string{"update", "Add the users resource", "Update README.md", "Initial commit"}
	if fmt.Sprint(h.VagueExamples) != fmt.Sprint(want) {
		t.Errorf("VagueExamples = %q, want %q (distinct, oldest first)", h.VagueExamples, want)
	}
}

func TestYoungSteadySoloProject(t *testing.T) {
	// Three weeks old, one author, a commit every day: nothing to hold
	// against it.
	start := time.Date(2024, 5, 6, 18, 0, 0, 0, time.UTC)
	cs := append([]source.Commit{{When: start.AddDate(0, 0, -1), Subject: "Initial commit", Added: 6}}, steady(start, 21, 1)...)
	h := Summarize(newestFirst(cs), files(27), start.AddDate(0, 0, 21))
	if h.Authors != 1 || h.ActiveDays != 22 || h.ActiveWeeks != 4 || h.SpanWeeks != 4 {
		t.Errorf("Authors=%d ActiveDays=%d ActiveWeeks=%d SpanWeeks=%d", h.Authors, h.ActiveDays, h.ActiveWeeks, h.SpanWeeks)
	}
	if h.BulkUpload || h.VagueShare != 0 || h.LongestGapDays != 1 || h.DaysSinceLast != 1 {
		t.Errorf("BulkUpload=%v VagueShare=%v LongestGapDays=%d DaysSinceLast=%d", h.BulkUpload, h.VagueShare, h.LongestGapDays, h.DaysSinceLast)
	}
}

func TestSummarizeHugeAndOddInput(t *testing.T) {
	// Invalid UTF-8, empty subjects and zero dates must not panic.
	cs := []source.Commit{
		{Hash: "a", Subject: "\xff\xfe", Changed: 1},
		{Hash: "b", Subject: "", When: day(1, 1), Added: -3},
		{Hash: "c", Subject: "Merge pull request #2 from x/y"},
	}
	h := Summarize(cs, nil, now)
	if h.VagueCommits != 2 || h.MessageCommits != 2 {
		t.Errorf("VagueCommits=%d MessageCommits=%d", h.VagueCommits, h.MessageCommits)
	}
}
