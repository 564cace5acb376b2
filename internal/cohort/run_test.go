package cohort

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/github"
	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

func exitCodeOf(err error) int {
	var c interface{ ExitCode() int }
	if errors.As(err, &c) {
		return c.ExitCode()
	}
	return 1
}

// cohortServer serves a good, a weak and a private repository; "ghost"
// does not exist.
func cohortServer(t *testing.T) (*githubtest.Server, *front) {
	t.Helper()
	good := gitRepo(t, "alice", "orders-api", goodFiles(), 6)
	weak := gitRepo(t, "bob", "hello", weakFiles(), 1)
	private := gitRepo(t, "carol", "secret-api", goodFiles(), 2)
	private.Private = true
	srv := githubtest.New(good, weak, private)
	t.Cleanup(srv.Close)
	return srv, newFront(t, srv)
}

func TestRunCohortWithRateLimit(t *testing.T) {
	_, f := cohortServer(t)
	// A window of 9 requests: the cohort needs more, so it must wait for
	// a reset part-way through instead of failing targets. The window
	// lasts a few seconds: one that reset every second refilled itself on
	// a loaded machine before the cohort ran low, and the budget had
	// nothing to slow down for (seen in a CI run).
	f.Limit, f.Window = 9, 3*time.Second
	entries := []Entry{
		{Target: "alice/orders-api", Label: "Alice", URL: "https://orders.example.com"},
		{Target: "bob/hello", Label: "Bob"},
		{Target: "ghost/nothing", Label: "Ghost"},
		{Target: "carol/secret-api", Label: "Carol"},
	}
	var notes []string
	budget := &github.Budget{Reserve: 1, Notify: func(m string) { notes = append(notes, m) }}
	var lines bytes.Buffer
	rep, err := Run(context.Background(), entries, Options{
		Jobs: 2,
		Request: audit.Request{Profile: profile(t), Now: testNow, Version: "test", Offline: false, MaxRequests: 1,
			Transport: budget,
			Env:       env(map[string]string{"GITHUB_API_URL": f.APIURL(), "VETFOLIO_CACHE_DIR": t.TempDir()})},
		Progress: &Lines{W: &lines},
		ExitCode: exitCodeOf,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	if rep.Targets != 4 || rep.Audited != 2 || rep.Failed != 2 {
		t.Fatalf("targets/audited/failed = %d/%d/%d, want 4/2/2; rows %+v", rep.Targets, rep.Audited, rep.Failed, rep.Rows)
	}
	if rep.Rows[0].Label != "Alice" || rep.Rows[1].Label != "Bob" || rep.Rows[0].Score <= rep.Rows[1].Score {
		t.Errorf("rows not sorted by score: %s %d, %s %d", rep.Rows[0].Label, rep.Rows[0].Score, rep.Rows[1].Label, rep.Rows[1].Score)
	}
	for _, r := range rep.Rows[2:] {
		if r.ExitCode != github.ExitNotFound || !strings.Contains(r.Error, "not found") {
			t.Errorf("%s: exit %d, error %q; want not found (5)", r.Label, r.ExitCode, r.Error)
		}
	}
	t.Logf("budget %+v, rate-limited answers %d", budget.State(), f.limited)
	if st := budget.State(); st.Waits == 0 {
		t.Errorf("the budget never slowed down (state %+v, %d rate-limited answers)", st, f.limited)
	}
	if len(notes) == 0 {
		t.Error("no note about the rate limit")
	}
	if rep.Rows[0].Status["database"] != "pass" || rep.Rows[1].Status["auth"] != "fail" {
		t.Errorf("statuses: good %v, weak %v", rep.Rows[0].Status, rep.Rows[1].Status)
	}
	sc, err := rep.Scorecard(rep.Rows[0])
	if err != nil || sc == nil || sc.Target.Repo != "alice/orders-api" || sc.Target.Label != "Alice" {
		t.Fatalf("full report of the first row: %v %+v", err, sc)
	}
	if got := lines.String(); !strings.Contains(got, "[4/4]") || !strings.Contains(got, "Ghost: failed") || strings.Contains(got, "\r") {
		t.Errorf("progress lines:\n%s", got)
	}
	// What a mentor reads: the weak project lacks auth.
	found := false
	for _, s := range rep.Summary {
		for _, c := range s.Checks {
			if strings.HasPrefix(c.ID, "auth.") && c.Of == 2 && strings.HasPrefix(c.Message, "1 of 2 fail: ") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no auth check failing for 1 of 2 in the summary: %+v", rep.Summary)
	}
}
