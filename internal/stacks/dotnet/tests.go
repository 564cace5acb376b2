package dotnet

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// TestFramework is a .NET test framework and how a test reads in it.
type TestFramework struct {
	Name    string
	Package string // NuGet package, lower case
	// Test matches one test method's attribute.
	Test *scan.Regexp
}

// TestFrameworks in the order a file is tried.
var TestFrameworks = []TestFramework{
	{"xunit", "xunit", scan.MustCompile(`\[\s*(?:Fact|Theory)\s*(?:\(|\])`)},
	{"nunit", "nunit", scan.MustCompile(`\[\s*(?:Test|TestCase|TestCaseSource)\s*(?:\(|\])`)},
	{"mstest", "mstest.testframework", scan.MustCompile(`\[\s*(?:TestMethod|DataTestMethod)\s*(?:\(|\])`)},
}

var (
	// reTestMethod is a test attribute followed by the method it marks,
	// up to and including its body's opening brace; group 1 is the name.
	reTestMethod = scan.MustCompile(`\[\s*(?:Fact|Theory|Test|TestCase|TestMethod|DataTestMethod)\b[^\]]*\](?:\s*\[[^\]]*\])*\s*public\s+(?:async\s+)?(?:void|Task|ValueTask)\s+(\w+)\s*\([^)]*\)\s*\{`)
	// reHTTPTest drives the API through its HTTP pipeline.
	reHTTPTest = scan.MustCompile(`\bWebApplicationFactory\s*<|\bnew\s+TestServer\s*\(|\bAlbaHost\b|\.CreateClient\s*\(\s*\)|\bTestcontainers\b`)
)

// TestFile is what one C# test file holds.
type TestFile struct {
	Framework string
	// Tests counts test methods with a body; Stubs counts the empty ones
	// (dotnet new xunit's UnitTest1.Test1 is one).
	Tests, Stubs int
	// HTTP is set when the tests call the API through its pipeline.
	HTTP bool
}

// ScanTests reads a C# file as a test file. Framework is empty when the
// file has no test methods.
func ScanTests(code []byte) TestFile {
	var t TestFile
	for _, f := range TestFrameworks {
		if f.Test.Match(code) {
			t.Framework = f.Name
			break
		}
	}
	if t.Framework == "" {
		return t
	}
	skel := Skeleton(code)
	for _, m := range reTestMethod.FindAllSubmatchIndex(skel, -1) {
		open := m[1] - 1
		end := matchClose(skel, open, '{', '}')
		if end > 0 && strings.TrimSpace(string(skel[open+1:end-1])) == "" {
			t.Stubs++
		} else {
			t.Tests++
		}
	}
	if t.Tests == 0 && t.Stubs == 0 {
		t.Tests = 1 // an attribute the method pattern missed (expression body, generics)
	}
	t.HTTP = reHTTPTest.Match(code)
	return t
}

// IsTestProjectPath reports whether p sits in a .NET test project by the
// usual names: Foo.Tests/, Foo.UnitTests/, Foo.IntegrationTests/,
// tests/, test/.
func IsTestProjectPath(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		s := strings.ToLower(seg)
		if s == "tests" || s == "test" || strings.HasSuffix(s, ".tests") || strings.HasSuffix(s, ".test") ||
			strings.HasSuffix(s, "tests") && strings.Contains(s, ".") {
			return true
		}
	}
	return false
}

// IsTestProject reports whether a .csproj is a test project: named
// *.Tests.csproj or referencing a test SDK.
func IsTestProject(p string, data []byte) bool {
	base := strings.ToLower(path.Base(p))
	if strings.HasSuffix(base, "tests.csproj") || strings.HasSuffix(base, ".test.csproj") {
		return true
	}
	s := strings.ToLower(string(data))
	return strings.Contains(s, `include="microsoft.net.test.sdk"`) || strings.Contains(s, "<istestproject>true")
}

// CITestCommand is a CI step that runs the .NET tests: dotnet test, or
// Cake/Nuke's DotNetTest task.
var CITestCommand = scan.MustCompile(`\bdotnet\s+test\b|\bDotNet(?:Core)?Test\s*\(`)
