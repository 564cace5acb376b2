package cohort

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/internal/github/githubtest"
	"github.com/vetfolio/vetfolio/rules"
)

var testNow = time.Date(2024, 6, 3, 12, 0, 0, 0, time.UTC)

// goodFiles is a FastAPI project with auth, migrations, tests, CI and a
// Dockerfile: most criteria pass.
func goodFiles() map[string]string {
	return map[string]string{
		"README.md":                "# Orders API\n\nREST API for orders.\n\n## Setup\n\n```\npip install -r requirements.txt\nuvicorn app.main:app\n```\n\n## Configuration\n\nSet `DATABASE_URL` and `JWT_SECRET`.\n\n## API docs\n\nOpen /docs.\n",
		"requirements.txt":         "fastapi==0.110.0\nuvicorn==0.29.0\nsqlalchemy==2.0.27\nalembic==1.13.1\npython-jose==3.3.0\npasslib[bcrypt]==1.7.4\npsycopg2-binary==2.9.9\npytest==8.1.1\n",
		".gitignore":               ".env\n__pycache__/\n",
		"Dockerfile":               "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n",
		".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n      - run: pytest\n",
		"app/__init__.py":          "",
		"app/main.py": `import logging

from fastapi import FastAPI

from app.routers import orders, users

logging.basicConfig(level=logging.INFO)
app = FastAPI(title="Orders API")
app.include_router(orders.router)
app.include_router(users.router)


@app.get("/health")
def health():
    return {"status": "ok"}
`,
		"app/auth.py": `import os

from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer
from jose import jwt
from passlib.context import CryptContext

pwd = CryptContext(schemes=["bcrypt"])
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


def current_user(token: str = Depends(oauth2_scheme)):
    try:
        return jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])
    except Exception:
        raise HTTPException(status_code=401, detail="invalid token")
`,
		"app/models.py": `from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    orders = relationship("Order", back_populates="user")


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user = relationship("User", back_populates="orders")
`,
		"app/routers/__init__.py": "",
		"app/routers/orders.py": `from fastapi import APIRouter, Depends, HTTPException

from app.auth import current_user

router = APIRouter(prefix="/orders")


@router.get("/")
def list_orders(limit: int = 20, offset: int = 0, user=Depends(current_user)):
    return []


@router.get("/{order_id}")
def get_order(order_id: int, user=Depends(current_user)):
    raise HTTPException(status_code=404, detail="order not found")


@router.post("/")
def create_order(user=Depends(current_user)):
    return {}
`,
		"app/routers/users.py":               "from fastapi import APIRouter\n\nrouter = APIRouter(prefix=\"/users\")\n\n\n@router.get(\"/me\")\ndef me():\n    return {}\n",
		"alembic.ini":                        "[alembic]\nscript_location = migrations\n",
		"migrations/env.py":                  "from alembic import context\n",
		"migrations/versions/0001_users.py":  "revision = '0001'\ndown_revision = None\n\n\ndef upgrade():\n    pass\n",
		"migrations/versions/0002_orders.py": "revision = '0002'\ndown_revision = '0001'\n\n\ndef upgrade():\n    pass\n",
		"tests/test_orders.py":               "from fastapi.testclient import TestClient\n\nfrom app.main import app\n\n\ndef test_health():\n    assert TestClient(app).get('/health').status_code == 200\n",
	}
}

// weakFiles is a hello-world Flask app.
func weakFiles() map[string]string {
	return map[string]string{
		"app.py":           "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef hello():\n    return 'hello'\n",
		"requirements.txt": "flask==3.0.0\n",
	}
}

// gitRepo commits files over a few weeks and serves them as owner/name.
func gitRepo(t testing.TB, owner, name string, files map[string]string, weeks int) *githubtest.Repo {
	t.Helper()
	start := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	commits := []fixture.Commit{{When: start, Message: "Start the " + name + " service", Files: files}}
	for i := 1; i < weeks; i++ {
		commits = append(commits, fixture.Commit{When: start.Add(time.Duration(i) * 7 * 24 * time.Hour),
			Message: fmt.Sprintf("Document step %d", i), Files: map[string]string{"docs/notes.md": fmt.Sprintf("step %d\n", i)}})
	}
	dir := fixture.Repo(t, "", commits)
	return githubtest.FromGit(t, dir, owner, name)
}

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func profile(t testing.TB) rules.Profile {
	p, err := rules.LookupProfile(rules.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// front is a fake GitHub in front of githubtest.Server: a rate limit of
// Limit requests per window of Window that resets (the inner server's
// limit never does), the users endpoints, and an added latency.
type front struct {
	*httptest.Server
	inner *githubtest.Server

	mu     sync.Mutex
	Limit  int
	Window time.Duration
	used   int
	end    time.Time
	// limited counts answers of 403 rate limit.
	limited int
	// Latency holds every answer back, downloads included.
	Latency time.Duration
	// Users maps a login to its repositories (JSON objects).
	Users map[string][]map[string]any
	// Authored maps owner/repo to the dates of the owner's commits.
	Authored map[string][]time.Time
}

func newFront(t testing.TB, inner *githubtest.Server) *front {
	f := &front{inner: inner, Users: map[string][]map[string]any{}, Authored: map[string][]time.Time{}}
	inner.Remaining = 1 << 30
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *front) APIURL() string { return f.URL + "/" }

type headerWriter struct {
	http.ResponseWriter
	set func(http.Header)
}

func (w *headerWriter) WriteHeader(code int) {
	w.set(w.Header())
	w.ResponseWriter.WriteHeader(code)
}

func (w *headerWriter) Write(b []byte) (int, error) {
	return w.ResponseWriter.Write(b)
}

func (f *front) serve(w http.ResponseWriter, r *http.Request) {
	if f.Latency > 0 {
		time.Sleep(f.Latency)
	}
	f.mu.Lock()
	limit, remaining, reset := f.Limit, 1<<30, time.Now().Add(time.Hour)
	if f.Limit > 0 {
		now := time.Now()
		if !now.Before(f.end) {
			f.used = 0
			f.end = time.Unix(now.Add(f.Window).Unix()+1, 0)
		}
		reset = f.end
		if f.used >= f.Limit {
			f.limited++
			f.mu.Unlock()
			h := w.Header()
			h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
			h.Set("X-RateLimit-Remaining", "0")
			h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
			h.Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`{"message":"API rate limit exceeded for 127.0.0.1."}`))
			return
		}
		f.used++
		remaining = f.Limit - f.used
	} else {
		limit = 5000
	}
	f.mu.Unlock()
	set := func(h http.Header) {
		h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
		h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
		h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
		h.Set("X-RateLimit-Resource", "core")
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) == 3 && parts[0] == "users" && parts[2] == "repos" {
		set(w.Header())
		list, ok := f.Users[strings.ToLower(parts[1])]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"message":"Not Found"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(list)
		return
	}
	if len(parts) == 4 && parts[0] == "repos" && parts[3] == "commits" && r.URL.Query().Get("author") != "" {
		set(w.Header())
		dates := f.Authored[strings.ToLower(parts[1]+"/"+parts[2])]
		var out []map[string]any
		for i, d := range dates {
			who := map[string]any{"name": parts[1], "email": parts[1] + "@example.com", "date": d.UTC().Format(time.RFC3339)}
			out = append(out, map[string]any{"sha": fmt.Sprintf("%040d", i+1), "commit": map[string]any{"author": who, "committer": who, "message": "work"}})
		}
		if out == nil {
			out = []map[string]any{}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
		return
	}
	f.inner.Config.Handler.ServeHTTP(&headerWriter{ResponseWriter: w, set: set}, r)
}
