package dotnet

import "testing"

// FuzzRoutes feeds arbitrary text to the C# readers: half-written files,
// unbalanced brackets and stray quotes must never panic, and Code keeps
// every offset.
func FuzzRoutes(f *testing.F) {
	for _, s := range []string{
		`[Route("api/[controller]")] public class A : ControllerBase { [HttpGet("{id}")] public IActionResult G(int id) => Ok(); }`,
		`var g = app.MapGroup("/x").RequireAuthorization(); g.MapGet("/", () => 1);`,
		`app.MapGet(`, `[Http`, `x.MapGroup("`, `"""`, `@"`, `/* `, `'`, `)).Map(Get`, `[A(]`,
		`public class C { [HttpPost] [Authorize(Roles = "a"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if c := Code(data); len(c) != len(data) {
			t.Fatalf("Code changed the length: %d != %d", len(c), len(data))
		}
		if s := Skeleton(data); len(s) != len(data) {
			t.Fatalf("Skeleton changed the length: %d != %d", len(s), len(data))
		}
		for _, r := range Routes(data) {
			if r.Offset < 0 || r.Offset > len(data) {
				t.Fatalf("offset %d outside %d bytes", r.Offset, len(data))
			}
		}
		Controllers(data)
		ScanTests(data)
		ScanEntities(data)
		KeyLiterals(data)
		ConfigSecrets(data)
		LoggingOf(data)
		HealthPath(data)
	})
}
