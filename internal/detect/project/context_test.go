package project

import (
	"reflect"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// runIn is run for a subfolder audit: the detector is told where the
// audited folder sits in its repository, as the collector does.
func runIn(t *testing.T, folder string, st facts.Stack, files ...scan.File) *facts.Facts {
	t.Helper()
	d := New()
	d.(scan.RepoFolderSetter).SetRepoFolder(folder)
	for _, f := range files {
		if !d.Wants(scan.Classify(f.Path)) {
			f.Data = nil
		}
		d.Scan(f)
	}
	inv := &facts.Facts{Stack: st}
	d.Finish(inv)
	return inv
}

const rootWorkflowFrontendOnly = `name: CI
on: [push, pull_request]
jobs:
  web:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: cd frontend && npm ci
      - run: cd frontend && npm test
`

const rootWorkflowBothFolders = `name: CI
on: push
jobs:
  web:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: ./frontend
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: npm test
  api:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -r requirements.txt
        working-directory: backend
      - name: Test
        run: pytest -q
        working-directory: backend
`

func TestRootWorkflowSeenFromASubfolder(t *testing.T) {
	py := facts.Stack{Language: "python", Framework: "fastapi"}
	cases := []struct {
		name      string
		folder    string
		path, wf  string
		runsTests bool
		step      int // line of the test step, when it runs
	}{
		{"cd into another folder", "backend", "../.github/workflows/ci.yml", rootWorkflowFrontendOnly, false, 0},
		{"cd into the audited folder", "frontend", "../.github/workflows/ci.yml", rootWorkflowFrontendOnly, true, 12},
		{"no subfolder known", "", "../.github/workflows/ci.yml", rootWorkflowFrontendOnly, true, 12},
		{"the folder's own workflow is taken as it is", "backend", ".github/workflows/ci.yml", rootWorkflowFrontendOnly, true, 12},
		{"working-directory of the audited folder", "backend", "../.github/workflows/ci.yml", rootWorkflowBothFolders, true, 23},
		{"job default working-directory", "frontend", "../.github/workflows/ci.yml", rootWorkflowBothFolders, true, 12},
		{"neither folder", "docs", "../.github/workflows/ci.yml", rootWorkflowBothFolders, false, 0},
		{"a folder inside the tested one", "backend/app", "../../.github/workflows/ci.yml", rootWorkflowBothFolders, true, 23},
		{"a sibling of the same parent", "services/api", "../../.github/workflows/ci.yml",
			"on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd services/web && npm test\n", false, 0},
		{"the parent of the audited folder", "services/api", "../../.github/workflows/ci.yml",
			"on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          cd services\n          make test\n", true, 8},
		{"a test at the root", "backend", "../.github/workflows/ci.yml",
			"on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n", true, 6},
		{"a directory only known at run time", "backend", "../.github/workflows/ci.yml",
			"on: push\njobs:\n  t:\n    strategy:\n      matrix:\n        dir: [frontend, backend]\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd ${{ matrix.dir }} && npm test\n", true, 9},
		{"npm --prefix another folder", "backend", "../.github/workflows/ci.yml",
			"on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test --prefix frontend\n", false, 0},
		{"GitLab script lines share one shell", "backend", "../.gitlab-ci.yml",
			"test-web:\n  image: node:20\n  script:\n    - cd frontend\n    - npm ci\n    - npm test\n", false, 0},
		{"GitLab script in the audited folder", "backend", "../.gitlab-ci.yml",
			"test-api:\n  image: python:3.12\n  script:\n    - cd backend\n    - pip install -r requirements.txt\n    - pytest\n", true, 6},
		{"CircleCI working_directory", "backend", "../.circleci/config.yml",
			"version: 2.1\njobs:\n  web:\n    docker:\n      - image: cimg/node:20.0\n    working_directory: ~/repo/frontend\n    steps:\n      - checkout\n      - run: npm test\n", true, 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := runIn(t, c.folder, py, file(c.path, c.wf), file("app/main.py", "app = FastAPI()\n"))
			if f.CI.RunsTests != c.runsTests {
				t.Fatalf("RunsTests = %v, want %v (evidence %v)", f.CI.RunsTests, c.runsTests, f.CI.Evidence)
			}
			if len(f.CI.Providers) != 1 {
				t.Errorf("providers = %q, want the root CI recognised", f.CI.Providers)
			}
			want := facts.Location{Path: c.path, Line: 1}
			if c.runsTests {
				want.Line = c.step
			}
			if len(f.CI.Evidence) == 0 || f.CI.Evidence[0] != want {
				t.Errorf("evidence = %v, want %v first", f.CI.Evidence, want)
			}
		})
	}
}

