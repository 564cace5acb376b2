package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestNothingToJudgeIsSaidPlainly(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, filepath.Join(dir, "notes"), map[string]string{
		"README.md":           "# My notes\n\nThings I learned about REST.\n",
		"week1/http.md":       "# HTTP\n\nVerbs and status codes.\n",
		"week2/sql-notes.txt": "SELECT * FROM users;\n",
	})
	writeFiles(t, filepath.Join(dir, "spa"), map[string]string{
		"package.json": `{"name":"shop","dependencies":{"react":"^18.3.0","react-dom":"^18.3.0"},"devDependencies":{"vite":"^5"}}`,
		"src/App.jsx":  "export default function App() { return <h1>Shop</h1> }\n",
		"src/main.jsx": "import App from './App.jsx'\n",
		"index.html":   "<div id=\"root\"></div>\n",
	})
	for name, want := range map[string]string{
		"notes": "no backend project found in " + filepath.Join(dir, "notes") + " (looked for the manifests and source of a Python, Java/Kotlin, JavaScript/TypeScript, Go, C#/.NET, Ruby, PHP server)",
		"spa":   "found a react frontend only",
	} {
		code, stdout, stderr := run(t, nil, "audit", filepath.Join(dir, name), "--offline")
		if code != ExitNoBackend || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", name, code, stderr, ExitNoBackend, want)
		}
		if strings.Contains(stdout, "score") || strings.Contains(stderr, "panic") {
			t.Errorf("%s: a report or a trace was printed: %q %q", name, stdout, stderr)
		}
	}
	// A backend is still audited (the exit code is the score's business).
	writeFiles(t, filepath.Join(dir, "api"), map[string]string{
		"requirements.txt": "fastapi\n", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n@app.get('/items')\ndef items(): return []\n",
	})
	if code, _, stderr := run(t, nil, "audit", filepath.Join(dir, "api"), "--offline"); code != ExitOK {
		t.Errorf("a FastAPI app: exit %d %s", code, stderr)
	}
}

func TestAnUnknownStackIsNamedAndNotFailed(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"mix.exs":                  "defmodule Shop.MixProject do\n  defp deps do\n    [{:phoenix, \"~> 1.7\"}, {:ecto_sql, \"~> 3.10\"}]\n  end\nend\n",
		"lib/shop_web/router.ex":   "defmodule ShopWeb.Router do\n  use ShopWeb, :router\n  get \"/products\", ProductController, :index\nend\n",
		"lib/shop/product.ex":      "defmodule Shop.Product do\n  use Ecto.Schema\nend\n",
		"README.md":                "# Shop\n\n## Setup\n\n    mix deps.get\n",
		"test/product_test.exs":    "defmodule ProductTest do\nend\n",
		".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mix test\n",
	})
	code, stdout, stderr := run(t, nil, "audit", dir, "--offline", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Notes    []string `json:"notes"`
		Criteria []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"criteria"`
		Facts struct {
			Stack struct {
				Unsupported string `json:"unsupported"`
			} `json:"stack"`
		} `json:"facts"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Facts.Stack.Unsupported != "Elixir/Phoenix" {
		t.Errorf("stack.unsupported = %q", rep.Facts.Stack.Unsupported)
	}
	noted := false
	for _, n := range rep.Notes {
		noted = noted || strings.HasPrefix(n, "Elixir/Phoenix is not supported yet; these checks still apply: ")
	}
	if !noted {
		t.Errorf("notes %q", rep.Notes)
	}
	for _, c := range rep.Criteria {
		switch c.ID {
		case "auth", "database", "errors", "logging", "scope":
			if c.Status != "skipped" {
				t.Errorf("%s is %s, want skipped: the code cannot be read", c.ID, c.Status)
			}
		case "readme", "tests": // (history is skipped in a plain folder anyway)
			if c.Status == "skipped" {
				t.Errorf("%s was skipped: it does not depend on the language", c.ID)
			}
		}
	}
}
