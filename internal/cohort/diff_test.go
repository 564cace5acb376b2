package cohort

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/fixture"
)

func TestDiffSingleAndCohort(t *testing.T) {
	ctx := context.Background()
	req := audit.Request{Profile: profile(t), Now: testNow, Offline: true, Version: "test"}
	dir := fixture.Repo(t, "", []fixture.Commit{{When: testNow.Add(-30 * 24 * time.Hour), Message: "Start a hello app", Files: weakFiles()}})
	other := fixture.Repo(t, "", []fixture.Commit{{When: testNow.Add(-30 * 24 * time.Hour), Files: weakFiles()}})
	gone := fixture.Repo(t, "", []fixture.Commit{{When: testNow.Add(-30 * 24 * time.Hour), Files: weakFiles()}})
	run := func(entries ...Entry) *Report {
		rep, err := Run(ctx, entries, Options{Request: req})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rep.Close() })
		return rep
	}
	req1 := req
	req1.Target = dir
	before, err := audit.Run(ctx, req1)
	if err != nil {
		t.Fatal(err)
	}
	oldCohort := run(Entry{Target: dir, Label: "Alice"}, Entry{Target: gone, Label: "Gone"})

	// A week later Alice has turned the hello app into a real API.
	fixture.Repo(t, dir, []fixture.Commit{{When: testNow.Add(-2 * 24 * time.Hour), Message: "Build the orders API", Files: goodFiles(), Delete: []string{"app.py"}}})
	after, err := audit.Run(ctx, req1)
	if err != nil {
		t.Fatal(err)
	}
	newCohort := run(Entry{Target: dir, Label: "Alice"}, Entry{Target: other, Label: "New"})

	d := DiffScorecards(before, after)
	if d.Delta <= 0 || d.ScoreTo != after.Score || d.ScoreFrom != before.Score {
		t.Errorf("delta %d (%d → %d)", d.Delta, d.ScoreFrom, d.ScoreTo)
	}
	has := func(list []CheckChange, prefix string) bool {
		for _, c := range list {
			if strings.HasPrefix(c.ID, prefix) {
				return true
			}
		}
		return false
	}
	if !has(d.NowPassing, "auth.") || !has(d.NowPassing, "database.") || len(d.NowFailing) != 0 {
		t.Errorf("now passing %+v, now failing %+v", d.NowPassing, d.NowFailing)
	}
	var crit []string
	for _, c := range d.Criteria {
		crit = append(crit, c.ID)
	}
	if !strings.Contains(strings.Join(crit, ","), "auth") {
		t.Errorf("criteria deltas %v lack auth", crit)
	}
	// The other way round: checks newly failing and new fixes.
	back := DiffScorecards(after, before)
	if back.Delta != -d.Delta || !has(back.NowFailing, "auth.") || len(back.NewFixes) == 0 {
		t.Errorf("reverse diff: %+v", back)
	}
	var buf bytes.Buffer
	back.WriteText(&buf, "")
	if !strings.Contains(buf.String(), "- now failing auth.") || !strings.Contains(buf.String(), "new fix (+") {
		t.Errorf("text:\n%s", buf.String())
	}

	cd, err := DiffCohorts(oldCohort, newCohort)
	if err != nil {
		t.Fatal(err)
	}
	if len(cd.Targets) != 1 || cd.Targets[0].Target != "Alice" || cd.Targets[0].Delta != d.Delta {
		t.Errorf("cohort targets: %+v", cd.Targets)
	}
	if strings.Join(cd.Added, ",") != "New" || strings.Join(cd.Removed, ",") != "Gone" {
		t.Errorf("added %v removed %v", cd.Added, cd.Removed)
	}
	buf.Reset()
	cd.WriteText(&buf)
	if !strings.HasPrefix(buf.String(), "vetfolio diff: 1 improved, 0 worse, 0 unchanged score, 1 added, 1 removed") {
		t.Errorf("cohort text:\n%s", buf.String())
	}
	// Reading reports back tells single from cohort.
	var js bytes.Buffer
	newCohort.JSON(&js)
	sc, rep, err := ReadDocument(&js, "new.json")
	if err != nil || sc != nil || rep == nil || len(rep.Rows) != 2 {
		t.Fatalf("cohort document: %v %v %v", err, sc, rep)
	}
	rep.Close()
	if _, _, err := ReadDocument(strings.NewReader(`{"hello": 1}`), "x.json"); err == nil || !strings.Contains(err.Error(), "x.json: not a vetfolio JSON report") {
		t.Errorf("foreign JSON: %v", err)
	}
}
