package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/config"
)

// vf runs vetfolio in-process and returns its exit code and output.
func vf(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	st := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Env: func(k string) (string, bool) {
			if k == "VETFOLIO_NOW" {
				return "2026-03-02T12:00:00Z", true
			}
			return "", false
		}}
	code := Run(context.Background(), args, st)
	return code, out.String(), errOut.String()
}

func writeTree(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// stackFixtures are the smallest trees each stack is recognised from.
var stackFixtures = map[string]struct {
	files map[string]string
	want  string // the detected stack as the starter file names it
	hint  string // a stack-specific line of the starter file
}{
	"fastapi": {map[string]string{"requirements.txt": "fastapi==0.115.0\nuvicorn[standard]\nsqlalchemy\n",
		"app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n"}, "python / fastapi", `"**/*.ipynb"`},
	"django": {map[string]string{"requirements.txt": "Django==5.1\ndjangorestframework\n",
		"manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"}, "python / django", "enterprise"},
	"flask": {map[string]string{"requirements.txt": "Flask==3.0\nFlask-SQLAlchemy\n",
		"app.py": "from flask import Flask\napp = Flask(__name__)\n"}, "python / flask", "notebooks/"},
	"spring-boot": {map[string]string{"pom.xml": `<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent>
<dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>`,
		"src/main/java/com/acme/App.java": "package com.acme;\n@SpringBootApplication\npublic class App {}\n"}, "java / spring-boot", "src/main/resources/static/"},
	"express": {map[string]string{"package.json": `{"name":"api","dependencies":{"express":"^4.19.2"}}`,
		"server.js": "const express = require('express');\nconst app = express();\n"}, "javascript / express", `"frontend/"`},
	"nestjs": {map[string]string{"package.json": `{"name":"api","dependencies":{"@nestjs/core":"^10.0.0","@nestjs/common":"^10.0.0"},"devDependencies":{"typescript":"^5.4.0"}}`,
		"tsconfig.json": "{}", "src/main.ts": "import { NestFactory } from '@nestjs/core';\n"}, "typescript / nestjs", "security.rate-limit"},
	"fastify": {map[string]string{"package.json": `{"name":"api","dependencies":{"fastify":"^4.28.0"}}`,
		"index.js": "const fastify = require('fastify')({ logger: true });\n"}, "javascript / fastify", "agency"},
	"go": {map[string]string{"go.mod": "module github.com/dana/notes\n\ngo 1.22\n",
		"main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n"}, "go", "platform (containers"},
}

func TestInitOnEveryStack(t *testing.T) {
	for name, fx := range stackFixtures {
		t.Run(name, func(t *testing.T) {
			dir := writeTree(t, t.TempDir(), fx.files)
			code, out, errOut := vf(t, "init", dir)
			if code != ExitOK {
				t.Fatalf("init: code %d, %s", code, errOut)
			}
			if !strings.Contains(out, "wrote ") {
				t.Errorf("stdout = %q", out)
			}
			dest := filepath.Join(dir, config.FileName)
			data, err := os.ReadFile(dest)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			if !strings.Contains(text, "detected stack: "+fx.want) || !strings.Contains(text, fx.hint) {
				t.Errorf("starter file for %s lacks %q or %q:\n%s", name, fx.want, fx.hint, text)
			}
			if !strings.HasPrefix(text, "# yaml-language-server: $schema="+config.SchemaID) {
				t.Error("no schema comment")
			}
			// The file is valid as written, and so is every commented
			// example once uncommented.
			if c, err := config.Parse(dest, data); err != nil || c.Profile != "saas" {
				t.Errorf("starter file does not parse: %+v %v", c, err)
			}
			if _, err := config.Parse(dest, []byte(uncomment(text))); err != nil {
				t.Errorf("uncommented examples do not parse: %v\n%s", err, uncomment(text))
			}

			// A second init refuses; --force overwrites.
			if err := os.WriteFile(dest, []byte("profile: agency\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut = vf(t, "init", dir)
			if code != ExitUsage || !strings.Contains(errOut, "already exists; give --force") {
				t.Errorf("second init: code %d, %q", code, errOut)
			}
			if b, _ := os.ReadFile(dest); string(b) != "profile: agency\n" {
				t.Error("init overwrote the file without --force")
			}
			if code, _, errOut = vf(t, "init", "--force", dir); code != ExitOK {
				t.Errorf("init --force: code %d, %s", code, errOut)
			}
			if b, _ := os.ReadFile(dest); !strings.Contains(string(b), "detected stack") {
				t.Error("--force did not overwrite")
			}
		})
	}
}

// uncomment turns the starter file's commented settings into settings.
func uncomment(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(line, "# ") && (strings.Contains(line, ":") || strings.HasPrefix(line, "#   - ")) &&
			!strings.HasPrefix(line, "# yaml-language-server") && !strings.HasSuffix(line, ".") && !strings.Contains(line, "'"):
			b.WriteString(strings.TrimPrefix(line, "# "))
		default:
			b.WriteString(line)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestConfigSchemaCommand(t *testing.T) {
	code, out, _ := vf(t, "config", "schema")
	published, err := os.ReadFile(filepath.Join("..", "..", "schema", "vetfolio.schema.json"))
	if code != ExitOK || err != nil || out != string(published) {
		t.Errorf("config schema: code %d, err %v, equal to the published file: %v", code, err, out == string(published))
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Error(err)
	}
}

func TestConfigCheckCommand(t *testing.T) {
	dir := t.TempDir()
	good := writeTree(t, dir, map[string]string{"good.yaml": "profile: agency\n", "bad.yaml": "profle: agency\n"})
	if code, out, _ := vf(t, "config", "check", filepath.Join(good, "good.yaml")); code != ExitOK || !strings.Contains(out, "ok") {
		t.Errorf("good: %d %q", code, out)
	}
	code, _, errOut := vf(t, "config", "check", filepath.Join(dir, "bad.yaml"))
	if code != ExitUsage || !strings.Contains(errOut, `bad.yaml:1:1: unknown key "profle" (did you mean "profile"?)`) {
		t.Errorf("bad: %d %q", code, errOut)
	}
}

// project is a small FastAPI project with a Dockerfile; its config is
// written per test.
func project(t *testing.T, cfg string) string {
	dir := writeTree(t, t.TempDir(), stackFixtures["fastapi"].files)
	writeTree(t, dir, map[string]string{
		"Dockerfile":        "FROM python:3.12-slim\nCOPY . .\nCMD [\"uvicorn\", \"app.main:app\"]\n",
		"README.md":         "# Notes API\n\n## Setup\n\n```\npip install -r requirements.txt\n```\n",
		"legacy/old_app.py": "from fastapi import FastAPI\napp = FastAPI()\n@app.get('/a')\ndef a(): pass\n",
	})
	if cfg != "" {
		writeTree(t, dir, map[string]string{config.FileName: cfg})
	}
	return dir
}

type report struct {
	Profile  string `json:"profile"`
	Score    int    `json:"score"`
	Criteria []struct {
		ID     string  `json:"id"`
		Weight float64 `json:"weight"`
		Checks []struct {
			ID         string `json:"id"`
			Suppressed bool   `json:"suppressed"`
			Message    string `json:"message"`
		} `json:"checks"`
	} `json:"criteria"`
	Target struct {
		URL string `json:"url"`
	} `json:"target"`
	Facts struct {
		Files  int `json:"files"`
		Deploy struct {
			URLSource string `json:"url_source"`
		} `json:"deploy"`
	} `json:"facts"`
	Config *struct {
		Path          string             `json:"path"`
		ProfileSource string             `json:"profile_source"`
		Weights       map[string]float64 `json:"weights"`
		Suppressed    map[string]string  `json:"suppressed"`
		IgnoredFiles  int                `json:"ignored_files"`
		FailUnder     *int               `json:"fail_under"`
	} `json:"config"`
}

func auditJSON(t *testing.T, args ...string) (int, report, string) {
	t.Helper()
	code, out, errOut := vf(t, append([]string{"audit", "--offline", "-f", "json"}, args...)...)
	var r report
	if code == ExitOK || code == ExitBelowThreshold {
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("json: %v\n%s\n%s", err, out, errOut)
		}
	}
	return code, r, errOut
}

func TestPrecedenceFlagFileDefault(t *testing.T) {
	// Default: no file, no flag.
	_, r, _ := auditJSON(t, project(t, ""))
	if r.Profile != "saas" || r.Config != nil {
		t.Errorf("default: profile %s, config %+v", r.Profile, r.Config)
	}
	// File over default.
	dir := project(t, "profile: platform\nurl: https://notes.fly.dev\nfail_under: 1\n")
	_, r, _ = auditJSON(t, dir)
	if r.Profile != "platform" || r.Config == nil || r.Config.ProfileSource != "config" {
		t.Errorf("file: profile %s, config %+v", r.Profile, r.Config)
	}
	if r.Target.URL != "https://notes.fly.dev" || r.Facts.Deploy.URLSource != "config" {
		t.Errorf("file url: %q from %q", r.Target.URL, r.Facts.Deploy.URLSource)
	}
	if r.Config.FailUnder == nil || *r.Config.FailUnder != 1 {
		t.Errorf("fail_under = %v", r.Config.FailUnder)
	}
	// Flags over file.
	_, r, _ = auditJSON(t, dir, "--profile", "agency", "--url", "https://other.onrender.com", "--fail-under", "0")
	if r.Profile != "agency" || r.Config.ProfileSource != "flag" || r.Target.URL != "https://other.onrender.com" ||
		r.Facts.Deploy.URLSource != "flag" || *r.Config.FailUnder != 0 {
		t.Errorf("flags: profile %s (%s), url %s (%s), fail_under %d", r.Profile, r.Config.ProfileSource, r.Target.URL,
			r.Facts.Deploy.URLSource, *r.Config.FailUnder)
	}
	// A flag equal to the default still wins over the file.
	_, r, _ = auditJSON(t, dir, "--profile", "saas")
	if r.Profile != "saas" {
		t.Errorf("--profile saas lost to the file: %s", r.Profile)
	}
	// --config replaces the file at the root.
	other := writeTree(t, t.TempDir(), map[string]string{"ci.yaml": "profile: enterprise\n"})
	_, r, _ = auditJSON(t, dir, "--config", filepath.Join(other, "ci.yaml"))
	if r.Profile != "enterprise" || r.Target.URL == "https://notes.fly.dev" {
		t.Errorf("--config: profile %s, url %s", r.Profile, r.Target.URL)
	}
}

func TestFailUnderPrecedence(t *testing.T) {
	dir := project(t, "fail_under: 100\n")
	if code, _, errOut := auditJSON(t, dir); code != ExitBelowThreshold || !strings.Contains(errOut, "below --fail-under 100") {
		t.Errorf("file fail_under: code %d, %q", code, errOut)
	}
	if code, _, errOut := auditJSON(t, dir, "--fail-under", "0"); code != ExitOK {
		t.Errorf("--fail-under 0 over the file: code %d, %q", code, errOut)
	}
}

func TestMinimums(t *testing.T) {
	code, _, errOut := auditJSON(t, project(t, "minimums:\n  auth: 90\n  readme: 10\n"))
	if code != ExitBelowThreshold || !strings.Contains(errOut, "auth (") || strings.Contains(errOut, "readme (") {
		t.Errorf("minimums: code %d, %q", code, errOut)
	}
	if code, _, errOut := auditJSON(t, project(t, "minimums:\n  readme: 10\n")); code != ExitOK {
		t.Errorf("met minimums: code %d, %q", code, errOut)
	}
}

func TestSuppressionWeightsAndIgnore(t *testing.T) {
	base := project(t, "")
	_, before, _ := auditJSON(t, base)
	cfg := "ignore:\n  - legacy/\nweights:\n  auth: 0\nchecks:\n  deployment.url:\n    off: true\n    reason: internal service, never public\n"
	_, r, _ := auditJSON(t, project(t, cfg))
	if r.Config == nil || r.Config.IgnoredFiles != 1 || r.Config.Weights["auth"] != 0 ||
		r.Config.Suppressed["deployment.url"] != "internal service, never public" {
		t.Fatalf("config record = %+v", r.Config)
	}
	if r.Facts.Files != before.Facts.Files { // +1 config file, -1 ignored file
		t.Errorf("files: %d, before %d", r.Facts.Files, before.Facts.Files)
	}
	found := false
	for _, c := range r.Criteria {
		if c.ID == "auth" && c.Weight != 0 {
			t.Errorf("auth weight = %g", c.Weight)
		}
		for _, k := range c.Checks {
			if k.ID == "deployment.url" {
				found = k.Suppressed && k.Message == "not applied: internal service, never public"
			}
		}
	}
	if !found {
		t.Error("deployment.url not shown as not applied")
	}
	// The text report says so too, without --verbose.
	_, out, _ := vf(t, "audit", "--offline", project(t, cfg))
	if !strings.Contains(out, "deployment.url not applied: internal service, never public") {
		t.Errorf("text report:\n%s", out)
	}
}

func TestConfigErrorsInTheRepository(t *testing.T) {
	dir := project(t, "checks:\n  deployment.live:\n    off: true\n")
	code, out, errOut := vf(t, "audit", "--offline", dir)
	if code != ExitUsage || out != "" || !strings.Contains(errOut, ".vetfolio.yaml:3:5: checks.deployment.live: off needs a reason") {
		t.Errorf("code %d, out %q, err %q", code, out, errOut)
	}
	code, _, errOut = vf(t, "audit", "--offline", "--config", filepath.Join(dir, "missing.yaml"), dir)
	if code != ExitUsage || !strings.Contains(errOut, "missing.yaml: no such file") {
		t.Errorf("missing --config: code %d, %q", code, errOut)
	}
}

// One run of config check names every mistake, each at its line, so a
// candidate fixes the file in one go.
func TestConfigCheckListsEveryMistake(t *testing.T) {
	dir := writeTree(t, t.TempDir(), map[string]string{"bad.yaml": "profle: agency\nweights:\n  auht: 3\n  database: 200\nchecks:\n  auth.nope:\n    off: true\n"})
	code, _, errOut := vf(t, "config", "check", filepath.Join(dir, "bad.yaml"))
	for _, want := range []string{`bad.yaml:1:1: unknown key "profle"`, `bad.yaml:3:3: weights: unknown criterion "auht"`,
		`bad.yaml:4:13: weights.database: must be a number from 0 to 100, not 200`, `bad.yaml:6:3: checks: unknown check "auth.nope"`,
		"has 4 mistakes"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("missing %q in:\n%s", want, errOut)
		}
	}
	if code != ExitUsage {
		t.Errorf("code %d, want %d", code, ExitUsage)
	}
	// An audit names the first and how many more.
	code, _, errOut = vf(t, "audit", dir, "--offline", "--config", filepath.Join(dir, "bad.yaml"))
	if code != ExitUsage || !strings.Contains(errOut, "(and 3 more; 'vetfolio config check") {
		t.Errorf("audit: %d %q", code, errOut)
	}
}

// A repository's own configuration that turns checks off marks the grade
// in every format; --strict scores it on the default rubric, and a cohort
// is strict unless the mentor trusts the configurations.
func TestRepositoryConfigIsMarkedAndStrictIgnoresIt(t *testing.T) {
	dir := project(t, "checks:\n  readme.live-url:\n    off: true\n    reason: not deployed yet\nweights:\n  history: 0\n")
	out := t.TempDir()
	if code, _, errOut := vf(t, "audit", dir, "--offline", "-f", "json,badge,text,markdown,sarif", "--output-dir", out); code != ExitOK {
		t.Fatalf("audit: %d %s", code, errOut)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var rep struct {
		Grade  string `json:"grade"`
		Config struct {
			RubricChanged bool   `json:"rubric_changed"`
			Source        string `json:"source"`
		} `json:"config"`
	}
	if err := json.Unmarshal([]byte(read("vetfolio.json")), &rep); err != nil {
		t.Fatal(err)
	}
	if !rep.Config.RubricChanged || rep.Config.Source != "repository" {
		t.Errorf("json config: %+v", rep.Config)
	}
	mark := rep.Grade + "*"
	if b := read("vetfolio.badge.json"); !strings.Contains(b, "/100 "+mark+`"`) {
		t.Errorf("badge carries no mark: %s", b)
	}
	for _, name := range []string{"vetfolio.txt", "vetfolio.md"} {
		if s := read(name); !strings.Contains(s, "changed the rubric: 1 check turned off, weights changed") {
			t.Errorf("%s does not say the rubric changed:\n%s", name, s)
		}
	}
	if s := read("vetfolio.sarif"); !strings.Contains(s, `"rubric_changed": true`) {
		t.Errorf("sarif run properties lack rubric_changed")
	}

	code, stdout, errOut := vf(t, "audit", dir, "--offline", "--strict", "-f", "json")
	if code != ExitOK {
		t.Fatalf("strict: %d %s", code, errOut)
	}
	var strict struct {
		Config struct {
			RubricChanged bool     `json:"rubric_changed"`
			Strict        bool     `json:"strict"`
			Ignored       []string `json:"ignored"`
			Suppressed    map[string]string
		} `json:"config"`
	}
	if err := json.Unmarshal([]byte(stdout), &strict); err != nil {
		t.Fatal(err)
	}
	if strict.Config.RubricChanged || !strict.Config.Strict || strings.Join(strict.Config.Ignored, ",") != "checks,weights" || len(strict.Config.Suppressed) != 0 {
		t.Errorf("strict config: %+v", strict.Config)
	}
	if code, _, errOut := vf(t, "audit", dir, "--strict", "--trust-config"); code != ExitUsage || !strings.Contains(errOut, "contradict") {
		t.Errorf("--strict --trust-config: %d %q", code, errOut)
	}
}

func TestCohortIsStrictByDefault(t *testing.T) {
	a := project(t, "checks:\n  readme.live-url:\n    off: true\n    reason: not deployed yet\n")
	b := project(t, "")
	code, stdout, errOut := vf(t, "audit", a, b, "--offline", "-f", "json")
	if code != ExitOK {
		t.Fatalf("cohort: %d %s", code, errOut)
	}
	if !strings.Contains(stdout, `"strict": true`) || strings.Contains(stdout, `"rubric_changed": true`) {
		t.Errorf("cohort member with its own config is not strict by default")
	}
	_, stdout, _ = vf(t, "audit", a, b, "--offline", "-f", "json", "--trust-config")
	if !strings.Contains(stdout, `"rubric_changed": true`) {
		t.Errorf("--trust-config did not apply the member's config")
	}
}

// A finding silenced in the code with a reason is applied, shown as such,
// and left out under --strict.
func TestInlineIgnore(t *testing.T) {
	dir := project(t, "")
	writeTree(t, dir, map[string]string{"app/limits.py": "# vetfolio:ignore security.rate-limit rate limited at the load balancer\nLIMIT = 1\n",
		"app/bad.py": "# vetfolio:ignore security.nope because\n"})
	code, stdout, errOut := vf(t, "audit", dir, "--offline", "-f", "json")
	if code != ExitOK {
		t.Fatalf("%d %s", code, errOut)
	}
	var rep struct {
		Notes  []string `json:"notes"`
		Config struct {
			Suppressed    map[string]string `json:"suppressed"`
			Inline        int               `json:"inline"`
			RubricChanged bool              `json:"rubric_changed"`
		} `json:"config"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if got := rep.Config.Suppressed["security.rate-limit"]; got != "rate limited at the load balancer (app/limits.py:1)" || rep.Config.Inline != 1 || !rep.Config.RubricChanged {
		t.Errorf("config: %+v", rep.Config)
	}
	if !strings.Contains(strings.Join(rep.Notes, "\n"), `app/bad.py:1: vetfolio:ignore names no check "security.nope"; not applied`) {
		t.Errorf("notes: %q", rep.Notes)
	}
	_, text, _ := vf(t, "audit", dir, "--offline")
	if !strings.Contains(text, "1 check silenced by vetfolio:ignore comments") {
		t.Errorf("text report does not show the inline ignore:\n%s", text)
	}
	_, stdout, _ = vf(t, "audit", dir, "--offline", "--strict", "-f", "json")
	if strings.Contains(stdout, "rate limited at the load balancer (") || !strings.Contains(stdout, `"inline"`) {
		t.Errorf("--strict applied the inline ignore")
	}
}
