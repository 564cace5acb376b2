package stack

import (
	"reflect"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// detect runs the detector over files given as path → content, the way the
// collector does: content only for wanted paths.
func detect(t *testing.T, files map[string]string) facts.Stack {
	t.Helper()
	d := New()
	for p, c := range files {
		f := scan.File{Path: p}
		if d.Wants(scan.Classify(p)) {
			f.Data = []byte(c)
		}
		d.Scan(f)
	}
	var inv facts.Facts
	d.Finish(&inv)
	return inv.Stack
}

type want struct {
	lang, fw, manifest, tool string
	deps                     []string
	notDeps                  []string
	frameworks               []string
}

func check(t *testing.T, got facts.Stack, w want) {
	t.Helper()
	if got.Language != w.lang || got.Framework != w.fw {
		t.Errorf("language/framework = %q/%q, want %q/%q", got.Language, got.Framework, w.lang, w.fw)
	}
	if w.manifest != "" && got.Manifest != w.manifest {
		t.Errorf("manifest = %q, want %q", got.Manifest, w.manifest)
	}
	if w.tool != "" && got.BuildTool != w.tool {
		t.Errorf("build tool = %q, want %q", got.BuildTool, w.tool)
	}
	for _, dep := range w.deps {
		if !got.Dependencies[dep] {
			t.Errorf("dependency %q missing; have %v", dep, got.Dependencies)
		}
	}
	for _, dep := range w.notDeps {
		if got.Dependencies[dep] {
			t.Errorf("dependency %q should not be recorded", dep)
		}
	}
	if w.frameworks != nil && !reflect.DeepEqual(got.Frameworks, w.frameworks) {
		t.Errorf("frameworks = %v, want %v", got.Frameworks, w.frameworks)
	}
}

func TestPython(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  want
	}{{
		name: "fastapi requirements.txt",
		files: map[string]string{
			"requirements.txt":     "# web\nfastapi[all]==0.110.0  # api\nSQLAlchemy>=2.0\npython_jose[cryptography]\n-r requirements-dev.txt\npasslib[bcrypt]\n",
			"requirements-dev.txt": "pytest==8.0\n",
			"app/main.py":          "from fastapi import FastAPI\napp = FastAPI()\n",
		},
		want: want{lang: "python", fw: "fastapi", manifest: "requirements.txt", tool: "pip",
			deps: []string{"fastapi", "sqlalchemy", "python-jose", "passlib", "pytest"}},
	}, {
		name: "django poetry pyproject with DRF",
		files: map[string]string{
			"pyproject.toml": `[tool.poetry]
name = "shop"
[tool.poetry.dependencies]
python = "^3.11"
Django = "^5.0"
djangorestframework = "^3.15"
djangorestframework_simplejwt = "*"
[tool.poetry.group.dev.dependencies]
pytest-django = "*"
`,
			"poetry.lock":      "",
			"manage.py":        "import os\n",
			"shop/settings.py": "INSTALLED_APPS = []\n",
		},
		want: want{lang: "python", fw: "django", manifest: "pyproject.toml", tool: "poetry",
			deps: []string{"django", "djangorestframework", "djangorestframework-simplejwt", "pytest-django"}, notDeps: []string{"python"}},
	}, {
		name: "pep 621 pyproject flask",
		files: map[string]string{
			"pyproject.toml": "[project]\nname = \"blog\"\ndependencies = [\n  \"Flask>=3.0\",\n  \"Flask-SQLAlchemy\",\n  \"flask-jwt-extended; python_version>'3.8'\",\n]\n[project.optional-dependencies]\ndev = [\"pytest\"]\n",
			"uv.lock":        "",
			"blog/app.py":    "from flask import Flask\n",
		},
		want: want{lang: "python", fw: "flask", tool: "uv", deps: []string{"flask", "flask-sqlalchemy", "flask-jwt-extended", "pytest"}},
	}, {
		name: "pipfile flask",
		files: map[string]string{
			"Pipfile": "[[source]]\nurl = \"https://pypi.org/simple\"\n[packages]\nflask = \"*\"\nflask-login = \"*\"\n[dev-packages]\npytest = \"*\"\n",
			"app.py":  "from flask import Flask\n",
		},
		want: want{lang: "python", fw: "flask", manifest: "Pipfile", tool: "pipenv", deps: []string{"flask", "flask-login"}},
	}, {
		name: "setup.py and requirements folder",
		files: map[string]string{
			"setup.py":              "from setuptools import setup\nsetup(name='x', install_requires=[\n 'fastapi>=0.1',\n \"uvicorn\",\n])\n",
			"requirements/base.txt": "alembic\n",
			"x/api.py":              "import fastapi\n",
		},
		want: want{lang: "python", fw: "fastapi", manifest: "setup.py", deps: []string{"fastapi", "uvicorn", "alembic"}},
	}, {
		name: "setup.cfg",
		files: map[string]string{
			"setup.cfg": "[options]\ninstall_requires =\n    Django>=4\n    psycopg2-binary\npython_requires = >=3.10\n",
		},
		want: want{lang: "python", fw: "django", deps: []string{"django", "psycopg2-binary"}, notDeps: []string{"python-requires"}},
	}, {
		name: "django without a manifest, by manage.py",
		files: map[string]string{
			"manage.py":      "#!/usr/bin/env python\n",
			"api/views.py":   "from rest_framework import viewsets\n",
			"api/models.py":  "from django.db import models\n",
			"web/index.html": "<html></html>",
		},
		want: want{lang: "python", fw: "django"},
	}, {
		name:  "fastapi without a manifest, by import",
		files: map[string]string{"main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"},
		want:  want{lang: "python", fw: "fastapi"},
	}, {
		name:  "flask named only in a comment is no framework",
		files: map[string]string{"main.py": "# TODO: port to flask later\nprint('hi')\n"},
		want:  want{lang: "python", fw: ""},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.files), tt.want) })
	}
}

