package project

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// testLang holds what identifies tests in one language: a test function or
// annotation, the framework a file's imports betray, tests that go through
// the HTTP layer, and the tests a framework generates.
type testLang struct {
	test        *scan.Regexp
	frameworks  []fwPattern
	integration *scan.Regexp
	// boilerplate reports whether a file holds only a generated test.
	boilerplate func(code []byte, tests int) bool
}

type fwPattern struct {
	name string
	re   *scan.Regexp
}

var testLangs = map[string]*testLang{
	"python": {
		test: scan.MustCompile(`(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(|^[ \t]*class[ \t]+\w+[ \t]*\([^)]*TestCase[^)]*\)`),
		frameworks: []fwPattern{
			{"pytest", scan.MustCompile(`(?m)^\s*import pytest\b|^\s*from pytest\b|@pytest\.`)},
			{"django", scan.MustCompile(`\bfrom (?:django\.test|rest_framework\.test)\b|\bdjango\.test\.`)},
			{"unittest", scan.MustCompile(`\bunittest\.(?:TestCase|IsolatedAsyncioTestCase|main)\b|from unittest import[^\n]*\b(?:TestCase|IsolatedAsyncioTestCase)\b`)},
		},
		integration: scan.MustCompile(`\bTestClient\b|\bAsyncClient\(|\bAPIClient\b|\bAPITestCase\b|\bAPILiveServerTestCase\b|\bLiveServerTestCase\b|\.test_client\(|\bself\.client\.(?:get|post|put|patch|delete)\(|\bclient\.(?:get|post|put|patch|delete)\(\s*f?["']/`),
	},
	"java": {
		test: scan.MustCompile(`@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\b`),
		frameworks: []fwPattern{
			{"testng", scan.MustCompile(`\borg\.testng\b`)},
			{"junit", scan.MustCompile(`\borg\.junit\b`)},
		},
		integration: scan.MustCompile(`\bMockMvc\b|\bWebTestClient\b|\bTestRestTemplate\b|@WebMvcTest\b|@WebFluxTest\b|\bRestAssured\b|\bio\.restassured\b|webEnvironment\s*=`),
		boilerplate: springContextLoads,
	},
	"javascript": {
		test: scan.MustCompile("(?:^|[^.\\w$])(?:describe|it|test)(?:\\.(?:only|skip|concurrent|todo))?\\s*\\(\\s*[\"'`]|(?:^|[^.\\w$])(?:describe|it|test)\\.each\\b|\\bDeno\\.test\\("),
		frameworks: []fwPattern{
			{"vitest", scan.MustCompile(`from\s+['"]vitest['"]|require\(\s*['"]vitest['"]\s*\)`)},
			{"node-test", scan.MustCompile(`['"]node:test['"]`)},
			{"jest", scan.MustCompile(`['"]@jest/globals['"]|\bjest\.(?:fn|mock|spyOn|useFakeTimers)\(`)},
			{"mocha", scan.MustCompile(`['"](?:mocha|chai)['"]`)},
			{"jasmine", scan.MustCompile(`\bjasmine\.`)},
		},
		integration: scan.MustCompile(`['"]supertest['"]|\brequest\(\s*(?:app|server|this\.app|httpServer)\b|\bgetHttpServer\(\)|\.inject\(\s*\{|\.inject\(\)\s*\.|\bchai\.request\(|['"]chai-http['"]|\baxios\.(?:get|post|put|patch|delete)\(\s*["'` + "`" + `](?:/|https?://(?:localhost|127\.0\.0\.1))|['"]light-my-request['"]|['"]pactum['"]|\bfetch\(\s*(?:["'` + "`" + `]https?://(?:localhost|127\.0\.0\.1)|` + "`" + `\$\{\s*\w*(?:url|Url|URL|address|base|host)\w*|\w*(?:url|Url|URL|address|base|host)\w*\s*\+)`),
		boilerplate: jsGeneratedSpec,
	},
	"go": {
		test: scan.MustCompile(`(?m)^func\s+Test\w*\s*\(\s*\w+\s+\*testing\.T\s*\)|^func\s+\([^)]*\)\s+Test\w*\s*\(\s*\)|\bginkgo\b[\s\S]*\bDescribe\(`),
		frameworks: []fwPattern{
			{"go-test", scan.MustCompile(`"testing"`)},
		},
		integration: scan.MustCompile(`\bhttptest\.|\.ServeHTTP\(|\bapp\.Test\(|\bhttpexpect\.|\bapitest\.`),
	},
	"ruby": {
		test: scan.MustCompile(`(?m)^[ \t]*(?:RSpec\.)?describe\b|^[ \t]*it\s+["']|^[ \t]*def\s+test_|^[ \t]*test\s+["']`),
		frameworks: []fwPattern{
			{"rspec", scan.MustCompile(`\bRSpec\b|(?m)^\s*describe\b`)},
			{"minitest", scan.MustCompile(`\bMinitest\b|\bActiveSupport::TestCase\b|\bActionDispatch::IntegrationTest\b|\bTest::Unit\b`)},
		},
		integration: scan.MustCompile(`type:\s*:request\b|\bActionDispatch::IntegrationTest\b|\bRack::Test\b`),
	},
	"csharp": {
		test: scan.MustCompile(`\[(?:Fact|Theory|Test|TestMethod|TestCase)\b`),
		frameworks: []fwPattern{
			{"xunit", scan.MustCompile(`\[(?:Fact|Theory)\b|\busing Xunit\b`)},
			{"mstest", scan.MustCompile(`\[TestMethod\b`)},
			{"nunit", scan.MustCompile(`\[(?:Test|TestCase)\b|\busing NUnit\b`)},
		},
		integration: scan.MustCompile(`\bWebApplicationFactory\b|\bTestServer\b`),
	},
	"php": {
		test: scan.MustCompile(`function\s+test\w*\s*\(|#\[Test\]|(?m)^[ \t]*(?:test|it)\s*\(\s*['"]`),
		frameworks: []fwPattern{
			{"phpunit", scan.MustCompile(`\bPHPUnit\b|\bextends\s+\w*TestCase\b`)},
			{"pest", scan.MustCompile(`(?m)^\s*(?:test|it)\s*\(\s*['"]`)},
		},
		integration: scan.MustCompile(`\$this->(?:get|post|put|patch|delete|json)(?:Json)?\(|\bWebTestCase\b|->createClient\(`),
	},
	"rust": {
		test:       scan.MustCompile(`#\[(?:tokio::|actix_web::|actix_rt::)?test\]`),
		frameworks: []fwPattern{{"cargo-test", scan.MustCompile(`#\[`)}},
	},
}

