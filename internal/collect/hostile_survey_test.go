package collect_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/collect"
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// BenchmarkHostileDetectorSurvey times each detector on files made of one
// line repeated (an unclosed call, a brace, a decorator...) at 16 and 64
// KiB and prints the ratios: ~16 is quadratic. A survey, not a test: it
// takes minutes and its figures depend on the machine.
//
//	go test ./internal/collect -run '^$' -bench HostileDetectorSurvey -benchtime 1x -timeout 60m
func BenchmarkHostileDetectorSurvey(t *testing.B) {
	paths := []string{"app/views.py", "migrations/0001_initial.py", "server.js", "src/app.ts", "main.go",
		"src/main/java/Api.java", "Controllers/BooksController.cs", "Migrations/2024_Init.cs", "routes/api.php",
		"config/routes.rb", "db/migrate/001_init.rb", "app/models/user.rb", "prisma/schema.prisma", "schema.graphql",
		"openapi.yaml", "Dockerfile", "src/migrations/1-init.ts", "alembic/versions/1_init.py"}
	units := []string{"(", "{", "[", "(\n", "{\n", "f(", "f(\n", "\"", "'", "`", "/*", "'''", "\"\"\"", "x = {\n",
		"@app.get(\"/x\")\n", "@app.get(", "def f(\n", "def f():\n", "class X(\n", "class X:\n", "class X {\n",
		"router.get('/x', ", "app.use(", "r.Get(\"/x\", ", "func f() {\n", "app.MapGet(\"/x\", ", "[HttpGet(\"x\")]\n",
		"Route::get('/x', ", "get '/x', to: ", "@GetMapping(\"/x\")\n", "create_table :x do |t|\n", "do\n", "end\n",
		"Schema::create('x', function (", "op.create_table('x', ", "migrations.CreateModel(", "models.ForeignKey(",
		"model X {\n", "type Query {\n", "try:\n", "try {\n", "catch (e) {\n", "except Exception:\n", "if (", "logger.info(",
		"@router.post(\"/x\", ", "Depends(", "from x import (\n", "@Entity\n", "public class X {\n", "migrationBuilder.CreateTable(",
		"queryRunner.query(`", "table.string('x'", "t.string :x", "-> ", "$router->get('/x', ", "app.get('/x', (req, res) => {\n",
		"  \n", "\n", " ", "#", "# x\n", "\\", "<", "<<<", ":", "  - ", "x:\n  ", "paths:\n", "RUN x \\\n"}
	type result struct {
		ratio    float64
		t16, t64 time.Duration
		what     string
	}
	var results []result
	for di, d := range collect.Default() {
		name := fmt.Sprintf("%T", d)
		for _, p := range paths {
			if !d.Wants(scan.Classify(p)) {
				continue
			}
			for _, u := range units {
				run := func(n int) time.Duration {
					det := collect.Default()[di]
					data := []byte(strings.Repeat(u, n/len(u)))
					start := time.Now()
					det.Scan(scan.File{Path: p, Data: data, Code: scan.Code(data, scan.SourceExts[scan.Ext(p)])})
					det.Finish(&facts.Facts{Stack: facts.Stack{Dependencies: map[string]bool{}}})
					return time.Since(start)
				}
				t16 := run(16 << 10)
				if t16 < 2*time.Millisecond {
					continue // even quadratic, under ~8 s at the 1 MiB cap
				}
				t64 := run(64 << 10)
				r := result{float64(t64) / float64(t16), t16, t64, fmt.Sprintf("%s %s %q", name, p, u)}
				results = append(results, r)
			}
		}
	}
	sort.Slice(results, func(i, j int) bool { return results[i].t64 > results[j].t64 })
	for _, r := range results[:min(len(results), 60)] {
		t.Logf("%6.1fx  16KiB %10v  64KiB %10v  %s", r.ratio, r.t16.Round(time.Microsecond), r.t64.Round(time.Microsecond), r.what)
	}
}
