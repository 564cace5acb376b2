package reportschema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/cohort"
	"github.com/vetfolio/vetfolio/rules"
)

var update = flag.Bool("update", false, "rewrite the published schemas under schema/")

// TestPublished keeps schema/report.schema.json and
// schema/cohort.schema.json equal to what the types give.
func TestPublished(t *testing.T) {
	for _, name := range Names {
		want, _ := Get(name)
		path := filepath.Join("..", "..", "schema", name+".schema.json")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./internal/reportschema -update writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date: run go test ./internal/reportschema -update", path)
		}
	}
}

func compile(t *testing.T) (report, cohortSchema *jsonschema.Schema) {
	t.Helper()
	c := jsonschema.NewCompiler()
	for id, doc := range map[string][]byte{ReportID: Report(), CohortID: Cohort()} {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if err := c.AddResource(id, v); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
	}
	var err error
	if report, err = c.Compile(ReportID); err != nil {
		t.Fatalf("compile the report schema: %v", err)
	}
	if cohortSchema, err = c.Compile(CohortID); err != nil {
		t.Fatalf("compile the cohort schema: %v", err)
	}
	return report, cohortSchema
}

// goldenReports are every single JSON report kept as a golden file.
func goldenReports(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"../../reports/testdata/golden", "../e2e/testdata/golden"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			if !strings.HasSuffix(f, ".badge.json") {
				files = append(files, f)
			}
		}
	}
	if len(files) < 5 {
		t.Fatalf("found only %d golden reports: %v", len(files), files)
	}
	return files
}

func validate(t *testing.T, s *jsonschema.Schema, name string, raw []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s.Validate(v)
}

func TestEveryGoldenReportValidates(t *testing.T) {
	report, _ := compile(t)
	for _, f := range goldenReports(t) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(t, report, f, raw); err != nil {
			t.Errorf("%s does not follow the report schema:\n%v", f, err)
		}
	}
}

// TestSchemaRefusesBrokenReports makes sure the schema is not so loose that
// anything passes: each change breaks a part of the contract.
func TestSchemaRefusesBrokenReports(t *testing.T) {
	report, _ := compile(t)
	raw, err := os.ReadFile("../e2e/testdata/golden/express-weak.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(m map[string]any){
		"renamed score":       func(m map[string]any) { m["total"] = m["score"]; delete(m, "score") },
		"score above 100":     func(m map[string]any) { m["score"] = 140 },
		"unknown status":      func(m map[string]any) { crit(m)["status"] = "great" },
		"unknown criterion":   func(m map[string]any) { crit(m)["id"] = "vibes" },
		"schema_version 2":    func(m map[string]any) { m["schema_version"] = 2 },
		"check without id":    func(m map[string]any) { delete(crit(m)["checks"].([]any)[0].(map[string]any), "id") },
		"evidence line text":  func(m map[string]any) { firstEvidence(t, m)["line"] = "12" },
		"unknown target kind": func(m map[string]any) { m["target"].(map[string]any)["kind"] = "gitlab" },
	}
	for name, breakIt := range cases {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		breakIt(m)
		b, _ := json.Marshal(m)
		if err := validate(t, report, name, b); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

func crit(m map[string]any) map[string]any { return m["criteria"].([]any)[0].(map[string]any) }

func firstEvidence(t *testing.T, m map[string]any) map[string]any {
	for _, c := range m["criteria"].([]any) {
		for _, k := range c.(map[string]any)["checks"].([]any) {
			if ev, _ := k.(map[string]any)["evidence"].([]any); len(ev) > 0 {
				return ev[0].(map[string]any)
			}
		}
	}
	t.Fatal("no evidence in the golden report")
	return nil
}

// TestCohortReportValidates builds a cohort of the golden reports (and one
// target that fails) and validates its JSON against the cohort schema,
// which holds each row's full report to the report schema.
func TestCohortReportValidates(t *testing.T) {
	_, cohortSchema := compile(t)
	byTarget := map[string]*rules.Scorecard{}
	var entries []cohort.Entry
	for _, f := range goldenReports(t) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var sc rules.Scorecard
		if err := json.Unmarshal(raw, &sc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		byTarget[f] = &sc
		entries = append(entries, cohort.Entry{Target: f})
	}
	entries = append(entries, cohort.Entry{Target: "nobody/missing", Label: "Missing"})
	rep, err := cohort.Run(context.Background(), entries, cohort.Options{Jobs: 2,
		Request: audit.Request{Offline: true, Version: "test", Profile: saas(t)},
		Audit: func(_ context.Context, req audit.Request) (*rules.Scorecard, error) {
			if sc, ok := byTarget[req.Target]; ok {
				return sc, nil
			}
			return nil, errors.New("repository not found")
		},
		ExitCode: func(error) int { return 5 },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	var buf bytes.Buffer
	if err := rep.JSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := validate(t, cohortSchema, "cohort", buf.Bytes()); err != nil {
		t.Errorf("the cohort report does not follow the cohort schema:\n%v", err)
	}
	// A row whose full report breaks the single report's contract fails too.
	broken := strings.Replace(buf.String(), `"status": "pass"`, `"status": "great"`, 1)
	if broken == buf.String() {
		t.Fatal("no passing criterion in the cohort to break")
	}
	if err := validate(t, cohortSchema, "broken cohort", []byte(broken)); err == nil {
		t.Error("the cohort schema accepts a member report with status \"great\"")
	}
}

func saas(t *testing.T) rules.Profile {
	t.Helper()
	p, err := rules.LookupProfile("saas")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
