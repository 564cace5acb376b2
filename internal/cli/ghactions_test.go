package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/vetfolio/vetfolio/rules"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func actionsScorecard() *rules.Scorecard {
	return &rules.Scorecard{
		SchemaVersion: 1, Profile: "saas", Score: 41, Grade: "F", Coverage: 1,
		Target: rules.Target{Kind: "local", Path: "services/api", Commit: "abc123def456"},
		Criteria: []rules.CriterionResult{{ID: "auth", Title: "Authentication", Weight: 14, Status: rules.StatusFail,
			Checks: []rules.CheckResult{
				{ID: "auth.protected-routes", Title: "Routes require authentication", Message: "none of 4 routes, in users.py: all open",
					Evidence: []rules.Location{{Path: "app/users.py", Line: 12}}},
				{ID: "auth.library", Title: "Uses a JWT or OAuth library", Message: "no library", Evidence: []rules.Location{}},
			}}},
		Fixes: []rules.Fix{
			{Criterion: "auth", Check: "auth.protected-routes", Title: "Routes require authentication", Gain: 9.5,
				Steps:    []string{"Add `Depends(get_current_user)` to each router", "Return 401 without a token"},
				Evidence: []rules.Location{{Path: "app/users.py", Line: 12}}},
			{Criterion: "auth", Check: "auth.library", Title: "Uses a JWT or OAuth library", Gain: 4,
				Steps: []string{"Add python-jose"}},
		},
		Facts: &rules.Facts{},
	}
}

func TestGitHubActionsOnlyInAWorkflow(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"not in Actions", map[string]string{}, false},
		{"GITHUB_ACTIONS=false", map[string]string{"GITHUB_ACTIONS": "false"}, false},
		{"in Actions", map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com",
			"GITHUB_REPOSITORY": "ana/shop", "GITHUB_SHA": "ffff"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			summary := filepath.Join(t.TempDir(), "summary.md")
			tc.env["GITHUB_STEP_SUMMARY"] = summary
			var out, errOut bytes.Buffer
			o := &auditOptions{Streams: Streams{Out: &out, ErrOut: &errOut, Env: envOf(tc.env)}, Formats: []string{"text"}}
			githubActions(o, actionsScorecard())

			data, err := os.ReadFile(summary)
			if !tc.want {
				if err == nil || out.Len() > 0 || errOut.Len() > 0 {
					t.Fatalf("wrote outside Actions: summary %q, stdout %q, stderr %q", data, out.String(), errOut.String())
				}
				return
			}
			if err != nil {
				t.Fatalf("no step summary: %v", err)
			}
			if !strings.Contains(string(data), "## vetfolio: 41/100 (F)") {
				t.Errorf("summary is not the Markdown report:\n%s", data)
			}
			// Links go to the file on GitHub, under the audited subfolder, at the audited commit.
			if link := "(https://github.com/ana/shop/blob/abc123def456/services/api/app/users.py#L12)"; !strings.Contains(string(data), link) {
				t.Errorf("summary lacks the link %s:\n%s", link, data)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if len(lines) != 1 {
				t.Fatalf("want one annotation (the other fix has no file), got %q", out.String())
			}
			want := "::warning file=services/api/app/users.py,line=12,title=vetfolio auth.protected-routes (+9.5 points)::" +
				"Routes require authentication: none of 4 routes, in users.py: all open%0AFix: Add `Depends(get_current_user)` to each router%0AReturn 401 without a token"
			if lines[0] != want {
				t.Errorf("annotation\n got %s\nwant %s", lines[0], want)
			}

			// A second run appends; it never truncates what other steps wrote.
			githubActions(o, actionsScorecard())
			data, _ = os.ReadFile(summary)
			if strings.Count(string(data), "## vetfolio:") != 2 {
				t.Error("the step summary was not appended to")
			}
		})
	}
}

func TestAnnotationsKeepMachineStdoutClean(t *testing.T) {
	var out, errOut bytes.Buffer
	o := &auditOptions{Streams: Streams{Out: &out, ErrOut: &errOut, Env: envOf(map[string]string{"GITHUB_ACTIONS": "true"})},
		Formats: []string{"json"}}
	githubActions(o, actionsScorecard())
	if out.Len() != 0 || !strings.HasPrefix(errOut.String(), "::warning ") {
		t.Errorf("with JSON on stdout, annotations must go to stderr: stdout %q, stderr %q", out.String(), errOut.String())
	}
	o.Formats, o.Outputs = []string{"json", "text"}, []string{"report.json", "-"}
	if o.machineStdout() {
		t.Error("JSON written to a file counted as stdout")
	}
}

func TestAnnotationEscaping(t *testing.T) {
	if got := escapeProperty("a,b:c%\nd"); got != "a%2Cb%3Ac%25%0Ad" {
		t.Errorf("escapeProperty = %q", got)
	}
	if got := escapeData("50% done\r\nnext: a,b"); got != "50%25 done%0D%0Anext: a,b" {
		t.Errorf("escapeData = %q", got)
	}
	sc := actionsScorecard()
	sc.Fixes = nil
	for i := 0; i < maxAnnotations+3; i++ {
		sc.Fixes = append(sc.Fixes, rules.Fix{Check: "auth.protected-routes", Title: "t", Evidence: []rules.Location{{Path: "a.py", Line: i + 1}}})
	}
	var buf bytes.Buffer
	writeAnnotations(&buf, sc)
	if n := strings.Count(buf.String(), "::warning "); n != maxAnnotations {
		t.Errorf("%d annotations, want the cap %d", n, maxAnnotations)
	}
	if !strings.Contains(buf.String(), "::notice ") {
		t.Error("no notice that annotations were capped")
	}
}

// TestAuditUnderGitHubActions runs the whole command as a workflow would.
func TestAuditUnderGitHubActions(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("from fastapi import FastAPI\napp = FastAPI()\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, inActions := range []bool{false, true} {
		summary := filepath.Join(t.TempDir(), "summary.md")
		env := map[string]string{"GITHUB_STEP_SUMMARY": summary}
		if inActions {
			env["GITHUB_ACTIONS"] = "true"
		}
		var out, errOut bytes.Buffer
		st := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Env: envOf(env)}
		if code := Run(context.Background(), []string{"audit", dir, "--offline"}, st); code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		_, err := os.Stat(summary)
		if inActions && err != nil {
			t.Errorf("under Actions the step summary was not written: %v", err)
		}
		if !inActions && err == nil {
			t.Error("outside Actions a step summary was written")
		}
	}
}

// TestActionYAML checks the composite action's contract: the inputs the
// README documents, and run steps that read inputs through env.
func TestActionYAML(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Name    string
		Inputs  map[string]struct{ Description, Default string }
		Outputs map[string]struct{ Description, Value string }
		Runs    struct {
			Using string
			Steps []struct {
				Name, Uses, Run, Shell string
				Env                    map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	for _, in := range []string{"target", "url", "profile", "fail-under", "sarif"} {
		if action.Inputs[in].Description == "" {
			t.Errorf("input %q missing or undocumented", in)
		}
	}
	for _, out := range []string{"score", "grade", "sarif"} {
		if action.Outputs[out].Value == "" {
			t.Errorf("output %q missing", out)
		}
	}
	for _, s := range action.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q: a composite run step needs a shell", s.Name)
		}
		// Inputs inside a script are a template injection; they go through env.
		if strings.Contains(s.Run, "${{ inputs.") {
			t.Errorf("step %q interpolates inputs into its script; pass them through env", s.Name)
		}
	}
}
