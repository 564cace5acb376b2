package cohort

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// card builds a small scorecard of ana/orders-api.
func card(score int, grade, commit string, criteria []rules.CriterionResult, fixes ...rules.Fix) *rules.Scorecard {
	return &rules.Scorecard{SchemaVersion: rules.SchemaVersion, Target: rules.Target{Kind: "github", Repo: "ana/orders-api", Commit: commit},
		Score: score, Grade: grade, Criteria: criteria, Fixes: fixes}
}

func crit(id string, score int, status string, checks ...rules.CheckResult) rules.CriterionResult {
	return rules.CriterionResult{ID: id, Title: id, Score: score, Status: status, Checks: checks}
}

func pass(id, msg string) rules.CheckResult {
	return rules.CheckResult{ID: id, Passed: true, Message: msg}
}
func fail(id, msg string) rules.CheckResult { return rules.CheckResult{ID: id, Message: msg} }

// weekOne and weekTwo are a mentee's reports a week apart: auth and
// migrations arrived, the CI run went red, and a pipe in a message must
// not break the table.
func weekOne() *rules.Scorecard {
	return card(38, "D", "1a2b3c4d5e6f7a8b9c0d", []rules.CriterionResult{
		crit("auth", 0, "fail", fail("auth.protected-routes", "no route requires a token"), fail("auth.password-hashing", "no password hashing library")),
		crit("database", 40, "partial", pass("database.relational", "PostgreSQL through SQLAlchemy"), fail("database.migrations", "no migrations folder")),
		crit("tests", 100, "pass", pass("tests.ci", "the latest CI run on main passed")),
		crit("readme", 60, "partial", pass("readme.setup", "README has setup steps"), fail("readme.env", "README does not name the environment variables")),
	},
		rules.Fix{Criterion: "auth", Check: "auth.protected-routes", Title: "Protect the routes that change data", Gain: 9.5},
		rules.Fix{Criterion: "database", Check: "database.migrations", Title: "Add Alembic migrations", Gain: 6},
		rules.Fix{Criterion: "readme", Check: "readme.env", Title: "List the environment variables in the README", Gain: 1.5},
	)
}

func weekTwo() *rules.Scorecard {
	return card(61, "C", "9f8e7d6c5b4a39281706", []rules.CriterionResult{
		crit("auth", 100, "pass", pass("auth.protected-routes", "4 of 4 write routes depend on current_user"), pass("auth.password-hashing", "passlib bcrypt")),
		crit("database", 100, "pass", pass("database.relational", "PostgreSQL through SQLAlchemy"), pass("database.migrations", "2 Alembic revisions")),
		crit("tests", 0, "fail", fail("tests.ci", "the latest CI run on main failed | pytest")),
		crit("readme", 60, "partial", pass("readme.setup", "README has setup steps"), fail("readme.env", "README does not name the environment variables")),
		crit("scope", 50, "partial", pass("scope.resources", "2 resources"), fail("scope.pagination", "no list endpoint takes limit/offset")),
	},
		rules.Fix{Criterion: "tests", Check: "tests.ci", Title: "Make the CI run green", Gain: 7},
		rules.Fix{Criterion: "readme", Check: "readme.env", Title: "List the environment variables in the README", Gain: 1.5},
		rules.Fix{Criterion: "scope", Check: "scope.pagination", Title: "Paginate list endpoints with <limit> and <offset>", Gain: 1.2},
	)
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./internal/cohort -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./internal/cohort -update rewrites it); got:\n%s", path, got)
	}
}

func TestDiffMarkdownGolden(t *testing.T) {
	d := DiffScorecards(weekOne(), weekTwo())
	var single bytes.Buffer
	if err := d.WriteMarkdown(&single, 1); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "diff.md", single.Bytes())

	// What a mentor must see, whatever the golden says.
	s := single.String()
	for _, want := range []string{
		"# vetfolio diff: ana/orders-api\n",
		"**Score 38 → 61 (+23)**, grade D → C, commit `1a2b3c4` → `9f8e7d6`",
		"| auth | 0 → 100 | +100 | ❌ fail → ✅ pass |",
		"| tests | 100 → 0 | -100 | ✅ pass → ❌ fail |",
		"| scope | 0 → 50 | +50 | new → 🟡 partial |",
		"- ✅ `database.migrations` — 2 Alembic revisions",
		"- ❌ `tests.ci` — the latest CI run on main failed \\| pytest",
		"- [ ] **Make the CI run green** (+7.0 points, `tests.ci`)",
		"&lt;limit&gt;",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(s, "| readme |") || strings.Contains(s, "List the environment variables") {
		t.Error("an unchanged criterion or an old fix is listed")
	}

	same := DiffScorecards(weekTwo(), weekTwo())
	var none bytes.Buffer
	if err := same.WriteMarkdown(&none, 2); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(none.String(), "## ana/orders-api\n") || !strings.HasSuffix(none.String(), "\nNo change.\n") || strings.Contains(none.String(), "###") {
		t.Errorf("unchanged diff:\n%s", none.String())
	}

	// A cohort: Ana improved, Ben went back, Cy did not move; Dee is new,
	// Eve left, Fay's audit newly failed.
	ana := d
	ana.Target = "Ana"
	ben := DiffScorecards(weekTwo(), weekOne())
	ben.Target = "Ben"
	cy := same
	cy.Target = "Cy"
	cd := CohortDiff{Kind: Kind, Targets: []Diff{ana, ben, cy}, Added: []string{"Dee"}, Removed: []string{"Eve"},
		NowFailing: []string{"Fay: repository not found"}, NowOK: []string{}}
	var cohort bytes.Buffer
	if err := cd.WriteMarkdown(&cohort); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "diff-cohort.md", cohort.Bytes())
	c := cohort.String()
	for _, want := range []string{
		"1 improved, 1 worse, 1 unchanged score, 1 added, 1 removed.",
		"| Ana | 38 → 61 | +23 | D → C | 4 | 2 | 2 |",
		"| Ben | 61 → 38 | -23 | C → D | 1 | 3 | 2 |",
		"| Cy | 61 → 61 | 0 | C | 0 | 0 | 0 |",
		"<summary>Ana: +23</summary>\n\n### Ana\n",
		"## Now failing to audit\n\n- Fay: repository not found\n",
	} {
		if !strings.Contains(c, want) {
			t.Errorf("cohort markdown lacks %q", want)
		}
	}
	if strings.Contains(c, "<summary>Cy") || strings.Count(c, "<details>") != 2 || strings.Count(c, "</details>") != 2 {
		t.Errorf("want details for the two changed targets only:\n%s", c)
	}
}
