package scan

import (
	"path"
	"strings"
	"testing"
)

func TestTestPathsByFolder(t *testing.T) {
	cases := []struct {
		path         string
		test, inTest bool
	}{
		{"app/tests/test_api.py", true, true},
		{"app/Tests/api.py", true, true},
		{"src/__TESTS__/x.js", true, true},
		{"spec/models/user_spec.rb", true, true},
		{"app/api.py", false, false},
		{"app/testing/api.py", false, false},
		{"internal/testdata/app/main.go", false, true},
		{"internal/TestData/app/main.go", false, true},
		{"db/Fixtures/seed.py", false, true},
		{"e2e/app.ts", false, true},
		{"src/contest/x.py", false, false},
		{"docs/tests/readme.md", false, true}, // not source: no test, but a test folder
		{"UserServiceTest.java", true, false},
	}
	for _, c := range cases {
		if got := IsTestPath(c.path); got != c.test {
			t.Errorf("IsTestPath(%q) = %v, want %v", c.path, got, c.test)
		}
		if got := InTestDir(c.path); got != c.inTest {
			t.Errorf("InTestDir(%q) = %v, want %v", c.path, got, c.inTest)
		}
	}
}

// A file's PathInfo is the collector's when it gave one for that path, and
// derived otherwise (a detector's test builds a File by hand).
func TestFilePathInfo(t *testing.T) {
	given := PathInfo{Path: "app/main.py", Ext: ".py", Base: "main.py", Source: true, Test: true} // Test marks it as given
	if got := (File{Path: "app/main.py", Info: &given}).PathInfo(); got != given {
		t.Errorf("PathInfo() = %+v, want the collector's %+v", got, given)
	}
	for _, f := range []File{{Path: "tests/test_a.py"}, {Path: "tests/test_a.py", Info: &given}} {
		if got, want := f.PathInfo(), Classify(f.Path); got != want {
			t.Errorf("PathInfo() of %q (given %v) = %+v, want %+v", f.Path, f.Info != nil, got, want)
		}
	}
}

// Classify answers once what the path functions answer one by one.
func TestClassifyAgreesWithThePathFunctions(t *testing.T) {
	for _, p := range []string{
		"app/tests/test_api.py", "app/Tests/api.py", "src/__TESTS__/x.js", "spec/models/user_spec.rb",
		"app/api.py", "internal/TestData/app/main.go", "db/Fixtures/seed.py", "e2e/app.ts",
		"docs/tests/readme.md", "UserServiceTest.java", "src/UserTests.CS", "web/App.Test.TSX",
		"types/index.d.ts", "static/app.min.js", "README.md", "Dockerfile", "../.github/workflows/ci.yml",
		"a/FIXTURES/b.sql", "test_x.py", "x/Test_Y.PY", ".env", "",
	} {
		want := PathInfo{Path: p, Ext: Ext(p), Base: Base(p), Source: IsSource(p), Test: IsTestPath(p), InTestDir: InTestDir(p)}
		if got := Classify(p); got != want {
			t.Errorf("Classify(%q) = %+v, want %+v", p, got, want)
		}
	}
}

// The folder checks run for every file and every detector: they must not
// allocate for a path in lower case.
func TestFolderChecksDoNotAllocate(t *testing.T) {
	p := "services/api/app/routers/v1/users.py"
	if n := testing.AllocsPerRun(100, func() { IsTestPath(p); InTestDir(p) }); n != 0 {
		t.Errorf("IsTestPath and InTestDir allocate %v times per call, want 0", n)
	}
	// Still the same answers as lower-casing every folder name.
	for _, p := range []string{"a/TESTS/b.py", "a/Spec/b.rb", "x/__Tests__/y.ts", "x/TestDataX/y.go"} {
		want := false
		for _, seg := range strings.Split(path.Dir(p), "/") {
			want = want || folderNames[strings.ToLower(seg)]&fixtureFolder != 0
		}
		if got := InTestDir(p); got != want {
			t.Errorf("InTestDir(%q) = %v, want %v", p, got, want)
		}
	}
}
