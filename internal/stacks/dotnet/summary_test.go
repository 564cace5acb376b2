package dotnet

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// summaryRe is the pattern summarizedActions replaces, the reference its
// answers are held to.
var summaryRe = regexp.MustCompile(`(?m)^[ \t]*///[ \t]*<summary>[\s\S]{0,600}?</summary>[^\n]*\n(?:[ \t]*///[^\n]*\n)*(?:[ \t]*\[[^\n]*\]\s*\n)*[ \t]*\[\s*(?:Http(?:Get|Post|Put|Delete|Patch)|Route)\b`)

func TestSummarizedActions(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want int
	}{
		{"one-line summary over an action", "/// <summary>Gets a user.</summary>\n[HttpGet(\"{id}\")]\npublic IActionResult Get(int id) => Ok();\n", 1},
		{"multi-line summary, params, attributes", "    /// <summary>\n    /// Creates a user.\n    /// </summary>\n    /// <param name=\"dto\">The user.</param>\n    [Authorize]\n\n    [ProducesResponseType(201)]\n    [HttpPost]\n    public IActionResult Create(UserDto dto) { }\n", 1},
		{"route attribute", "/// <summary>x</summary>\n[Route(\"api/[controller]\")]\npublic class UsersController {}\n", 1},
		{"summary of a property", "/// <summary>The name.</summary>\npublic string Name { get; set; }\n", 0},
		{"attribute that is not routing", "/// <summary>x</summary>\n[Obsolete]\npublic void M() {}\n", 0},
		{"HttpGetAttribute is another name", "/// <summary>x</summary>\n[HttpGetAttribute]\npublic void M() {}\n", 0},
		{"a summary closed too far away", "/// <summary>" + strings.Repeat("é", 601) + "</summary>\n[HttpGet]\n", 0},
		{"600 characters is not too far", "/// <summary>" + strings.Repeat("é", 600) + "</summary>\n[HttpGet]\n", 1},
		{"two summaries over one action count once", "/// <summary>a</summary>\n/// <summary>b</summary>\n[HttpGet]\n", 1},
		{"not at a line start", "x /// <summary>a</summary>\n[HttpGet]\n", 0},
		{"four slashes", "//// <summary>a</summary>\n[HttpGet]\n", 0},
		{"two actions", "/// <summary>a</summary>\n[HttpGet]\nvoid A() {}\n/// <summary>b</summary>\n[HttpDelete(\"{id}\")]\nvoid B() {}\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := summarizedActions([]byte(tc.src)); got != tc.want {
				t.Errorf("summarizedActions = %d, want %d", got, tc.want)
			}
			if ref := len(summaryRe.FindAllIndex([]byte(tc.src), -1)); ref != tc.want {
				t.Errorf("the reference regexp finds %d, want %d: the case is wrong", ref, tc.want)
			}
		})
	}
}

// TestSummarizedActionsAnswersAsTheRegexp holds the hand-written matcher to
// the regexp on random files made of the pieces each part of the pattern
// reads, placed where they almost match.
func TestSummarizedActionsAnswersAsTheRegexp(t *testing.T) {
	pieces := []string{
		"/// <summary>", "///<summary>", " \t/// \t<summary>", "////<summary>", "x/// <summary>", "<summary>",
		"</summary>", " </summary> tail", "\n", "\n", "\n", "\r\n", " ", "\t", "\f", "\v",
		"/// text", "///", "[HttpGet]", "[HttpPost(\"x\")]", "[ Route(\"a\")]", "[\nRoute", "[\n\n HttpPatch",
		"[HttpPut", "[HttpDeleteX]", "[Route]x", "[Authorize]", "[Authorize] ", "[A] x", "[]", "[", "]",
		"public void M() {}", "é", "\xff", "\xe2\x82", strings.Repeat("a", 300), strings.Repeat("ü", 150),
	}
	// Whole lines of each kind the pattern reads, so that matches are
	// common, and lines of random pieces, so that near misses are too.
	lines := []string{
		"/// <summary>", "    /// <summary>", "/// <summary>Gets it.</summary>", "/// <summary>a</summary> x",
		"/// </summary>", "/// text", "///", "  /// <param name=\"id\">x</param>",
		"[HttpGet]", "    [HttpPost(\"x\")]", "[Route(\"api\")]", "[Authorize]", "[Authorize]  \r", "[A] x",
		"", "  ", "\t\f", "public void M() {}", "}",
	}
	rng := rand.New(rand.NewSource(1))
	found, several := 0, 0
	for i := 0; i < 30000; i++ {
		var b strings.Builder
		for n := rng.Intn(16); n >= 0; n-- {
			if rng.Intn(4) == 0 {
				for k := rng.Intn(4); k >= 0; k-- {
					b.WriteString(pieces[rng.Intn(len(pieces))])
				}
			} else {
				b.WriteString(lines[rng.Intn(len(lines))])
			}
			if rng.Intn(10) > 0 {
				b.WriteByte('\n')
			}
		}
		src := []byte(b.String())
		want := len(summaryRe.FindAllIndex(src, -1))
		if got := summarizedActions(src); got != want {
			t.Fatalf("summarizedActions(%q) = %d, the regexp finds %d", src, got, want)
		}
		if want > 0 {
			found++
		}
		if want > 1 {
			several++
		}
	}
	// The pieces must make matches often enough for the test to mean
	// something.
	if found < 1000 || several < 50 {
		t.Fatalf("only %d files with a match and %d with several: the pieces rarely match", found, several)
	}
	t.Logf("%d files with a match, %d with several", found, several)
}