func TestContextCIProvidersAreMatchedFromTheRoot(t *testing.T) {
	f := runIn(t, "backend", facts.Stack{Language: "go", Framework: "gin"},
		file("../.github/workflows/ci.yml", ghPython),
		file("../.gitlab-ci.yml", "test:\n  script:\n    - go test ./...\n"),
		file("../Jenkinsfile", "pipeline { agent any }\n"),
		// GitHub runs only the root's workflows folder, not one in a subfolder.
		file("../.github/workflows/nested/x.yml", "on: push\n"),
		file("main.go", "package main\n"),
	)
	if want := []string{"github-actions", "gitlab-ci", "jenkins"}; !reflect.DeepEqual(f.CI.Providers, want) {
		t.Errorf("providers = %q, want %q", f.CI.Providers, want)
	}
	if !f.CI.RunsTests {
		t.Error("RunsTests = false for root workflows that run the tests at the root")
	}
}

func TestContextDeployConfigs(t *testing.T) {
	st := facts.Stack{Language: "javascript", Framework: "express"}
	f := runIn(t, "api", st,
		file("../docker-compose.yml", "services:\n  api:\n    build: ./api\n  db:\n    image: postgres:16\n"),
		file("../fly.toml", "app = \"shop-api\"\n"),
		file("../Procfile", "web: node api/server.js\n"),
		file("../app.json", `{"name": "shop", "buildpacks": [{"url": "heroku/nodejs"}]}`),
		file("server.js", "const express = require('express')\n"),
	)
	if want := []string{"docker-compose", "fly.toml", "Procfile", "app.json"}; !reflect.DeepEqual(f.Deploy.Configs, want) {
		t.Errorf("configs = %q, want %q", f.Deploy.Configs, want)
	}
	if len(f.Deploy.Evidence) == 0 || f.Deploy.Evidence[0].Path != "../docker-compose.yml" {
		t.Errorf("evidence = %v, want the ../ path kept", f.Deploy.Evidence)
	}

	// An Expo app.json at the root is not a Heroku app.
	f = runIn(t, "api", st, file("../app.json", `{"expo": {"name": "shop"}}`), file("server.js", "x\n"))
	if len(f.Deploy.Configs) != 0 {
		t.Errorf("configs = %q from an Expo app.json", f.Deploy.Configs)
	}
}

func TestContextReadme(t *testing.T) {
	st := facts.Stack{Language: "python", Framework: "django"}
	root := "# Shop\n\nA Django REST API and a React client.\n\n## Getting started\n\n```bash\ncd backend\npip install -r requirements.txt\npython manage.py runserver\n```\n"
	cases := []struct {
		name  string
		files []scan.File
		want  string
	}{
		{"the root README when the folder has none", []scan.File{file("../README.md", root), file("docs/README.md", "# docs\n")}, "../README.md"},
		{"the folder's own README first", []scan.File{file("../README.md", root), file("README.md", "# api\n")}, "README.md"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := runIn(t, "backend", st, c.files...)
			if f.Readme.Path != c.want {
				t.Errorf("README = %q, want %q", f.Readme.Path, c.want)
			}
		})
	}
	f := runIn(t, "backend", st, file("../README.md", root))
	if _, ok := f.Readme.SectionEvidence["setup"]; !ok {
		t.Errorf("the root README's setup section was not seen: %+v", f.Readme.SectionEvidence)
	}
}

func TestRepoPath(t *testing.T) {
	for in, want := range map[string]string{
		"../.github/workflows/ci.yml": ".github/workflows/ci.yml", "../../README.md": "README.md",
		"README.md": "README.md", "a/../b": "a/../b", "..foo/x": "..foo/x",
	} {
		if got := scan.RepoPath(in); got != want {
			t.Errorf("RepoPath(%q) = %q, want %q", in, got, want)
		}
	}
}
