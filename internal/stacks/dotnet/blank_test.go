package dotnet

import (
	"strings"
	"testing"
)

func TestCodeBlanksCommentsOnly(t *testing.T) {
	src := "var a = 1; // [Authorize]\n/* app.MapGet(\"/x\") */ var p = @\"C:\\tmp\\\"; var u = \"http://x\"; // tail\nvar r = \"\"\"\n  // not a comment\n  \"\"\";\nchar c = '\"';\n"
	got := string(Code([]byte(src)))
	if len(got) != len(src) || strings.Count(got, "\n") != strings.Count(src, "\n") {
		t.Fatalf("offsets changed:\n%q\n%q", src, got)
	}
	for _, gone := range []string{"[Authorize]", "MapGet", "tail"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q left in %q", gone, got)
		}
	}
	for _, kept := range []string{`@"C:\tmp\"`, `"http://x"`, "// not a comment", `'"'`} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q lost from %q", kept, got)
		}
	}
}

func TestSkeletonBlanksStrings(t *testing.T) {
	src := `x.MapGet("/a/{id}", () => "}") ; var s = @"a""]b";`
	got := string(Skeleton([]byte(src)))
	if strings.ContainsAny(strings.ReplaceAll(got, "{ }", ""), "]") || strings.Contains(got, "/a/") {
		t.Errorf("string contents left: %q", got)
	}
	if strings.Count(got, "(") != strings.Count(src, "(") {
		t.Errorf("code changed: %q", got)
	}
}
