package project

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Each language's test patterns live in its stack pack (Pack.Tests);
// unpackedTests hold those of languages no pack covers yet.
var unpackedTests = map[string]pack.TestLanguage{
	"rust": {
		Test:       scan.MustCompile(`#\[(?:tokio::|actix_web::|actix_rt::)?test\]`),
		Frameworks: []pack.Named{pack.N("cargo-test", `#\[`)},
	},
}

// testLanguage returns the test patterns of a language, ok false when none.
func testLanguage(lang string) (pack.TestLanguage, bool) {
	if pk := stacks.ForLanguage(lang); pk != nil {
		tl, ok := pk.Tests.Languages[lang]
		return tl, ok
	}
	tl, ok := unpackedTests[lang]
	return tl, ok
}

type fwPattern struct {
	name string
	re   *scan.Regexp
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

func (t *testScanner) wants(p scan.PathInfo) bool {
	if p.Test {
		return true
	}
	base := p.Base
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
	tl, ok := testLanguage(lang)
	if !ok || tl.Test == nil {
		return
	}
	code := f.Source()
	locs := tl.Test.FindAllIndex(code, 64)
	if len(locs) == 0 {
		return
	}
	if tl.Boilerplate != nil && tl.Boilerplate(code, len(locs)) {
		t.boilerplate++
		return
	}
	tf := testFile{path: f.Path, lang: lang, line: scan.LineAt(f.Data, locs[0][0])}
	for _, fw := range tl.Frameworks {
		if fw.Re.Match(code) {
			tf.framework = fw.Name
			break
		}
	}
	t.files = append(t.files, tf)
	if tl.Integration != nil {
		if loc := tl.Integration.FindIndex(code); loc != nil {
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
	}
	if pk := stacks.ForLanguage(tf.lang); pk != nil && pk.Tests.Framework != nil {
		return pk.Tests.Framework(tf.path, tf.framework, st)
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
