package rules

import (
	"fmt"
	"strings"
)

// testsCriterion judges whether the project proves it works: tests a
// reviewer can read, and a CI workflow that runs them on every push.
var testsCriterion = &Criterion{
	ID:    "tests",
	Title: "Tests and CI",
	Doc: "Hiring managers look for tests that exercise the API and a CI badge that is green: " +
		"they show the candidate ships code that keeps working. Judged from the test files in the tree " +
		"and the CI configuration (GitHub Actions, GitLab CI, CircleCI, ...).",
	Checks: []*Check{
		{
			ID:     "tests.present",
			Title:  "The project has automated tests",
			Points: 35,
			Doc: "A backend without tests is the first thing a reviewer notices. Passes when at least one file " +
				"holds a test function or annotation (def test_, @Test, describe/it/test, func Test...); " +
				"fixtures, helpers and the test a framework generates (Spring's contextLoads, Nest's \"Hello World!\" specs) do not count.",
			Run: testsPresent,
			Fix: testsSteps,
		},
		{
			ID:     "tests.depth",
			Title:  "Tests go beyond a token file",
			Points: 20,
			Doc: "One test file reads as a gesture. Passes with at least 5 test files, or with tests that call the API " +
				"through its HTTP layer (TestClient, Django's test client, MockMvc, supertest, fastify.inject, httptest), " +
				"which is what a reviewer wants to see for a backend.",
			Run: testsDepth,
			Fix: testsSteps,
		},
		{
			ID:     "tests.ci",
			Title:  "A CI workflow is configured",
			Points: 20,
			Doc: "Continuous integration shows the habit of checking every change. Passes when the repository " +
				"configures a CI service: GitHub Actions (.github/workflows), GitLab CI, CircleCI, Travis, Azure Pipelines, " +
				"Jenkins, Bitbucket Pipelines, Drone, Buildkite or Woodpecker.",
			Run: testsCI,
			Fix: ciSteps,
		},
		{
			ID:     "tests.ci-runs-tests",
			Title:  "CI runs the tests",
			Points: 15,
			Doc: "A workflow that only lints or builds proves little. Passes when a CI step runs the test suite " +
				"(pytest, manage.py test, mvn verify/package, gradle build/test, npm test, go test, ...); " +
				"a step with -DskipTests, -x test, `|| true` or continue-on-error does not count.",
			Run: testsCIRuns,
			Fix: ciSteps,
		},
		{
			ID:     "tests.ci-green",
			Title:  "The latest CI run passed",
			Points: 10,
			Doc: "A red badge on the README tells a reviewer the main branch is broken. Judged from the conclusion " +
				"of the latest workflow run on the default branch, which only GitHub audits know; skipped otherwise.",
			Run: testsCIGreen,
			Fix: func(s Stack) []string {
				return []string{
					"Open the failing run in the Actions tab, reproduce it locally with the same command, and push the fix",
					"Pin the language version in the workflow to the one you develop with so CI and your machine agree",
				}
			},
		},
	},
}

func testsPresent(f *Facts) Result {
	t := f.Tests
	if t.Files == 0 {
		if t.Boilerplate > 0 {
			return Fail(fmt.Sprintf("only the framework's generated test (%s); no test of the project's own code", plural(t.Boilerplate, "file", "files")))
		}
		return Fail("no test files found")
	}
	return Pass(fmt.Sprintf("%s%s", plural(t.Files, "test file", "test files"), framework(t.Framework)), t.Evidence...)
}

func framework(fw string) string {
	if fw == "" {
		return ""
	}
	return " using " + fw
}

func testsDepth(f *Facts) Result {
	t := f.Tests
	switch {
	case t.Integration:
		return Pass(fmt.Sprintf("%s, with tests through the HTTP layer", plural(t.Files, "test file", "test files")), t.IntegrationEvidence...)
	case t.Files >= 5:
		return Pass(fmt.Sprintf("%d test files", t.Files), t.Evidence...)
	case t.Files == 0:
		return Fail("no test files found")
	}
	return Fail(fmt.Sprintf("%s and no test that calls the API through HTTP", plural(t.Files, "test file", "test files")), t.Evidence...)
}

func testsCI(f *Facts) Result {
	if len(f.CI.Providers) == 0 {
		return Fail("no CI configuration found")
	}
	return Pass("CI: "+strings.Join(f.CI.Providers, ", "), f.CI.Evidence...)
}

