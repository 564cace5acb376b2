package project

import (
	"reflect"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

const ghPython = `name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install
        run: |
          pip install -r requirements.txt
          pip install pytest httpx
      - name: Test
        run: pytest -q
`

const ghLintOnly = `name: Lint
on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install flake8 pytest
      # - run: pytest
      - run: flake8 .
      - run: npm run lint
`

const ghMavenSkip = `name: Build
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-java@v4
        with: {distribution: temurin, java-version: '21'}
      - run: mvn -B -DskipTests package
`

const ghMaven = `name: Java CI with Maven
on:
  push:
    branches: [ "main" ]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
    - uses: actions/checkout@v4
    - name: Build with Maven
      run: mvn -B package --file pom.xml
`

const ghGradleAction = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: gradle/gradle-build-action@v2
        with:
          arguments: build
`

const ghNodeDeploy = `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm run test:e2e
  deploy:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - uses: superfly/flyctl-actions/setup-flyctl@master
      - run: flyctl deploy --remote-only
`

const ghGoIgnored = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: go vet ./...
      - run: go test ./... || true
      - run: go build ./...
`

const ghContinue = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
        continue-on-error: true
`

const gitlab = `stages: [test, deploy]
variables:
  GRADLE_OPTS: "-Dorg.gradle.daemon=false"
unit:
  stage: test
  image: eclipse-temurin:21
  script:
    - ./gradlew check
deploy:
  stage: deploy
  script:
    - docker push $CI_REGISTRY_IMAGE
`

func TestCI(t *testing.T) {
	cases := []struct {
		name      string
		files     []scan.File
		providers []string
		runs      bool
		line      int // line of the first evidence
		pipeline  bool
	}{
		{"github actions pytest", []scan.File{file(".github/workflows/ci.yml", ghPython)}, []string{"github-actions"}, true, 16, false},
		{"lint only", []scan.File{file(".github/workflows/lint.yaml", ghLintOnly)}, []string{"github-actions"}, false, 1, false},
		{"maven skip tests", []scan.File{file(".github/workflows/build.yml", ghMavenSkip)}, []string{"github-actions"}, false, 1, false},
		{"maven package", []scan.File{file(".github/workflows/maven.yml", ghMaven)}, []string{"github-actions"}, true, 11, false},
		{"gradle action", []scan.File{file(".github/workflows/gradle.yml", ghGradleAction)}, []string{"github-actions"}, true, 1, false},
		{"node test and fly deploy", []scan.File{file(".github/workflows/ci.yml", ghNodeDeploy)}, []string{"github-actions"}, true, 8, true},
		{"go test or true", []scan.File{file(".github/workflows/go.yml", ghGoIgnored)}, []string{"github-actions"}, false, 1, false},
		{"continue on error", []scan.File{file(".github/workflows/go.yml", ghContinue)}, []string{"github-actions"}, false, 1, false},
		{"gitlab gradle", []scan.File{file(".gitlab-ci.yml", gitlab)}, []string{"gitlab-ci"}, true, 8, true},
		{"travis go default", []scan.File{file(".travis.yml", "sudo: false\nlanguage: go\ngo:\n  - 1.11.x\ngit:\n  depth: 1\n")}, []string{"travis"}, true, 2, false},
		{"travis go build script", []scan.File{file(".travis.yml", "language: go\nscript: go build ./...\n")}, []string{"travis"}, false, 1, false},
		{"travis flask test", []scan.File{file(".travis.yml", "language: python\npython:\n  - 3.6\ninstall: pip install -r requirements/dev.txt\nscript: flask test\n")}, []string{"travis"}, true, 5, false},
		{"travis python no script", []scan.File{file(".travis.yml", "language: python\npython:\n  - 3.6\ninstall: pip install -r requirements.txt\n")}, []string{"travis"}, false, 1, false},
		{"travis node default", []scan.File{file(".travis.yml", "language: node_js\nnode_js:\n  - 20\n")}, []string{"travis"}, true, 1, false},
		{"circleci go", []scan.File{file(".circleci/config.yml", "version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/go:1.22\n    steps:\n      - checkout\n      - run:\n          name: test\n          command: go test -race ./...\n")}, []string{"circleci"}, true, 10, false},
		{"jenkins", []scan.File{file("Jenkinsfile", "pipeline {\n  stages {\n    stage('Test') {\n      steps {\n        // sh 'mvn -DskipTests package'\n        sh './mvnw verify'\n      }\n    }\n  }\n}\n")}, []string{"jenkins"}, true, 6, false},
		{"azure maven task", []scan.File{file("azure-pipelines.yml", "trigger:\n- main\npool:\n  vmImage: ubuntu-latest\nsteps:\n- task: Maven@3\n  inputs:\n    mavenPomFile: 'pom.xml'\n    goals: 'package'\n")}, []string{"azure-pipelines"}, true, 1, false},
		{"broken yaml falls back to lines", []scan.File{file(".github/workflows/ci.yml", "jobs:\n  t:\n    steps:\n  - run: [npm test\n")}, []string{"github-actions"}, true, 4, false},
		{"not a workflow", []scan.File{file("docs/ci.yml", ghPython), file(".github/dependabot.yml", "version: 2\n")}, []string{}, false, 0, false},
		{"two providers", []scan.File{file(".github/workflows/a.yml", ghLintOnly), file(".drone.yml", "kind: pipeline\nsteps:\n- name: test\n  image: python:3.12\n  commands:\n  - pip install -r requirements.txt\n  - python manage.py test\n")}, []string{"github-actions", "drone"}, true, 7, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, facts.Stack{}, c.files...)
			if !reflect.DeepEqual(f.CI.Providers, c.providers) || f.CI.RunsTests != c.runs || f.Deploy.Pipeline != c.pipeline {
				t.Fatalf("got providers=%v runs=%v pipeline=%v; want %v %v %v", f.CI.Providers, f.CI.RunsTests, f.Deploy.Pipeline, c.providers, c.runs, c.pipeline)
			}
			if c.line > 0 && (len(f.CI.Evidence) == 0 || f.CI.Evidence[0].Line != c.line) {
				t.Errorf("evidence = %+v, want line %d first", f.CI.Evidence, c.line)
			}
		})
	}
}

func TestTestCommand(t *testing.T) {
	yes := []string{"pytest", "python -m pytest -x", "poetry run pytest --cov", "python manage.py test", "tox", "./mvnw verify",
		"mvn clean install", "./gradlew test", "gradle build", "npm test", "npm run test", "yarn test", "pnpm test", "npx jest --ci",
		"vitest run", "go test ./...", "make test", "cargo test", "bundle exec rspec", "dotnet test", "CI=true npm test",
		"npm ci && npm test", "docker compose run api pytest",
		"uv run bash scripts/tests-start.sh \"Coverage\"", "./run_tests.sh", "flask test", "python -m flask tests"}
	no := []string{"pip install pytest", "npm run lint", "mvn -DskipTests package", "./gradlew build -x test", "go test ./... || true",
		"go build ./...", "flake8 tests", "tox -e lint", "npm run build", "echo done", "uv add pytest-asyncio", "bash scripts/latest.sh", "./contest.sh", "flask run", "flask db upgrade"}
	for _, c := range yes {
		if _, ok := testCommand(c); !ok {
			t.Errorf("testCommand(%q) = false, want true", c)
		}
	}
	for _, c := range no {
		if _, ok := testCommand(c); ok {
			t.Errorf("testCommand(%q) = true, want false", c)
		}
	}
}

// A workflow with tests in several jobs: the evidence is the first test
// step in the file, every time (the YAML walk meets the jobs in Go's random
// map order).
func TestFindTestStepIsTheFirstInTheFile(t *testing.T) {
	const wf = `name: Build & Test
on: [push]
jobs:
  unit-tests:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Unit tests
        run: npm run test
  e2e:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Dashboard e2e tests
        run: npm run e2e
  integration:
    runs-on: ubuntu-latest
    steps:
      - run: npx jest --config jest.integration.js
`
	for range 30 {
		if got := findTestStep("github-actions", []byte(wf)); got != 9 {
			t.Fatalf("findTestStep = line %d, want 9 (npm run test)", got)
		}
	}
	if got := findTestStep("github-actions", []byte(ghLintOnly)); got != 0 {
		t.Errorf("lint-only workflow: findTestStep = line %d, want 0", got)
	}
}
