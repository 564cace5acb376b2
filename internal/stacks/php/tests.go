package php

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	// Assertions a stock example makes: true is true, / answers 200.
	stockAssert = scan.MustCompile(`assertTrue\(\s*true\s*\)|expect\(\s*true\s*\)\s*->\s*toBeTrue\(\)|assertStatus\(\s*200\s*\)|assertOk\(\)`)
	anyAssert   = scan.MustCompile(`->\s*assert\w+\s*\(|\$this\s*->\s*assert\w+\s*\(|\bexpect\s*\(|::assert\w+\s*\(`)
	// The test names of the skeleton's ExampleTests and make:test's stubs,
	// snake_case or camelCase (code style fixers rename them).
	stockTestName = scan.MustCompile(`\bfunction\s+(?i:test_?that_?true_?is_?true|test_?the_?application_?returns_?a_?successful_?response|test_?basic_?test|test_?example)\s*\(|\b(?:test|it)\s*\(\s*['"](?:that true is true|returns a successful response|example)['"]`)
	// A test method: test*, PHPUnit's #[Test], or a snake_case method
	// (it_returns_a_user, named for a docblock @test that blanking hides).
	testCase = scan.MustCompile(`\bfunction\s+(?:test\w*|[a-z]+_[a-z0-9_]+)\s*\(|@test\b|#\[Test\]|\b(?:test|it)\s*\(\s*['"]`)
)

// IsTestFile says whether p is a PHPUnit or Pest test file of the project:
// tests/**/*Test.php, or a Pest file under tests/ (tests/Pest.php and
// TestCase.php are set-up, not tests).
func IsTestFile(p string) bool {
	if !strings.HasSuffix(p, ".php") {
		return false
	}
	base := p[strings.LastIndex(p, "/")+1:]
	if base == "Pest.php" || base == "TestCase.php" || base == "CreatesApplication.php" {
		return false
	}
	inTests := strings.HasPrefix(p, "tests/") || strings.Contains(p, "/tests/")
	return strings.HasSuffix(base, "Test.php") || (inTests && strings.HasSuffix(base, ".test.php"))
}

// StockExampleTest says whether a test file is one of the two examples
// every new Laravel project ships (tests/Feature/ExampleTest.php asserts
// GET / is 200, tests/Unit/ExampleTest.php asserts true is true; the Pest
// variants likewise): it proves nothing about the candidate's code.
// An ExampleTest.php the candidate rewrote into real tests is not stock.
func StockExampleTest(p string, code []byte) bool {
	base := p[strings.LastIndex(p, "/")+1:]
	if base != "ExampleTest.php" {
		return false
	}
	cases := len(testCase.FindAllIndex(code, -1))
	asserts := len(anyAssert.FindAllIndex(code, -1))
	stock := len(stockAssert.FindAllIndex(code, -1))
	return cases <= 1 && asserts <= stock+1 && stock >= 1
}

// PestFile says a test file is written with Pest (test()/it() closures).
func PestFile(code []byte) bool {
	return pestCall.Match(code)
}

var pestCall = scan.MustCompile(`(?m)(?:^|<\?php)\s*(?:test|it|describe)\s*\(\s*['"]`)

// CITestCommand matches a CI step that runs a Laravel project's tests.
var CITestCommand = scan.MustCompile(`\bphp\s+artisan\s+test\b|\bvendor/bin/(?:phpunit|pest|paratest)\b|(?:^|\s)(?:phpunit|pest)(?:\s|$)|\bcomposer\s+(?:run(?:-script)?\s+)?test\b`)
