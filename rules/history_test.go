package rules

import (
	"strings"
	"testing"
)

// healthy is a history every history check passes.
func healthyHistory() History {
	return History{Available: true, Commits: 42, ActiveWeeks: 9, ActiveDays: 30, SpanWeeks: 12, SpanDays: 80,
		Authors: 1, LongestGapDays: 9, BulkCommit: "0123456789abcdef", BulkSubject: "Initial commit", BulkAdded: 8,
		BulkShare: 0.12, CommitsAfterBulk: 41, AddedKnown: true, MessageCommits: 40, VagueCommits: 3,
		VagueShare: 0.08, VagueExamples: []string{"update"}, DaysSinceLast: 12}
}

func runHistoryCheck(t *testing.T, id string, h History) Result {
	t.Helper()
	_, k := Lookup(id)
	if k == nil {
		t.Fatalf("no check %s", id)
	}
	return k.Run(&Facts{History: h})
}

func TestHistoryCriterionValid(t *testing.T) {
	if err := Validate([]*Criterion{historyCriterion}); err != nil {
		t.Fatal(err)
	}
	for _, k := range historyCriterion.Checks {
		for _, s := range []Stack{{}, {Language: "python", Framework: "fastapi"}, {Language: "go", Framework: "gin"}} {
			if steps := k.Fix(s); len(steps) == 0 {
				t.Errorf("%s: no fix for %+v", k.ID, s)
			}
		}
	}
}

func TestHistoryHealthyPassesEverything(t *testing.T) {
	for _, k := range historyCriterion.Checks {
		r := k.Run(&Facts{History: healthyHistory()})
		if !r.Passed || r.Skipped || r.Message == "" {
			t.Errorf("%s: %+v", k.ID, r)
		}
	}
}

func TestHistorySkippedWithoutHistory(t *testing.T) {
	h := History{Reason: "not a git repository, so there is no commit history to judge"}
	for _, k := range historyCriterion.Checks {
		r := k.Run(&Facts{History: h})
		if !r.Skipped || r.Message != h.Reason {
			t.Errorf("%s: %+v", k.ID, r)
		}
	}
	sc := Score(&Facts{History: h}, Profile{Name: "t", Weights: map[string]float64{"history": 10}})
	for _, c := range sc.Criteria {
		if c.ID == "history" && c.Status != StatusSkipped {
			t.Errorf("history status = %s, want skipped", c.Status)
		}
	}
}

func TestHistoryTruncatedNoted(t *testing.T) {
	h := healthyHistory()
	h.Truncated = true
	r := runHistoryCheck(t, "history.depth", h)
	if !strings.Contains(r.Message, "only the newest commits were read") {
		t.Errorf("message = %q", r.Message)
	}
}

func TestHistoryChecks(t *testing.T) {
	type edit func(h *History)
	tests := []struct {
		id     string
		name   string
		edit   edit
		passed bool
		skip   bool
		want   string // in the message
	}{
		{"history.spread", "two weeks of a long span", func(h *History) { h.ActiveWeeks, h.ActiveDays, h.SpanWeeks = 2, 6, 10 }, false, false, "2 weeks"},
		{"history.spread", "young and steady", func(h *History) { h.ActiveWeeks, h.ActiveDays, h.SpanWeeks = 2, 9, 2 }, true, false, "young project"},
		{"history.spread", "young, one burst", func(h *History) { h.ActiveWeeks, h.ActiveDays, h.SpanWeeks = 1, 2, 1 }, false, false, "2 days"},
		{"history.spread", "three weeks", func(h *History) { h.ActiveWeeks, h.ActiveDays, h.SpanWeeks = 3, 3, 30 }, true, false, "3 weeks"},
		{"history.no-bulk-upload", "bulk upload", func(h *History) {
			h.BulkUpload, h.BulkShare, h.BulkAdded, h.CommitsAfterBulk, h.BulkSubject = true, 0.95, 38, 2, "Add files via upload"
		}, false, false, `"Add files via upload" added 95% of the current files (38 files), then 2 commits followed`},
		{"history.no-bulk-upload", "big but followed by work", func(h *History) { h.BulkShare = 0.7 }, true, false, "0123456"},
		{"history.no-bulk-upload", "file counts unknown", func(h *History) { h.AddedKnown = false }, false, true, "which files"},
		{"history.no-bulk-upload", "no additions", func(h *History) { h.BulkCommit = "" }, true, false, "no commit added"},
		{"history.messages", "vague", func(h *History) {
			h.VagueCommits, h.MessageCommits, h.VagueShare, h.VagueExamples = 7, 10, 0.7, []string{"update", "wip"}
		}, false, false, `7 of 10 commits have uninformative messages ("update", "wip")`},
		{"history.messages", "at the limit", func(h *History) { h.VagueCommits, h.MessageCommits, h.VagueShare = 3, 10, 0.3 }, true, false, "3 of 10"},
		{"history.messages", "only merges", func(h *History) { h.MessageCommits, h.VagueCommits, h.VagueShare = 0, 0, 0 }, true, false, "merge"},
		{"history.steady", "one long silence", func(h *History) { h.SpanWeeks, h.SpanDays, h.LongestGapDays = 30, 200, 150 }, false, false, "150 days"},
		{"history.steady", "short history with a gap", func(h *History) { h.SpanWeeks, h.SpanDays, h.LongestGapDays = 6, 40, 30 }, true, false, "6 weeks"},
		{"history.depth", "few commits", func(h *History) { h.Commits = 4 }, false, false, "4 commits"},
		{"history.depth", "ten", func(h *History) { h.Commits = 10 }, true, false, "10 commits"},
		{"history.recent", "stale", func(h *History) { h.DaysSinceLast = 400 }, false, false, "400 days"},
		{"history.recent", "fresh", func(h *History) { h.DaysSinceLast = 0 }, true, false, "0 days"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.name, func(t *testing.T) {
			h := healthyHistory()
			tt.edit(&h)
			r := runHistoryCheck(t, tt.id, h)
			if r.Passed != tt.passed || r.Skipped != tt.skip || !strings.Contains(r.Message, tt.want) {
				t.Errorf("got passed=%v skipped=%v %q; want passed=%v skipped=%v, message with %q",
					r.Passed, r.Skipped, r.Message, tt.passed, tt.skip, tt.want)
			}
		})
	}
}

func TestHistorySoloYoungProjectScoresFull(t *testing.T) {
	// Three weeks old, one author, 22 commits on 22 days, never a bulk upload.
	h := History{Available: true, Commits: 22, ActiveWeeks: 4, ActiveDays: 22, SpanWeeks: 4, SpanDays: 21,
		Authors: 1, LongestGapDays: 1, AddedKnown: true, BulkCommit: "abc", BulkShare: 0.22, MessageCommits: 22, DaysSinceLast: 1}
	for _, k := range historyCriterion.Checks {
		if r := k.Run(&Facts{History: h}); !r.Passed {
			t.Errorf("%s failed a young solo project: %s", k.ID, r.Message)
		}
	}
}
