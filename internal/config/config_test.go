package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite golden files and the published schema")

func TestParseFullConfig(t *testing.T) {
	src := `# vetfolio settings
url: https://notes-api.onrender.com
profile: platform
ignore:
  - docs/
  - "**/*.ipynb"
checks:
  deployment.live:
    off: true
    reason: "The free tier sleeps; the demo video shows it running"
  auth.mechanism:
    off: false
weights:
  auth: 20
  scope: 2.5
fail_under: 70
minimums:
  security: 60
  tests: 50
`
	c, err := Parse(".vetfolio.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fu := 70
	want := &Config{
		Path: ".vetfolio.yaml", URL: "https://notes-api.onrender.com", Profile: "platform",
		Ignore: []string{"docs/", "**/*.ipynb"},
		Checks: map[string]Check{
			"deployment.live": {Off: true, Reason: "The free tier sleeps; the demo video shows it running"},
			"auth.mechanism":  {},
		},
		Weights:   map[string]float64{"auth": 20, "scope": 2.5},
		FailUnder: &fu,
		Minimums:  map[string]int{"security": 60, "tests": 50},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v\nwant %+v", c, want)
	}
	if s := c.Suppressions(); !reflect.DeepEqual(s, map[string]string{"deployment.live": "The free tier sleeps; the demo video shows it running"}) {
		t.Errorf("suppressions = %v", s)
	}
}

func TestParseEmptyAndNulls(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "url:\nprofile: ~\nchecks:\n", "{}"} {
		c, err := Parse("c.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if c.URL != "" || c.Profile != "" || c.Checks != nil || c.Suppressions() != nil {
			t.Errorf("%q: %+v", src, c)
		}
	}
}

// TestErrorsGolden runs every file in testdata/errors and compares the
// messages with testdata/errors.golden.
func TestErrorsGolden(t *testing.T) {
	names, _ := filepath.Glob("testdata/errors/*.yaml")
	sort.Strings(names)
	var out bytes.Buffer
	for _, name := range names {
		data, _ := os.ReadFile(name)
		_, err := Parse(filepath.Base(name), data)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if _, ok := err.(*Error); !ok {
			t.Errorf("%s: error %T is not *config.Error", name, err)
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: error echoes a password: %v", name, err)
		}
		fmt.Fprintln(&out, err)
	}
	golden := "testdata/errors.golden"
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if out.String() != string(want) {
		t.Errorf("config errors changed (go test ./internal/config -update to accept):\n%s", diff(string(want), out.String()))
	}
}

func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "- %s\n+ %s\n", a, c)
		}
	}
	return b.String()
}

func TestErrorPositions(t *testing.T) {
	_, err := Parse("x.yaml", []byte("url: https://a.example.com\nchecks:\n  auth.protectd-routes:\n    off: true\n    reason: internal\n"))
	e, ok := err.(*Error)
	if !ok || e.File != "x.yaml" || e.Line != 3 || e.Column != 3 || e.Key != "checks" || !strings.Contains(e.Msg, `did you mean "auth.protected-routes"`) {
		t.Errorf("error = %#v", err)
	}
	_, err = Parse("x.yaml", []byte("checks:\n  deployment.live:\n    off: true\n"))
	e, _ = err.(*Error)
	if e == nil || e.Line != 3 || e.Key != "checks.deployment.live" {
		t.Errorf("error = %#v", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	os.WriteFile(p, []byte("profile: agency\n"), 0o644)
	c, err := Load(p)
	if err != nil || c.Profile != "agency" || c.Path != p {
		t.Errorf("load = %+v, %v", c, err)
	}
}

func TestHostileInput(t *testing.T) {
	inputs := []string{"\xff\xfe\x00", strings.Repeat("[", 10000), "a: &a [*a]", "checks: {x: {off: true}}: 1",
		strings.Repeat("k", 100000) + ": 1", "fail_under: 99999999999999999999999", "ignore: [" + strings.Repeat("**/", 200) + "x]",
		"weights: {auth: .nan}", "url: !!binary aGVsbG8=", "<<: {profile: saas}"}
	for _, in := range inputs {
		_, _ = Parse("h.yaml", []byte(in)) // must not panic
	}
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		pats []string
		path string
		want bool
	}{
		{[]string{"docs/"}, "docs/guide.md", true},
		{[]string{"docs"}, "docs/api/openapi.yaml", true},
		{[]string{"docs/"}, "src/docs/x.py", false},
		{[]string{"**/docs"}, "src/docs/x.py", true},
		{[]string{"**/*.ipynb"}, "notebooks/eda.ipynb", true},
		{[]string{"**/*.ipynb"}, "eda.ipynb", true},
		{[]string{"*.ipynb"}, "notebooks/eda.ipynb", false},
		{[]string{"legacy/**"}, "legacy/old/app.py", true},
		{[]string{"legacy/**"}, "legacyx/app.py", false},
		{[]string{"frontend/src/*.ts"}, "frontend/src/api.ts", true},
		{[]string{"frontend/src/*.ts"}, "frontend/src/lib/api.ts", false},
		{[]string{"**/**/**/z"}, "a/b/c/d/e/f/g/z", true},
		{nil, "app.py", false},
	}
	for _, tt := range tests {
		if got := Ignored(tt.pats, tt.path); got != tt.want {
			t.Errorf("Ignored(%q, %q) = %v", tt.pats, tt.path, got)
		}
	}
}

// TestSchemaPublished keeps schema/vetfolio.schema.json equal to Schema().
func TestSchemaPublished(t *testing.T) {
	published := filepath.Join("..", "..", "schema", "vetfolio.schema.json")
	if *update {
		if err := os.WriteFile(published, Schema(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(published)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/config -update)", err)
	}
	if !bytes.Equal(got, Schema()) {
		t.Error("schema/vetfolio.schema.json is out of date: run go test ./internal/config -update")
	}
}

// TestSchemaAgreesWithParser validates configurations with the schema and
// the parser: what one accepts, the other must too.
func TestSchemaAgreesWithParser(t *testing.T) {
	var doc any
	if err := json.Unmarshal(Schema(), &doc); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatal(err)
	}
	valid := []string{
		"profile: enterprise\nweights: {tests: 30}\nminimums: {auth: 50}\nfail_under: 60\n",
		"url: https://x.fly.dev\nignore: [docs/]\nchecks: {deployment.live: {off: true, reason: sleeps}}\n",
		"checks: {deployment.non-root: {off: false}}\n",
	}
	names, _ := filepath.Glob("testdata/errors/*.yaml")
	for _, src := range valid {
		if _, err := Parse("v.yaml", []byte(src)); err != nil {
			t.Errorf("parser refuses %q: %v", src, err)
		}
		if err := sch.Validate(toJSON(t, []byte(src))); err != nil {
			t.Errorf("schema refuses %q: %v", src, err)
		}
	}
	// Every error case the schema can express must fail it too.
	schemaBlind := map[string]bool{"syntax.yaml": true, "two-documents.yaml": true, "duplicate-key.yaml": true,
		"ignore-absolute.yaml": true, "ignore-bad-glob.yaml": true, "url-credentials.yaml": true, "off-blank-reason.yaml": true}
	for _, name := range names {
		if schemaBlind[filepath.Base(name)] {
			continue
		}
		data, _ := os.ReadFile(name)
		if err := sch.Validate(toJSON(t, data)); err == nil {
			t.Errorf("schema accepts %s, which the parser refuses", name)
		}
	}
}

func toJSON(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	b, _ := json.Marshal(v)
	var out any
	json.Unmarshal(b, &out)
	return out
}