func testsCIRuns(f *Facts) Result {
	switch {
	case len(f.CI.Providers) == 0:
		return Fail("no CI configuration found")
	case f.CI.RunsTests:
		return Pass("a CI step runs the tests", f.CI.Evidence...)
	}
	return Fail("the CI configuration runs no test command", f.CI.Evidence...)
}

func testsCIGreen(f *Facts) Result {
	switch f.CI.LastConclusion {
	case "":
		return Skip("the result of the latest CI run is only known for GitHub repositories")
	case "success":
		return Pass("the latest CI run on the default branch succeeded")
	}
	return Fail("the latest CI run on the default branch ended in " + f.CI.LastConclusion)
}

// testsSteps are the fixes for missing or thin tests.
func testsSteps(s Stack) []string {
	return ForStack(s, map[string][]string{
		"fastapi": {
			"Add pytest and httpx (`pip install pytest httpx`) and a tests/ folder",
			"Test the routes through `fastapi.testclient.TestClient(app)`: a happy path and a 4xx per endpoint",
			"Override the database dependency with `app.dependency_overrides` to run against a test database",
		},
		"django": {
			"Write tests in <app>/tests/ with `rest_framework.test.APITestCase` and `self.client.get(...)` / `post(...)`",
			"Or add pytest-django (`pip install pytest pytest-django`) with `DJANGO_SETTINGS_MODULE` in pytest.ini",
			"Run them with `python manage.py test` (or `pytest`) and cover one success and one error per endpoint",
		},
		"flask": {
			"Add pytest (`pip install pytest`) and a `client` fixture returning `create_app(testing=True).test_client()`",
			"Test each route with `client.get(...)`/`client.post(..., json=...)`, asserting status codes and JSON bodies",
		},
		"spring-boot": {
			"Use JUnit 5 from spring-boot-starter-test; put tests under src/test/java",
			"Test controllers with `@WebMvcTest` + `MockMvc` (`mockMvc.perform(get(\"/api/...\")).andExpect(status().isOk())`)",
			"Add a `@SpringBootTest(webEnvironment = RANDOM_PORT)` test with `TestRestTemplate` for one full flow; run `./mvnw test`",
		},
		"express": {
			"Add Jest and supertest (`npm i -D jest supertest`) and set `\"test\": \"jest\"` in package.json",
			"Export the app without calling listen() and test routes with `request(app).get('/api/...').expect(200)`",
		},
		"nestjs": {
			"Replace the generated specs with tests of your services using `Test.createTestingModule` from @nestjs/testing",
			"Write e2e tests in test/ with supertest: `request(app.getHttpServer()).post('/...').expect(201)`; run `npm run test:e2e`",
		},
		"fastify": {
			"Add Vitest or node:test and build the app in a helper without listening",
			"Test routes with `app.inject({ method: 'GET', url: '/...' })`, asserting statusCode and JSON",
		},
		"go": {
			"Add *_test.go files next to the handlers and test them with `net/http/httptest` (`httptest.NewRecorder()` + `router.ServeHTTP`)",
			"Use table-driven tests for success and error cases; run them with `go test ./...`",
		},
		"": {
			"Add a test framework for your stack and a tests folder",
			"Test each endpoint through HTTP: one success and one error case, asserting status codes and bodies",
		},
	})
}

// ciSteps are the fixes for a missing CI workflow, or one that does not
// run the tests.
func ciSteps(s Stack) []string {
	wf := "Add .github/workflows/ci.yml that runs on push and pull_request"
	return ForStack(s, map[string][]string{
		"fastapi":     {wf + " with actions/setup-python, `pip install -r requirements.txt` and `pytest`"},
		"flask":       {wf + " with actions/setup-python, `pip install -r requirements.txt` and `pytest`"},
		"django":      {wf + " with actions/setup-python, a postgres service, `pip install -r requirements.txt` and `python manage.py test`"},
		"spring-boot": {wf + " with actions/setup-java (distribution temurin) and `./mvnw -B verify` (Gradle: `./gradlew build`), without -DskipTests"},
		"express":     {wf + " with actions/setup-node, `npm ci` and `npm test`"},
		"nestjs":      {wf + " with actions/setup-node, `npm ci`, `npm test` and `npm run test:e2e`"},
		"fastify":     {wf + " with actions/setup-node, `npm ci` and `npm test`"},
		"javascript":  {wf + " with actions/setup-node, `npm ci` and `npm test`"},
		"go":          {wf + " with actions/setup-go (go-version-file: go.mod), `go vet ./...` and `go test -race ./...`"},
		"": {
			wf + " that installs dependencies and runs the test suite",
			"Add the workflow's status badge to the README",
		},
	})
}