const springPom = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.2.5</version>
  </parent>
  <groupId>com.example</groupId>
  <artifactId>bank</artifactId>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
    <dependency>
      <groupId>io.jsonwebtoken</groupId>
      <artifactId>jjwt-api</artifactId>
      <version>0.12.5</version>
    </dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-maven-plugin</artifactId>
  </plugin></plugins></build>
</project>`

func TestJVM(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  want
	}{{
		name: "spring boot maven java",
		files: map[string]string{
			"pom.xml": springPom,
			"src/main/java/com/example/bank/BankApplication.java": "package com.example.bank;\n",
			"mvnw": "",
		},
		want: want{lang: "java", fw: "spring-boot", manifest: "pom.xml", tool: "maven",
			deps: []string{"spring-boot-starter-web", "org.springframework.boot:spring-boot-starter-web", "io.jsonwebtoken:jjwt-api", "jjwt-api", "spring-boot-starter-parent"}},
	}, {
		name: "spring boot gradle kotlin dsl with kotlin sources",
		files: map[string]string{
			"build.gradle.kts": `plugins {
    id("org.springframework.boot") version "3.2.0"
    kotlin("jvm") version "1.9.22"
    kotlin("plugin.spring") version "1.9.22"
}
dependencies {
    implementation("org.springframework.boot:spring-boot-starter-security")
    implementation("org.springframework.boot:spring-boot-starter-oauth2-resource-server")
    testImplementation("org.springframework.boot:spring-boot-starter-test")
}`,
			"settings.gradle.kts":                       "rootProject.name = \"notes\"\n",
			"src/main/kotlin/notes/NotesApplication.kt": "package notes\n",
			"src/main/kotlin/notes/NoteController.kt":   "package notes\n",
		},
		want: want{lang: "kotlin", fw: "spring-boot", manifest: "build.gradle.kts", tool: "gradle",
			deps: []string{"spring-boot-starter-security", "org.springframework.boot:spring-boot-starter-oauth2-resource-server", "org.springframework.boot"}},
	}, {
		name: "spring boot groovy gradle java",
		files: map[string]string{
			"build.gradle":               "plugins {\n  id 'java'\n  id 'org.springframework.boot' version '3.1.0'\n}\ndependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-data-jpa'\n  implementation group: 'com.auth0', name: 'java-jwt', version: '4.4.0'\n  runtimeOnly 'org.postgresql:postgresql'\n}\n",
			"src/main/java/app/App.java": "package app;\n",
		},
		want: want{lang: "java", fw: "spring-boot", tool: "gradle", deps: []string{"com.auth0:java-jwt", "java-jwt", "postgresql", "spring-boot-starter-data-jpa"}},
	}, {
		name: "gradle version catalog",
		files: map[string]string{
			"build.gradle.kts":          "dependencies {\n  implementation(libs.spring.boot.starter.web)\n}\n",
			"gradle/libs.versions.toml": "[libraries]\nspring-boot-starter-web = { module = \"org.springframework.boot:spring-boot-starter-web\" }\njjwt = { group = \"io.jsonwebtoken\", name = \"jjwt-api\", version = \"0.12.5\" }\n",
			"src/main/java/a/A.java":    "package a;\n",
		},
		want: want{lang: "java", fw: "spring-boot", deps: []string{"spring-boot-starter-web", "io.jsonwebtoken:jjwt-api"}},
	}, {
		name: "plain java library is no framework",
		files: map[string]string{
			"pom.xml":                    "<project><dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId></dependency></dependencies></project>",
			"src/main/java/lib/Lib.java": "package lib;\n",
		},
		want: want{lang: "java", fw: "", tool: "maven", deps: []string{"junit:junit"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.files), tt.want) })
	}
}

func TestNode(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  want
	}{{
		name: "express javascript",
		files: map[string]string{
			"package.json":        `{"name":"api","dependencies":{"express":"^4.19.2","jsonwebtoken":"^9.0.0","bcryptjs":"^2.4.3"},"devDependencies":{"jest":"^29"}}`,
			"package-lock.json":   "{}",
			"src/app.js":          "const express = require('express');\n",
			"src/routes/users.js": "const router = require('express').Router();\n",
		},
		want: want{lang: "javascript", fw: "express", manifest: "package.json", tool: "npm", deps: []string{"express", "jsonwebtoken", "bcryptjs", "jest"}},
	}, {
		name: "nestjs typescript",
		files: map[string]string{
			"package.json":      `{"dependencies":{"@nestjs/core":"^10","@nestjs/common":"^10","@nestjs/platform-express":"^10","@nestjs/jwt":"^10","express":"^4"},"devDependencies":{"typescript":"^5"}}`,
			"yarn.lock":         "",
			"tsconfig.json":     "{}",
			"src/main.ts":       "import { NestFactory } from '@nestjs/core';\n",
			"src/app.module.ts": "",
			".eslintrc.js":      "module.exports = {}\n",
		},
		want: want{lang: "typescript", fw: "nestjs", tool: "yarn", deps: []string{"@nestjs/jwt"}, frameworks: []string{"nestjs", "express"}},
	}, {
		name: "fastify typescript with pnpm packageManager",
		files: map[string]string{
			"package.json":  `{"packageManager":"pnpm@9.1.0","dependencies":{"fastify":"^4","@fastify/jwt":"^8"},"devDependencies":{"typescript":"^5","tsx":"^4"}}`,
			"src/server.ts": "import Fastify from 'fastify'\n",
		},
		want: want{lang: "typescript", fw: "fastify", tool: "pnpm", deps: []string{"@fastify/jwt"}},
	}, {
		name: "fastify javascript",
		files: map[string]string{
			"package.json": `{"dependencies":{"fastify":"^4"}}`,
			"app.js":       "const fastify = require('fastify')()\n",
		},
		want: want{lang: "javascript", fw: "fastify"},
	}, {
		name:  "broken package.json yields no framework and no panic",
		files: map[string]string{"package.json": `{"dependencies": {"express":`, "index.js": "x"},
		want:  want{lang: "javascript", fw: ""},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.files), tt.want) })
	}
}

func goMod(require string) string {
	return "module example.com/api\n\ngo 1.22\n\nrequire (\n" + require + "\n)\n"
}

func TestGo(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  want
	}{{
		name:  "gin",
		files: map[string]string{"go.mod": goMod("\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/golang-jwt/jwt/v5 v5.2.0"), "main.go": "package main\n"},
		want:  want{lang: "go", fw: "gin", manifest: "go.mod", tool: "go", deps: []string{"github.com/gin-gonic/gin", "github.com/golang-jwt/jwt/v5"}},
	}, {
		name:  "echo",
		files: map[string]string{"go.mod": goMod("\tgithub.com/labstack/echo/v4 v4.11.4"), "cmd/api/main.go": "package main\n"},
		want:  want{lang: "go", fw: "echo"},
	}, {
		name:  "chi",
		files: map[string]string{"go.mod": "module x\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n", "main.go": "package main\n"},
		want:  want{lang: "go", fw: "chi", deps: []string{"github.com/go-chi/chi/v5"}},
	}, {
		name:  "fiber",
		files: map[string]string{"go.mod": goMod("\tgithub.com/gofiber/fiber/v2 v2.52.0"), "main.go": "package main\n"},
		want:  want{lang: "go", fw: "fiber"},
	}, {
		name: "net/http by code",
		files: map[string]string{
			"go.mod":  goMod("\tgithub.com/jackc/pgx/v5 v5.5.0"),
			"main.go": "package main\n\nimport (\n\t\"log\"\n\t\"net/http\"\n)\n\nfunc main() {\n\tmux := http.NewServeMux()\n\tlog.Fatal(http.ListenAndServe(\":8080\", mux))\n}\n",
		},
		want: want{lang: "go", fw: "net-http"},
	}, {
		name: "net/http client only is no server",
		files: map[string]string{
			"go.mod":  goMod("\tgithub.com/spf13/cobra v1.8.0"),
			"main.go": "package main\n\nimport \"net/http\"\n\n// http.ListenAndServe is not called here\nfunc get() { http.Get(\"https://example.com\") }\n",
		},
		want: want{lang: "go", fw: ""},
	}, {
		name:  "indirect requirements are not the project's",
		files: map[string]string{"go.mod": goMod("\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgithub.com/gin-gonic/gin v1.9.1 // indirect"), "main.go": "package main\n"},
		want:  want{lang: "go", fw: "chi", notDeps: []string{"github.com/gin-gonic/gin"}},
	}, {
		name: "framework imported in code while go.mod was never tidied",
		files: map[string]string{
			"go.mod":  goMod("\tgithub.com/gin-gonic/gin v1.12.0 // indirect"),
			"main.go": "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() { r := gin.Default(); r.Run() }\n",
		},
		want: want{lang: "go", fw: "gin"},
	}, {
		name: "a framework named only in a comment is not imported",
		files: map[string]string{
			"go.mod":  goMod("\tgithub.com/gin-gonic/gin v1.12.0 // indirect"),
			"main.go": "package main\n\nimport \"net/http\"\n\n// unlike \"github.com/gin-gonic/gin\", this uses the standard library\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
		},
		want: want{lang: "go", fw: "net-http"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.files), tt.want) })
	}
}

func TestMonorepo(t *testing.T) {
	t.Run("frontend package.json does not make a Go backend javascript", func(t *testing.T) {
		got := detect(t, map[string]string{
			"frontend/package.json":      `{"dependencies":{"react":"^18","jsonwebtoken":"^9","axios":"^1"}}`,
			"frontend/src/App.jsx":       "",
			"frontend/src/api.js":        "",
			"frontend/src/auth.js":       "",
			"frontend/src/index.js":      "",
			"backend/go.mod":             goMod("\tgithub.com/gin-gonic/gin v1.9.1"),
			"backend/main.go":            "package main\n",
			"backend/internal/h/user.go": "package h\n",
		})
		check(t, got, want{lang: "go", fw: "gin", manifest: "backend/go.mod", tool: "go", deps: []string{"jsonwebtoken"}})
	})
	t.Run("next frontend and python backend: the backend wins", func(t *testing.T) {
		files := map[string]string{
			"web/package.json":     `{"dependencies":{"next":"14","react":"18"},"devDependencies":{"typescript":"5"}}`,
			"api/requirements.txt": "fastapi\nuvicorn\n",
			"api/app/main.py":      "from fastapi import FastAPI\n",
		}
		for i := range 8 {
			files["web/app/page"+string(rune('a'+i))+".tsx"] = ""
			files["web/lib/util"+string(rune('a'+i))+".ts"] = ""
		}
		check(t, detect(t, files), want{lang: "python", fw: "fastapi", manifest: "api/requirements.txt", frameworks: []string{"fastapi", "nextjs"}})
	})
	t.Run("tooling package.json at the root does not hide a Django app", func(t *testing.T) {
		got := detect(t, map[string]string{
			"package.json":      `{"devDependencies":{"prettier":"3","husky":"9"}}`,
			"requirements.txt":  "Django==5.0\n",
			"manage.py":         "",
			"blog/views.py":     "",
			"static/js/site.js": "",
		})
		check(t, got, want{lang: "python", fw: "django", manifest: "requirements.txt"})
	})
	t.Run("two backends: more source files wins", func(t *testing.T) {
		got := detect(t, map[string]string{
			"svc-a/package.json": `{"dependencies":{"express":"4"}}`,
			"svc-a/index.js":     "",
			"svc-b/pom.xml":      springPom,
			"svc-b/src/A.java":   "",
			"svc-b/src/B.java":   "",
			"svc-b/src/C.java":   "",
		})
		check(t, got, want{lang: "java", fw: "spring-boot", manifest: "svc-b/pom.xml", frameworks: []string{"spring-boot", "express"}})
	})
}

func TestOtherEcosystems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  want
	}{
		{"rails", map[string]string{"Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem \"devise\"\n", "app/models/user.rb": ""}, want{lang: "ruby", fw: "rails", tool: "bundler", deps: []string{"devise"}}},
		{"aspnet", map[string]string{"Api/Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Microsoft.AspNetCore.Authentication.JwtBearer" Version="8.0.0" /></ItemGroup></Project>`, "Api/Program.cs": ""}, want{lang: "csharp", fw: "aspnet", tool: "dotnet", deps: []string{"microsoft.aspnetcore.authentication.jwtbearer"}}},
		{"laravel", map[string]string{"composer.json": `{"require":{"php":"^8.2","laravel/framework":"^11.0"}}`, "app/User.php": ""}, want{lang: "php", fw: "laravel", tool: "composer"}},
		{"axum", map[string]string{"Cargo.toml": "[package]\nname = \"api\"\n[dependencies]\naxum = \"0.7\"\ntokio = { version = \"1\", features = [\"full\"] }\n", "src/main.rs": ""}, want{lang: "rust", fw: "axum", tool: "cargo", deps: []string{"tokio"}}},
		{"phoenix", map[string]string{"mix.exs": "defp deps do\n  [\n    {:phoenix, \"~> 1.7\"},\n    {:ecto_sql, \"~> 3.10\"}\n  ]\nend\n", "lib/app.ex": ""}, want{lang: "elixir", fw: "phoenix", deps: []string{"ecto_sql"}}},
		{"no manifest: most source files", map[string]string{"a.rb": "", "b.rb": "", "c.py": ""}, want{lang: "ruby", fw: ""}},
		{"empty", map[string]string{}, want{lang: "", fw: ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, detect(t, tt.files), tt.want) })
	}
}

func TestBadInput(t *testing.T) {
	bad := "\xff\xfe\x00[[[ = \"\n<project><<"
	files := map[string]string{}
	for _, p := range []string{"pyproject.toml", "Pipfile", "pom.xml", "build.gradle", "package.json", "go.mod", "Cargo.toml", "x.csproj", "composer.json", "setup.py", "setup.cfg", "requirements.txt", "gradle/libs.versions.toml", "main.go", "main.py"} {
		files[p] = bad
	}
	_ = detect(t, files) // must not panic
}
