package scan

import (
	"bytes"
	"math/rand"
	"testing"
)

// sameBuffer reports whether a and b are one buffer (same start and
// length), as the collector tells Code's "nothing to blank" answer.
func sameBuffer(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func TestCodeBlanksCommentsAndCopiesOnlyThen(t *testing.T) {
	for _, tc := range []struct {
		lang, src, want string
	}{
		{"python", "import os  # jwt here\nx = '#'\n", "import os            \nx = '#'\n"},
		{"python", "def f():\n    \"\"\"# not a comment\"\"\"\n    return 1\n", ""},
		{"ruby", "get '/x' # todo\n", "get '/x'       \n"},
		{"ruby", "get '/x', to: 'a#b'\n", ""},
		{"go", "x := 1 // jwt\n/* a\nb */ y := \"//\"\n", "x := 1       \n    \n     y := \"//\"\n"},
		{"go", "x := `//`\ny := '/'\n", ""},
		{"typescript", "const a = 1; /* unclosed", "const a = 1;            "},
		{"typescript", "const url = 'http://x'\n", ""},
		{"php", "#[Route('/a')]\n$a = 1; # c\n", "#[Route('/a')]\n$a = 1;    \n"},
		{"php", "#[Route('/a')]\n$a = 1;\n", ""},
		{"rust", "let c = '\"'; // q\n", "let c = '\"';     \n"},
		{"markdown", "# title\n", ""}, // not a language Code knows
	} {
		data := []byte(tc.src)
		got := Code(data, tc.lang)
		if string(data) != tc.src {
			t.Errorf("%s %q: Code wrote into its input: %q", tc.lang, tc.src, data)
		}
		if tc.want == "" { // nothing to blank: data itself, no copy
			if !sameBuffer(got, data) {
				t.Errorf("%s %q: a copy (%q) though there is no comment", tc.lang, tc.src, got)
			}
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tc.lang, tc.src, got, tc.want)
		}
		if &got[0] == &data[0] {
			t.Errorf("%s %q: blanked in place, not in a copy", tc.lang, tc.src)
		}
	}
}

// TestCodeReturnsItsInputExactlyWhenNothingChanges checks on random text
// that Code never writes into data and answers with data itself exactly
// when the blanked text would equal it: any blanked comment changes at
// least its marker.
func TestCodeReturnsItsInputExactlyWhenNothingChanges(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	alphabet := []byte("ab #/*\n'\"`\\[x")
	langs := []string{"python", "ruby", "elixir", "java", "kotlin", "javascript", "typescript", "go", "csharp", "rust", "scala", "php"}
	same, copies := 0, 0
	for range 20000 {
		data := make([]byte, rng.Intn(24))
		for i := range data {
			data[i] = alphabet[rng.Intn(len(alphabet))]
		}
		orig := string(data)
		lang := langs[rng.Intn(len(langs))]
		got := Code(data, lang)
		if string(data) != orig {
			t.Fatalf("%s %q: Code wrote into its input", lang, orig)
		}
		if len(got) != len(data) {
			t.Fatalf("%s %q: length %d, want %d", lang, orig, len(got), len(data))
		}
		if sameBuffer(got, data) != bytes.Equal(got, data) {
			t.Fatalf("%s %q: gave %q back, data itself = %v", lang, orig, got, sameBuffer(got, data))
		}
		if bytes.Equal(got, data) {
			same++
		} else {
			copies++
		}
	}
	if same < 1000 || copies < 1000 {
		t.Fatalf("the random inputs are lopsided: %d unchanged, %d blanked", same, copies)
	}
}
