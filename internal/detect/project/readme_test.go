package project

import (
	"reflect"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

const goodReadme = `# Bookshelf API

[![CI](https://github.com/ana/bookshelf/actions/workflows/ci.yml/badge.svg)](https://github.com/ana/bookshelf/actions)
[![Coverage](https://img.shields.io/codecov/c/github/ana/bookshelf)](https://codecov.io/gh/ana/bookshelf)

A REST API for managing a personal library: books, authors, loans and reviews,
with JWT authentication and PostgreSQL. Live demo: https://bookshelf-api.onrender.com/docs

## Tech stack

- FastAPI, SQLAlchemy 2, Alembic, PostgreSQL
- pytest and httpx for tests

## Getting started

` + "```bash" + `
git clone https://github.com/ana/bookshelf.git
cd bookshelf
python -m venv .venv && source .venv/bin/activate
pip install -r requirements.txt
alembic upgrade head
uvicorn app.main:app --reload
` + "```" + `

## Configuration

Copy ` + "`.env.example`" + ` to ` + "`.env`" + ` and set:

| Variable | Meaning |
|---|---|
| ` + "`DATABASE_URL`" + ` | PostgreSQL connection string |
| ` + "`JWT_SECRET`" + ` | signing key for access tokens |

## API

Interactive documentation is served by Swagger UI at /docs.

| Method | Path |
|---|---|
| GET | /books |
| POST | /books |

## Running tests

` + "```" + `
pytest -q
` + "```" + `

## Architecture

![ER diagram](docs/erd.png)

The service follows a layered design: routers call services, services call
repositories, and repositories own the SQLAlchemy sessions. Each request is
authenticated by a dependency that decodes the bearer token and loads the user.
Loans link books and members; a book can be on loan to at most one member at a
time, which a partial unique index enforces in the database itself.
`

func TestReadme(t *testing.T) {
	f := run(t, facts.Stack{Language: "python", Framework: "fastapi"}, file("README.md", goodReadme), file("docs/README.md", "# Docs\n"))
	r := f.Readme
	want := []string{"setup", "configuration", "api-docs", "live-url", "tests", "tech-stack", "architecture", "screenshots"}
	if r.Path != "README.md" || !reflect.DeepEqual(r.Sections, want) || r.Boilerplate {
		t.Fatalf("readme = %+v", r)
	}
	if r.Words < 150 {
		t.Errorf("words = %d", r.Words)
	}
	if !reflect.DeepEqual(r.URLs, []string{"https://bookshelf-api.onrender.com/docs"}) {
		t.Errorf("urls = %v", r.URLs)
	}
	if got := r.SectionEvidence["setup"]; got.Line != 14 {
		t.Errorf("setup evidence = %+v, want the heading on line 14", got)
	}
	if f.Deploy.URL != "https://bookshelf-api.onrender.com/docs" || f.Deploy.URLSource != "readme" || len(f.Deploy.URLEvidence) != 1 || f.Deploy.URLEvidence[0].Line != 7 {
		t.Errorf("deploy url = %q %q %+v", f.Deploy.URL, f.Deploy.URLSource, f.Deploy.URLEvidence)
	}
}

func TestReadmeNegatives(t *testing.T) {
	cases := []struct {
		name, path, text string
		sections         []string
		boilerplate      bool
		maxWords         int
	}{
		{"title only", "README.md", "# my-api\n", nil, false, 5},
		{"badges are not live urls", "README.md", "# api\n[![Build](https://img.shields.io/badge/build-passing-green.svg)](https://github.com/a/b/actions)\n[![Deploy to Render](https://render.com/images/deploy-to-render-button.svg)](https://render.com/deploy?repo=https://github.com/a/b)\nSee https://fastapi.tiangolo.com for the live docs of the framework.\n", nil, false, 60},
		{"localhost is not live", "README.md", "Live at http://localhost:8000 once running.\n", nil, false, 20},
		{"seeding the database is not architecture", "README.md", "# x\n\n## Seed the database\n\nRun the seed script.\n", nil, false, 20},
		{"a platform named in a feature list is not live", "README.md", "# x\n- [FastAPI Cloud](https://fastapicloud.com) for deployment.\n- Deployed on [Render](https://render.com)\n", nil, false, 20},
		{"nest starter", "README.md", "<p align=\"center\">\n  <a href=\"http://nestjs.com/\" target=\"blank\"><img src=\"https://nestjs.com/img/logo-small.svg\" width=\"120\" alt=\"Nest Logo\" /></a>\n</p>\n\n## Description\n\n[Nest](https://github.com/nestjs/nest) framework TypeScript starter repository.\n\n## Installation\n\n```bash\n$ npm install\n```\n", []string{"setup"}, true, 100},
		{"zsh prompt before the commands", "readme.md", "# Go Echo API\n\n### Install\n\n```bash\n➜ go mod download\n```\n\n### Run\n\n```bash\n➜ go run main.go\n```\n", []string{"setup"}, false, 30},
		{"a prompt before a non-setup command", "readme.md", "# Go Echo API\n\n### Notes\n\n```bash\n➜  echo $GOPATH\n% ls\n```\n", nil, false, 30},
		{"setup commands in prose", "README.md", "# Notes API\n\nInstall the dependencies with pip install -r requirements.txt and start the server with uvicorn app.main:app --reload.\n", []string{"setup"}, false, 40},
		{"prose about running is not setup", "README.md", "# Notes API\n\nYou can install it and run the server, then use docker or npm as you like.\n", nil, false, 40},
		{"spring help", "README.md", "# Getting Started\n\n### Reference Documentation\nFor further reference, please consider the following sections:\n\n* [Official Apache Maven documentation](https://maven.apache.org/guides/index.html)\n", nil, true, 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, facts.Stack{}, file(c.path, c.text))
			r := f.Readme
			if !reflect.DeepEqual(r.Sections, c.sections) || r.Boilerplate != c.boilerplate || r.Words > c.maxWords {
				t.Errorf("readme = sections %v boilerplate %v words %d", r.Sections, r.Boilerplate, r.Words)
			}
			if len(r.URLs) != 0 || f.Deploy.URL != "" {
				t.Errorf("urls = %v, deploy url %q", r.URLs, f.Deploy.URL)
			}
		})
	}
}

