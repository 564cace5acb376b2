package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/internal/github"
	"github.com/vetfolio/vetfolio/internal/github/githubtest"
	"github.com/vetfolio/vetfolio/rules"
)

// apiProject is a FastAPI project that arrives in one big first commit and
// then grows for a few weeks: enough files for the bulk-upload rule, CI,
// tests, a README.
func apiProject(t *testing.T) string {
	t.Helper()
	files := map[string]string{
		"README.md":        "# Library API\n\nA REST API for a lending library.\n\n## Setup\n\n```\npip install -r requirements.txt\nuvicorn app.main:app\n```\n\n## Configuration\n\nSet `DATABASE_URL`.\n",
		"requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\nsqlalchemy==2.0.27\nalembic==1.13.1\npython-jose==3.3.0\npasslib[bcrypt]==1.7.4\npytest==8.1.1\n",
		".gitignore":       ".env\n__pycache__/\n",
		"app/__init__.py":  "",
		"app/main.py": `from fastapi import FastAPI

from app.routers import books, members

app = FastAPI(title="Library API")
app.include_router(books.router)
app.include_router(members.router)


@app.get("/health")
def health():
    return {"status": "ok"}
`,
		"app/db.py": "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import sessionmaker\nimport os\n\nengine = create_engine(os.environ[\"DATABASE_URL\"])\nSessionLocal = sessionmaker(bind=engine)\n",
		"app/models.py": `from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    loans = relationship("Loan", back_populates="member")


class Loan(Base):
    __tablename__ = "loans"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    member = relationship("Member", back_populates="loans")
`,
		"app/routers/__init__.py": "",
		"app/routers/books.py": `from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/books")


@router.get("/")
def list_books(limit: int = 20, offset: int = 0):
    return []


@router.get("/{book_id}")
def get_book(book_id: int):
    raise HTTPException(status_code=404, detail="book not found")
`,
		"app/routers/members.py": `from fastapi import APIRouter

router = APIRouter(prefix="/members")


@router.get("/")
def list_members():
    return []
`,
		"alembic.ini":                         "[alembic]\nscript_location = migrations\n",
		"migrations/env.py":                   "from alembic import context\n",
		"migrations/versions/0001_members.py": "revision = '0001'\ndown_revision = None\n\n\ndef upgrade():\n    pass\n",
		"migrations/versions/0002_loans.py":   "revision = '0002'\ndown_revision = '0001'\n\n\ndef upgrade():\n    pass\n",
		"tests/__init__.py":                   "",
		"tests/test_health.py":                "from fastapi.testclient import TestClient\n\nfrom app.main import app\n\n\ndef test_health():\n    assert TestClient(app).get('/health').status_code == 200\n",
		"node_modules/left-pad/index.js":      "module.exports = () => ''\n",
	}
	for i := range 10 {
		files[fmt.Sprintf("app/schemas/s%02d.py", i)] = fmt.Sprintf("from pydantic import BaseModel\n\n\nclass S%d(BaseModel):\n    name: str\n", i)
	}
	start := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	commits := []fixture.Commit{{When: start, Message: "Initial commit", Files: files}}
	later := []struct{ msg, path, body string }{
		{"Add CI workflow", ".github/workflows/ci.yml", "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n      - run: pytest\n"},
		{"Add Dockerfile", "Dockerfile", "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n"},
		{"Test the books router", "tests/test_books.py", "def test_list(client):\n    assert client.get('/books/').json() == []\n"},
		{"fix", "app/routers/members.py", "from fastapi import APIRouter\n\nrouter = APIRouter(prefix=\"/members\")\n\n\n@router.get(\"/\")\ndef list_members(limit: int = 20):\n    return []\n"},
	}
	for i, l := range later {
		commits = append(commits, fixture.Commit{When: start.Add(time.Duration(i+1) * 9 * 24 * time.Hour), Message: l.msg, Files: map[string]string{l.path: l.body}})
	}
	return fixture.Repo(t, "", commits)
}

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// TestGitHubAuditMatchesLocal audits one fixture twice, from its folder
// and from the fake GitHub, and wants the same facts, criteria, fixes and
// score; only the target differs.
func TestGitHubAuditMatchesLocal(t *testing.T) {
	dir := apiProject(t)
	repo := githubtest.FromGit(t, dir, "someone", "project")
	srv := githubtest.New(repo)
	defer srv.Close()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	profile, _ := rules.LookupProfile(rules.DefaultProfile)
	ctx := context.Background()

	local, err := Run(ctx, Request{Target: dir, Profile: profile, Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	remote, err := Run(ctx, Request{Target: "someone/project", Profile: profile, Now: now, Version: "test",
		Env: env(map[string]string{"GITHUB_API_URL": srv.APIURL(), "VETFOLIO_CACHE_DIR": t.TempDir()})})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n > 6 {
		t.Errorf("%d REST requests: %v", n, srv.Requests())
	}
	head := fixture.Git(t, dir, "rev-parse", "HEAD")
	if remote.Target.Kind != "github" || remote.Target.Repo != "someone/project" || remote.Target.Commit != head {
		t.Errorf("remote target = %+v", remote.Target)
	}
	if local.Facts.History.BulkCommit == "" {
		t.Error("the fixture should have a bulk candidate locally; the comparison would prove little")
	}
	for name, pair := range map[string][2]any{
		"facts":    {local.Facts, remote.Facts},
		"criteria": {local.Criteria, remote.Criteria},
		"fixes":    {local.Fixes, remote.Fixes},
		"score":    {[]any{local.Score, local.Grade, local.Coverage}, []any{remote.Score, remote.Grade, remote.Coverage}},
	} {
		a, _ := json.MarshalIndent(pair[0], "", " ")
		b, _ := json.MarshalIndent(pair[1], "", " ")
		if string(a) != string(b) {
			t.Errorf("%s differ between local and GitHub:\n%s", name, firstDiff(string(a), string(b)))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n local:  %s\n github: %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(al), len(bl))
}

func TestOpenDispatch(t *testing.T) {
	ctx := context.Background()
	// A folder named like owner/repo is audited locally.
	wd := t.TempDir()
	if err := os.MkdirAll(filepath.Join(wd, "someone", "project"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(wd, "someone", "project", "main.go"), []byte("package main\n"), 0o644)
	t.Chdir(wd)
	snap, err := Open(ctx, Request{Target: "someone/project", Env: env(map[string]string{"GITHUB_API_URL": "http://127.0.0.1:1/"})})
	if err != nil {
		t.Fatalf("local folder someone/project: %v", err)
	}
	if snap.Kind != "local" {
		t.Errorf("kind = %s, want local", snap.Kind)
	}
	snap.Close()

	var coder interface{ ExitCode() int }
	_, err = Open(ctx, Request{Target: "other/project", Offline: true})
	if !errors.As(err, &coder) || coder.ExitCode() != 2 || !strings.Contains(err.Error(), "needs the network") {
		t.Errorf("--offline with a GitHub target: %v", err)
	}
	_, err = Open(ctx, Request{Target: "https://gitlab.com/a/b"})
	if !errors.As(err, &coder) || coder.ExitCode() != 2 {
		t.Errorf("GitLab URL: %v", err)
	}
	_, err = Open(ctx, Request{Target: ".", Ref: "main"})
	if !errors.As(err, &coder) || coder.ExitCode() != 2 {
		t.Errorf("--ref with a folder: %v", err)
	}
	var ge *github.Error
	_, err = Open(ctx, Request{Target: "https://ghe.invalid.example/team/service", NoCache: true,
		Env: env(map[string]string{})})
	if !errors.As(err, &ge) || ge.ExitCode() != 8 || !strings.Contains(err.Error(), "ghe.invalid.example") {
		t.Errorf("GHE host without a server: %v", err)
	}
}
