package inline

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestDirectives(t *testing.T) {
	d := New()
	d.Scan(scan.File{Path: "src/app.js", Data: []byte("const x = 1\n// vetfolio:ignore errors.central-handler handled by the API gateway\napp.listen(3000)\n")})
	d.Scan(scan.File{Path: "app/main.py", Data: []byte("# vetfolio:ignore security.rate-limit   rate limited at the load balancer  \n")})
	d.Scan(scan.File{Path: "Api/Program.cs", Data: []byte("/* vetfolio:ignore logging.health health is served by the sidecar */\n")})
	// Not directives: no check ID, prose that names the marker, data unread.
	d.Scan(scan.File{Path: "README.md", Data: []byte("use vetfolio:ignore CHECK reason\n")})
	d.Scan(scan.File{Path: "src/b.js", Data: []byte("// vetfolio:ignore\n")})
	d.Scan(scan.File{Path: "src/c.js"})
	var f facts.Facts
	d.Finish(&f)
	want := []facts.InlineIgnore{
		{Check: "logging.health", Reason: "health is served by the sidecar", Path: "Api/Program.cs", Line: 1},
		{Check: "security.rate-limit", Reason: "rate limited at the load balancer", Path: "app/main.py", Line: 1},
		{Check: "errors.central-handler", Reason: "handled by the API gateway", Path: "src/app.js", Line: 2},
	}
	if len(f.InlineIgnores) != len(want) {
		t.Fatalf("got %+v", f.InlineIgnores)
	}
	for i := range want {
		if f.InlineIgnores[i] != want[i] {
			t.Errorf("%d: got %+v, want %+v", i, f.InlineIgnores[i], want[i])
		}
	}
	if d.Wants(scan.Classify("README.md")) || !d.Wants(scan.Classify("src/app.ts")) || !d.Wants(scan.Classify("config/application.yml")) {
		t.Error("Wants reads source and configuration, not prose")
	}
}

func TestDirectivesAreBounded(t *testing.T) {
	d := New()
	var data []byte
	for range 200 {
		data = append(data, "// vetfolio:ignore auth.mechanism x\n"...)
	}
	d.Scan(scan.File{Path: "a.go", Data: data})
	var f facts.Facts
	d.Finish(&f)
	if len(f.InlineIgnores) != maxIgnores {
		t.Errorf("kept %d, want %d", len(f.InlineIgnores), maxIgnores)
	}
}