func init() {
	// Kotlin tests use the JUnit annotations, plus Kotest's specs.
	kt := *testLangs["java"]
	kt.test = scan.MustCompile(`@(?:Test|ParameterizedTest|RepeatedTest|TestFactory)\b|:\s*(?:StringSpec|FunSpec|DescribeSpec|BehaviorSpec|ShouldSpec|WordSpec|FreeSpec|ExpectSpec)\s*\(`)
	kt.frameworks = append([]fwPattern{{"kotest", scan.MustCompile(`\bio\.kotest\b`)}}, kt.frameworks...)
	testLangs["kotlin"] = &kt
	testLangs["typescript"] = testLangs["javascript"]
}

var (
	contextLoads = scan.MustCompile(`\bcontextLoads\s*\(`)
	helloWorld   = scan.MustCompile(`['"]Hello World!['"]|learn react`)
)

// springContextLoads recognises Spring Initializr's only test, which
// checks that the application starts and nothing else.
func springContextLoads(code []byte, tests int) bool {
	return tests <= 1 && contextLoads.Match(code)
}

// jsGeneratedSpec recognises the specs the NestJS CLI and Create React App
// generate: a "Hello World!" or "learn react" expectation and little else.
func jsGeneratedSpec(code []byte, tests int) bool {
	return tests <= 3 && helloWorld.Match(code)
}

// testFile is a file that holds at least one test.
type testFile struct {
	path, lang, framework string
	line                  int
}

type testScanner struct {
	files       []testFile
	boilerplate int
	integration []facts.Location

	pytestConfig bool
	// jsScript is the framework named by package.json's test script.
	jsScript, jsConfig string
	jsScriptDepth      int
}

var testConfigNames = map[string]bool{
	"pytest.ini": true, "conftest.py": true, "setup.cfg": true, "tox.ini": true, "pyproject.toml": true,
	"package.json": true, ".mocharc.js": true, ".mocharc.json": true, ".mocharc.yml": true, ".mocharc.yaml": true, ".mocharc.cjs": true,
}

func (t *testScanner) wants(p string) bool {
	if scan.IsTestPath(p) {
		return true
	}
	base := scan.Base(p)
	return testConfigNames[base] || strings.HasPrefix(base, "jest.config.") || strings.HasPrefix(base, "vitest.config.")
}

var pytestSection = scan.MustCompile(`(?m)^\[(?:tool\.pytest\.ini_options|tool:pytest|pytest)\]`)

func (t *testScanner) scan(f scan.File) {
	base := scan.Base(f.Path)
	switch {
	case base == "pytest.ini" || base == "conftest.py":
		t.pytestConfig = true
	case base == "setup.cfg" || base == "tox.ini" || base == "pyproject.toml":
		if pytestSection.Match(f.Data) {
			t.pytestConfig = true
		}
	case base == "package.json":
		t.packageJSON(f)
		return
	case strings.HasPrefix(base, "jest.config."):
		t.jsConfig = "jest"
	case strings.HasPrefix(base, "vitest.config."):
		t.jsConfig = "vitest"
	case strings.HasPrefix(base, ".mocharc"):
		t.jsConfig = "mocha"
	}
	if f.Data == nil || !scan.IsTestPath(f.Path) {
		return
	}
	lang := scan.SourceExts[scan.Ext(f.Path)]
	tl := testLangs[lang]
	if tl == nil {
		return
	}
	code := f.Source()
	locs := tl.test.FindAllIndex(code, 64)
	if len(locs) == 0 {
		return
	}
	if tl.boilerplate != nil && tl.boilerplate(code, len(locs)) {
		t.boilerplate++
		return
	}
	tf := testFile{path: f.Path, lang: lang, line: scan.LineAt(f.Data, locs[0][0])}
	for _, fw := range tl.frameworks {
		if fw.re.Match(code) {
			tf.framework = fw.name
			break
		}
	}
	t.files = append(t.files, tf)
	if tl.integration != nil {
		if loc := tl.integration.FindIndex(code); loc != nil {
			t.integration = scan.AddEvidence(t.integration, facts.Location{Path: f.Path, Line: scan.LineAt(f.Data, loc[0])})
		}
	}
}

