package container

import (
	"reflect"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// run feeds files to a fresh detector the way the collector does.
func run(files map[string]string, paths ...string) *facts.Facts {
	d := New()
	for _, p := range paths {
		f := scan.File{Path: p}
		if c, ok := files[p]; ok && d.Wants(scan.Classify(p)) {
			f.Data = []byte(c)
		}
		d.Scan(f)
	}
	inv := &facts.Facts{}
	d.Finish(inv)
	return inv
}

func TestDockerfiles(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		stages   int
		images   []string
		unpinned []string
		user     string
		nonRoot  bool
	}{
		{"fastapi single stage as root", "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n",
			1, []string{"python:3.12-slim"}, nil, "", false},
		{"untagged and latest", "FROM python\nRUN pip install flask\nFROM node:latest\n",
			2, []string{"python", "node:latest"}, []string{"python", "node:latest"}, "", false},
		{"spring multi-stage non-root", "# build\nFROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /src\nCOPY . .\nRUN mvn -q package \\\n    -DskipTests\n\nFROM eclipse-temurin:21-jre\nRUN useradd --system spring\nUSER spring:spring\nCOPY --from=build /src/target/app.jar /app.jar\nENTRYPOINT [\"java\",\"-jar\",\"/app.jar\"]\n",
			2, []string{"maven:3.9-eclipse-temurin-21", "eclipse-temurin:21-jre"}, nil, "spring:spring", true},
		{"go distroless nonroot", "FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /app ./cmd/api\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
			2, []string{"golang:1.26", "gcr.io/distroless/static-debian12:nonroot"}, nil, "", true},
		{"stage reference and scratch not judged", "FROM golang:1.26 AS base\nFROM base AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\n",
			3, []string{"golang:1.26"}, nil, "", false},
		{"ARG default substituted", "ARG NODE_VERSION=22-alpine\nFROM node:${NODE_VERSION}\nUSER node\n",
			1, []string{"node:22-alpine"}, nil, "node", true},
		{"ARG without default cannot be judged", "ARG BASE\nFROM $BASE\n",
			1, []string{"$BASE"}, nil, "", false},
		{"user root in final stage", "FROM node:22 AS build\nUSER node\nFROM node:22-alpine\nUSER root\n",
			2, []string{"node:22", "node:22-alpine"}, nil, "root", false},
		{"uid 0", "FROM alpine:3.20\nUSER 0:0\n", 1, []string{"alpine:3.20"}, nil, "0:0", false},
		{"registry port is not a tag", "FROM localhost:5000/api\n", 1, []string{"localhost:5000/api"}, []string{"localhost:5000/api"}, "", false},
		{"digest pins", "FROM python@sha256:0123abcd\n", 1, []string{"python@sha256:0123abcd"}, nil, "", false},
		{"comments and lower-case keywords", "# FROM ubuntu\nfrom python:3.11 as app\n  # USER nobody\n", 1, []string{"python:3.11"}, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := run(map[string]string{"Dockerfile": tt.data}, "Dockerfile")
			if len(f.Container.Dockerfiles) != 1 {
				t.Fatalf("dockerfiles = %+v", f.Container.Dockerfiles)
			}
			d := f.Container.Dockerfiles[0]
			if d.Stages != tt.stages || !reflect.DeepEqual(d.Images, tt.images) || !reflect.DeepEqual(d.Unpinned, tt.unpinned) ||
				d.User != tt.user || d.NonRoot != tt.nonRoot {
				t.Errorf("got stages=%d images=%q unpinned=%q user=%q nonroot=%v", d.Stages, d.Images, d.Unpinned, d.User, d.NonRoot)
			}
			if len(d.FromLines) != tt.stages {
				t.Errorf("from lines = %v", d.FromLines)
			}
		})
	}
}

func TestDockerfileLines(t *testing.T) {
	d := Parse("Dockerfile", []byte("# syntax=docker/dockerfile:1\n\nFROM node\nRUN npm ci \\\n  --omit=dev\nFROM node:22-alpine\nUSER node\n"))
	if !reflect.DeepEqual(d.FromLines, []int{3, 6}) || !reflect.DeepEqual(d.UnpinnedLines, []int{3}) || d.UserLine != 7 {
		t.Errorf("lines: from %v unpinned %v user %d", d.FromLines, d.UnpinnedLines, d.UserLine)
	}
}

