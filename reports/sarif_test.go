package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vetfolio/vetfolio/rules"
)

// sarifSchema compiles the official SARIF 2.1.0 schema (OASIS, errata 01)
// shipped in testdata.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(SARIFSchema, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(SARIFSchema)
	if err != nil {
		t.Fatalf("compile the SARIF schema: %v", err)
	}
	return s
}

func renderSARIF(t *testing.T, r SARIF, sc *rules.Scorecard) (raw []byte, log sarifLog) {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, sc); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), log
}

func validateSARIF(t *testing.T, schema *jsonschema.Schema, raw []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF does not validate against the 2.1.0 schema: %v", err)
	}
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	schema := sarifSchema(t)
	for name, sc := range fixtureScorecards() {
		t.Run(name, func(t *testing.T) {
			raw, _ := renderSARIF(t, SARIF{}, sc)
			validateSARIF(t, schema, raw)
		})
	}
	// The schema must reject what GitHub would: a result without a message.
	bad := []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a"}]}]}`)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if schema.Validate(inst) == nil {
		t.Error("the schema accepted a result without a message: validation is not working")
	}
}

// TestSARIFOverTheRealRubric scores empty facts with the real rubric, so
// every check of every criterion becomes a rule with its documentation.
func TestSARIFOverTheRealRubric(t *testing.T) {
	p, err := rules.LookupProfile("")
	if err != nil {
		t.Fatal(err)
	}
	f := &rules.Facts{Stack: rules.Stack{Language: "python", Framework: "fastapi"}}
	sc := rules.Score(f, p)
	sc.Tool = rules.Tool{Name: "vetfolio", Version: "test"}
	sc.Target = rules.Target{Kind: "local", Path: "."}
	raw, log := renderSARIF(t, SARIF{}, sc)
	validateSARIF(t, sarifSchema(t), raw)

	run := log.Runs[0]
	checks := 0
	for _, cr := range sc.Criteria {
		checks += len(cr.Checks)
	}
	if got := len(run.Tool.Driver.Rules); got != checks || got == 0 {
		t.Errorf("%d rules for %d checks", got, checks)
	}
	for _, r := range run.Tool.Driver.Rules {
		_, k := rules.Lookup(r.ID)
		if k == nil {
			t.Errorf("rule %s is not a check", r.ID)
			continue
		}
		if r.FullDescription.Text != k.Doc || !strings.Contains(r.Help.Text, k.Doc) {
			t.Errorf("rule %s: help is not built from the check's doc", r.ID)
		}
	}
	failing := 0
	for _, cr := range sc.Criteria {
		for _, k := range cr.Checks {
			if !k.Passed && !k.Skipped {
				failing++
			}
		}
	}
	if len(run.Results) != failing {
		t.Errorf("%d results for %d failing checks", len(run.Results), failing)
	}
}

func TestSARIFResults(t *testing.T) {
	_, log := renderSARIF(t, SARIF{lookup: fixtureCatalog}, weakScorecard())
	results := map[string]sarifResult{}
	for _, r := range log.Runs[0].Results {
		results[r.RuleID] = r
		if len(r.Locations) != 1 {
			t.Errorf("%s: %d locations, GitHub wants exactly one primary location", r.RuleID, len(r.Locations))
		}
		if log.Runs[0].Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: ruleIndex %d points at another rule", r.RuleID, r.RuleIndex)
		}
	}
	if _, ok := results["database.relations"]; ok {
		t.Error("a passing check became a result")
	}
	if _, ok := results["deployment.live"]; ok {
		t.Error("a skipped check became a result")
	}
	auth := results["auth.protected-routes"]
	if auth.Level != "error" {
		t.Errorf("auth (weight 14) gave level %q, want error", auth.Level)
	}
	loc := auth.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "src/routes/todos.js" || loc.Region == nil || loc.Region.StartLine != 8 {
		t.Errorf("auth location %+v", loc)
	}
	if len(auth.RelatedLocations) != 3 {
		t.Errorf("%d related locations, want the other 3 pieces of evidence", len(auth.RelatedLocations))
	}
	if lvl := results["tests.files"].Level; lvl != "warning" {
		t.Errorf("tests (weight 10) gave level %q, want warning", lvl)
	}
	if lvl := results["scope.resources"].Level; lvl != "note" {
		t.Errorf("scope (weight 4) gave level %q, want note", lvl)
	}
	// Without a file in the evidence, the result points at the README.
	if uri := results["tests.files"].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "README.md" {
		t.Errorf("fallback location %q, want README.md", uri)
	}
	if log.Runs[0].VersionControlProvenance[0].RepositoryURI != "https://github.com/jdoe/todo-api" {
		t.Errorf("provenance %+v", log.Runs[0].VersionControlProvenance)
	}

	// A relative subfolder target prefixes the paths, so they are relative
	// to the checkout GitHub knows; a secret is an error whatever its weight.
	_, log = renderSARIF(t, SARIF{lookup: fixtureCatalog}, strongScorecard())
	for _, r := range log.Runs[0].Results {
		if uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; !strings.HasPrefix(uri, "examples/fastapi-shop/") {
			t.Errorf("%s: uri %q is not under the audited subfolder", r.RuleID, uri)
		}
	}
	_, log = renderSARIF(t, SARIF{lookup: fixtureCatalog}, skippedScorecard())
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "security.no-secrets" && r.Level != "error" {
			t.Errorf("a committed secret is %q, want error", r.Level)
		}
		if uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; strings.HasPrefix(uri, "/") {
			t.Errorf("absolute target leaked into uri %q", uri)
		}
	}
}