// testScripts maps words of package.json's test script to frameworks.
var testScripts = []fwPattern{
	{"vitest", scan.MustCompile(`\bvitest\b`)},
	{"jest", scan.MustCompile(`\bjest\b|\breact-scripts test\b`)},
	{"mocha", scan.MustCompile(`\bmocha\b`)},
	{"jasmine", scan.MustCompile(`\bjasmine\b`)},
	{"node-test", scan.MustCompile(`\bnode\b[^&|;]*--test\b`)},
}

// packageJSON reads the test script of the shallowest package.json.
func (t *testScanner) packageJSON(f scan.File) {
	depth := strings.Count(f.Path, "/")
	if f.Data == nil || (t.jsScript != "" && depth >= t.jsScriptDepth) {
		return
	}
	var pkg struct {
		Scripts map[string]any `json:"scripts"`
	}
	if json.Unmarshal(f.Data, &pkg) != nil {
		return
	}
	script, _ := pkg.Scripts["test"].(string)
	for _, s := range testScripts {
		if s.re.MatchString(script) {
			t.jsScript, t.jsScriptDepth = s.name, depth
			return
		}
	}
}

// frameworkFor settles a test file's framework: what its code shows,
// refined by the project's dependencies and configuration.
func (t *testScanner) frameworkFor(tf testFile, st facts.Stack) string {
	switch tf.lang {
	case "python":
		if t.pytestConfig || st.HasDep("pytest", "pytest-django", "pytest-asyncio", "pytest-flask", "pytest-cov") {
			return "pytest"
		}
		if tf.framework != "" {
			return tf.framework
		}
		return "pytest" // plain test functions need pytest to run
	case "javascript", "typescript":
		if tf.framework == "vitest" || tf.framework == "node-test" {
			return tf.framework
		}
		if t.jsScript != "" {
			return t.jsScript
		}
		if t.jsConfig != "" {
			return t.jsConfig
		}
		switch {
		case st.HasDep("vitest"):
			return "vitest"
		case st.HasDep("jest", "ts-jest", "@types/jest", "@jest/globals"):
			return "jest"
		case tf.framework != "":
			return tf.framework
		case st.HasDep("mocha"):
			return "mocha"
		case st.HasDep("jasmine"):
			return "jasmine"
		}
		return "jest"
	case "java", "kotlin":
		if tf.framework != "" {
			return tf.framework
		}
		if st.HasDep("testng", "org.testng:testng") {
			return "testng"
		}
		return "junit"
	case "go":
		return "go-test"
	case "ruby":
		if tf.framework != "" {
			return tf.framework
		}
		if strings.HasSuffix(tf.path, "_spec.rb") || st.HasDep("rspec", "rspec-rails") {
			return "rspec"
		}
		return "minitest"
	case "csharp":
		if tf.framework != "" {
			return tf.framework
		}
		switch {
		case st.HasDep("xunit"):
			return "xunit"
		case st.HasDep("nunit"):
			return "nunit"
		}
		return "mstest"
	case "php":
		if tf.framework != "" {
			return tf.framework
		}
		return "phpunit"
	}
	return tf.framework
}

func (t *testScanner) finish(inv *facts.Facts) {
	ft := &inv.Tests
	ft.Files = len(t.files)
	ft.Boilerplate = t.boilerplate
	ft.Integration = len(t.integration) > 0
	ft.IntegrationEvidence = t.integration
	count := map[string]int{}
	mainLang := map[string]bool{}
	for _, tf := range t.files {
		fw := t.frameworkFor(tf, inv.Stack)
		count[fw]++
		if tf.lang == inv.Stack.Language {
			mainLang[fw] = true
		}
		ft.Evidence = scan.AddEvidence(ft.Evidence, facts.Location{Path: tf.path, Line: tf.line})
	}
	var names []string
	for fw := range count {
		if fw != "" {
			names = append(names, fw)
		}
	}
	// Most files first; on a tie the main language's framework, then by name.
	sort.Slice(names, func(i, j int) bool {
		a, b := names[i], names[j]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		if mainLang[a] != mainLang[b] {
			return mainLang[a]
		}
		return a < b
	})
	if len(names) > 0 {
		ft.Framework = names[0]
	}
}