func TestHostileInput(t *testing.T) {
	for _, data := range []string{"", "\\", "FROM", "FROM --platform=x", "USER", "\xff\xfe\x00FROM \xff", "ARG =\nFROM ${:-}\n", "FROM a AS"} {
		_ = Parse("Dockerfile", []byte(data)) // must not panic
	}
}

func TestMainDockerfileAndDockerignore(t *testing.T) {
	files := map[string]string{
		"Dockerfile.dev":     "FROM python:3.12\n",
		"api/Dockerfile":     "FROM python:3.12-slim\n",
		"docs/Dockerfile.md": "FROM nothing\n",
	}
	f := run(files, "Dockerfile.dev", "README.md", "api/.dockerignore", "api/Dockerfile", "docs/Dockerfile.md")
	c := f.Container
	if len(c.Dockerfiles) != 2 || c.Dockerfiles[0].Path != "api/Dockerfile" {
		t.Fatalf("dockerfiles = %+v", c.Dockerfiles)
	}
	if !c.Dockerignore || c.DockerignoreEvidence[0].Path != "api/.dockerignore" {
		t.Errorf("dockerignore = %v %v", c.Dockerignore, c.DockerignoreEvidence)
	}

	// A .dockerignore in an unrelated folder does not count.
	f = run(map[string]string{"Dockerfile": "FROM node:22\n"}, "Dockerfile", "frontend/.dockerignore")
	if f.Container.Dockerignore {
		t.Error("frontend/.dockerignore counted for the root Dockerfile")
	}
	// No Dockerfile at all.
	f = run(nil, "main.go", ".dockerignore")
	if len(f.Container.Dockerfiles) != 0 {
		t.Errorf("dockerfiles = %+v", f.Container.Dockerfiles)
	}
}

func TestLayers(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"spring packages", []string{"src/main/java/com/acme/shop/controller/OrderController.java", "src/main/java/com/acme/shop/service/OrderService.java",
			"src/main/java/com/acme/shop/repository/OrderRepository.java", "src/test/java/com/acme/shop/service/OrderServiceTest.java"},
			[]string{"controller", "service", "repository"}},
		{"spring kotlin by file name", []string{"src/main/kotlin/com/acme/shop/order/OrderController.kt", "src/main/kotlin/com/acme/shop/order/OrderService.kt",
			"src/main/kotlin/com/acme/shop/order/OrderRepository.kt"}, []string{"controller", "service", "repository"}},
		{"fastapi routers services crud", []string{"app/routers/items.py", "app/services/items.py", "app/crud.py", "app/main.py"},
			[]string{"controller", "service", "repository"}},
		{"django views only", []string{"shop/views.py", "shop/models.py", "shop/urls.py"}, []string{"controller"}},
		{"nestjs modules", []string{"src/users/users.controller.ts", "src/users/users.service.ts", "src/users/users.repository.ts", "src/users/users.service.spec.ts"},
			[]string{"controller", "service", "repository"}},
		{"express routes and services", []string{"src/routes/users.js", "src/services/userService.js", "src/app.js"}, []string{"controller", "service"}},
		{"go internal layers", []string{"internal/handler/user.go", "internal/service/user.go", "internal/store/user.go", "cmd/api/main.go"},
			[]string{"controller", "service", "repository"}},
		{"flat go main", []string{"main.go", "handlers_test.go", "go.mod"}, nil},
		{"frontend store and resources are not layers", []string{"web/src/store/index.js", "src/main/resources/application.yml", "app/resources/util.py"}, nil},
		{"test files do not count", []string{"tests/services/test_users.py", "tests/test_repository.py"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := run(nil, tt.paths...)
			if !reflect.DeepEqual(f.Structure.Layers, tt.want) {
				t.Errorf("layers = %q, want %q", f.Structure.Layers, tt.want)
			}
			if len(f.Structure.Evidence) != len(tt.want) {
				t.Errorf("evidence = %v", f.Structure.Evidence)
			}
		})
	}
}
