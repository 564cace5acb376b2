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
	return Steps{ID: "tests.present", Generic: []string{
		"Add a test framework for your stack and a tests folder",
		"Test each endpoint through HTTP: one success and one error case, asserting status codes and bodies",
	}}.For(s)
}

// ciSteps are the fixes for a missing CI workflow, or one that does not
// run the tests.
func ciSteps(s Stack) []string {
	wf := "Add .github/workflows/ci.yml that runs on push and pull_request"
	return Steps{ID: "tests.ci", Generic: []string{
		wf + " that installs dependencies and runs the test suite",
		"Add the workflow's status badge to the README",
	}}.For(s)
}