func TestReadmeChoiceAndURLs(t *testing.T) {
	f := run(t, facts.Stack{}, file("service/README.md", "# Service\n"), file("README.rst", "Todo API\n========\n\nDeployed at https://todo-api.fly.dev and https://todo.up.railway.app .\n\nInstallation\n------------\n\n::\n\n    pip install -r requirements.txt\n"))
	r := f.Readme
	if r.Path != "README.rst" {
		t.Fatalf("path = %q", r.Path)
	}
	if !reflect.DeepEqual(r.URLs, []string{"https://todo-api.fly.dev", "https://todo.up.railway.app"}) {
		t.Errorf("urls = %v", r.URLs)
	}
	if !r.HasSection("setup") || r.SectionEvidence["setup"].Line != 6 {
		t.Errorf("sections = %v %+v", r.Sections, r.SectionEvidence)
	}

	// A custom domain counts when the line says it is the live service;
	// a Deploy.URL already known is kept.
	inv := &facts.Facts{Deploy: facts.Deploy{URL: "https://given.example.net", URLSource: "flag"}}
	d := New()
	d.Scan(file("README.md", "## Live demo\n\nTry it: https://api.bookshelf.dev/docs\n"))
	d.Finish(inv)
	if inv.Deploy.URL != "https://given.example.net" || !reflect.DeepEqual(inv.Readme.URLs, []string{"https://api.bookshelf.dev/docs"}) {
		t.Errorf("deploy %q urls %v", inv.Deploy.URL, inv.Readme.URLs)
	}

	if f := run(t, facts.Stack{}, file("src/main.py", "x")); f.Readme.Path != "" || f.Readme.Words != 0 {
		t.Errorf("no readme: %+v", f.Readme)
	}
	if f := run(t, facts.Stack{}, file("README.md", strings.Repeat("word ", 200))); f.Readme.Words != 200 {
		t.Errorf("words = %d", f.Readme.Words)
	}
}

var _ = scan.File{}
