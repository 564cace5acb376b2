package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

func TestDiffMarkdownFormat(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, sc rules.Scorecard) string {
		b, err := json.Marshal(sc)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	crit := func(score int, status string, passed bool) []rules.CriterionResult {
		return []rules.CriterionResult{{ID: "database", Title: "Database", Score: score, Status: status,
			Checks: []rules.CheckResult{{ID: "database.migrations", Passed: passed, Message: "migrations: " + status}}}}
	}
	old := write("old.json", rules.Scorecard{SchemaVersion: rules.SchemaVersion, Target: rules.Target{Kind: "local", Path: "."}, Score: 40, Grade: "D", Criteria: crit(0, "fail", false),
		Fixes: []rules.Fix{{Criterion: "database", Check: "database.migrations", Title: "Add migrations", Gain: 6}}})
	cur := write("new.json", rules.Scorecard{SchemaVersion: rules.SchemaVersion, Target: rules.Target{Kind: "local", Path: "."}, Score: 52, Grade: "C", Criteria: crit(100, "pass", true), Fixes: []rules.Fix{}})

	for _, f := range []string{"markdown", "md"} {
		code, out, errOut := run(t, nil, "diff", old, cur, "--format", f)
		if code != ExitOK {
			t.Fatalf("--format %s: exit %d: %s", f, code, errOut)
		}
		for _, want := range []string{"# vetfolio diff: .\n", "**Score 40 → 52 (+12)**, grade D → C", "| database | 0 → 100 | +100 | ❌ fail → ✅ pass |", "- ✅ `database.migrations` — migrations: pass"} {
			if !strings.Contains(out, want) {
				t.Errorf("--format %s lacks %q:\n%s", f, want, out)
			}
		}
	}
	if code, _, errOut := run(t, nil, "diff", old, cur, "--format", "sarif"); code != ExitUsage || !strings.Contains(errOut, "text, json or markdown") {
		t.Errorf("--format sarif: exit %d: %s", code, errOut)
	}
}
