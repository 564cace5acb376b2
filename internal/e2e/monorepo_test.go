package e2e

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/rules"
)

// monorepoFiles is a FastAPI backend and a React frontend with the README,
// the CI workflow and the compose file at the repository root, the way
// full-stack portfolio projects are often laid out.
func monorepoFiles(workflowRun string) map[string]string {
	return map[string]string{
		"README.md": "# Bookshelf\n\nA FastAPI backend and a React frontend for tracking the books you read: " +
			"add a book, mark it as read, rate it and see what your friends are reading this month. " +
			"The API stores everything in PostgreSQL and the web client talks to it over JSON.\n\n" +
			"## Features\n\n- Sign up and log in; every request after that carries a token.\n" +
			"- Shelves: to read, reading, read, with the date each book moved between them.\n" +
			"- Ratings and short reviews, visible to the friends you choose.\n" +
			"- A monthly summary of the pages and books you finished, with a streak counter.\n" +
			"- Search by title, author or ISBN against the Open Library catalogue.\n\n" +
			"## Layout\n\n`backend/` holds the FastAPI service, its models and its tests; `frontend/` the React " +
			"client built with Vite. Both run together under Docker Compose, with a PostgreSQL container for the data " +
			"and a volume so that your shelves survive a restart of the stack.\n\n" +
			"## Getting started\n\n```bash\ndocker compose up --build\n```\n\n" +
			"## Running the tests\n\n```bash\ncd backend && pytest\n```\n",
		".github/workflows/ci.yml": "name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n" +
			"      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: \"3.12\"\n" +
			"      - run: " + workflowRun + "\n",
		"docker-compose.yml": "services:\n  api:\n    build: ./backend\n    ports: [\"8000:8000\"]\n" +
			"  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n",
		"backend/requirements.txt": "fastapi==0.111.0\nuvicorn==0.30.1\npytest==8.2.2\nhttpx==0.27.0\n",
		"backend/app/__init__.py":  "",
		"backend/app/main.py": "from fastapi import FastAPI\n\napp = FastAPI(title=\"Bookshelf\")\n\n\n" +
			"@app.get(\"/books\")\ndef list_books():\n    return []\n",
		"backend/tests/test_books.py": "from fastapi.testclient import TestClient\n\nfrom app.main import app\n\n" +
			"client = TestClient(app)\n\n\ndef test_list_books():\n    assert client.get(\"/books\").json() == []\n",
		"frontend/package.json": `{"name": "bookshelf-web", "scripts": {"test": "vitest run"}, "devDependencies": {"vitest": "^1.6.0"}}` + "\n",
		"frontend/src/App.jsx":  "export default function App() { return null }\n",
	}
}

func auditFolder(t *testing.T, dir string) *rules.Scorecard {
	t.Helper()
	profile, err := rules.LookupProfile(rules.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := audit.Run(context.Background(), audit.Request{
		Target: dir, Profile: profile, Offline: true, Now: auditNow, Version: "test",
	})
	if err != nil {
		t.Fatalf("audit %s: %v", dir, err)
	}
	return sc
}

func checkResult(t *testing.T, sc *rules.Scorecard, id string) rules.CheckResult {
	t.Helper()
	for _, cr := range sc.Criteria {
		for _, k := range cr.Checks {
			if k.ID == id {
				return k
			}
		}
	}
	t.Fatalf("no check %s", id)
	return rules.CheckResult{}
}

func TestMonorepoBackendSeesTheRootReadmeCIAndDeployFiles(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{{Message: "Add the bookshelf backend and frontend", Files: monorepoFiles("cd backend && pip install -r requirements.txt && pytest -q")}})
	sc := auditFolder(t, filepath.Join(dir, "backend"))
	for _, id := range []string{"tests.ci", "tests.ci-runs-tests", "readme.present", "readme.setup", "deployment.config"} {
		if k := checkResult(t, sc, id); !k.Passed {
			t.Errorf("%s failed for backend/: %s", id, k.Message)
		}
	}
	ci := checkResult(t, sc, "tests.ci-runs-tests")
	if len(ci.Evidence) == 0 || ci.Evidence[0].Path != "../.github/workflows/ci.yml" {
		t.Errorf("tests.ci-runs-tests evidence = %v, want the root workflow as ../.github/workflows/ci.yml", ci.Evidence)
	}
	if sc.Facts.Readme.Path != "../README.md" {
		t.Errorf("README = %q, want ../README.md", sc.Facts.Readme.Path)
	}
	if sc.Facts.Files != 4 {
		t.Errorf("files = %d, want 4 (the backend's own)", sc.Facts.Files)
	}
	if !slices.ContainsFunc(sc.Notes, func(n string) bool { return strings.Contains(n, "root README, CI and deploy files") }) {
		t.Errorf("notes = %q, want the context note", sc.Notes)
	}

	// The same repository audited at its root is unchanged: its own files.
	root := auditFolder(t, dir)
	if root.Facts.Readme.Path != "README.md" || !checkResult(t, root, "tests.ci-runs-tests").Passed {
		t.Errorf("root audit: README %q, tests.ci-runs-tests %v", root.Facts.Readme.Path, checkResult(t, root, "tests.ci-runs-tests"))
	}
	if slices.ContainsFunc(root.Notes, func(n string) bool { return strings.Contains(n, "root README, CI and deploy files") }) {
		t.Errorf("root audit notes = %q, want no context note", root.Notes)
	}
}

func TestMonorepoRootWorkflowTestingOnlyTheFrontendDoesNotCountForTheBackend(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{{Message: "Add the bookshelf backend and frontend", Files: monorepoFiles("cd frontend && npm ci && npm test")}})
	backend := auditFolder(t, filepath.Join(dir, "backend"))
	if k := checkResult(t, backend, "tests.ci"); !k.Passed {
		t.Errorf("tests.ci failed for backend/ with a root workflow: %s", k.Message)
	}
	if k := checkResult(t, backend, "tests.ci-runs-tests"); k.Passed {
		t.Errorf("tests.ci-runs-tests passed for backend/ on a workflow that only tests frontend/: %s %v", k.Message, k.Evidence)
	}
	// For the frontend it is its own test step.
	frontend := auditFolder(t, filepath.Join(dir, "frontend"))
	if k := checkResult(t, frontend, "tests.ci-runs-tests"); !k.Passed {
		t.Errorf("tests.ci-runs-tests failed for frontend/: %s", k.Message)
	}
}
