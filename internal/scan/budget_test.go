package scan

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// budgetBenchPatterns are registered patterns (the Python pack's import
// reader, the C# exception-handler class) with the line a hostile file
// repeats to keep their tries alive to its end.
var budgetBenchPatterns = []struct{ name, pattern, unit, tail string }{
	{"import", `(?m)^\s*import\s+([\w.]+)(?:\s+as\s+(\w+))?`, "\n", "import"},
	{"csclass", `\bclass\s+(\w+)(?:\s*<[^>{]*>)?(?:\s*\([^)]*\))?\s*:\s*[^{;]*?\b(?:IExceptionHandler|IExceptionFilter|IAsyncExceptionFilter|ExceptionFilterAttribute)\b|\bclass\s+(\w*(?:Exception|Error)\w*Middleware)\b`,
		"class X(\n", "IExceptionHandler"},
}

// pythonOf returns n bytes of the e2e fixtures' Python source.
func pythonOf(tb testing.TB, n int) []byte {
	var src []byte
	_ = filepath.WalkDir(filepath.Join("..", "e2e", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			data, _ := os.ReadFile(p)
			src = append(src, data...)
		}
		return nil
	})
	if len(src) == 0 {
		tb.Fatal("no Python in the e2e fixtures")
	}
	out := make([]byte, 0, n)
	for len(out) < n {
		out = append(out, src[:min(len(src), n-len(out))]...)
	}
	return out
}

// BenchmarkHostileVsNormal times FindAllSubmatchIndex on a hostile input
// and on real Python of the same size, in turn, and reports their ratio
// (hostile/normal): with the budget it stays flat as the input grows;
// without it (the engine before the budget) it grows with the size. Run
// go test ./internal/scan -run '^$' -bench HostileVsNormal -benchtime 3x
func BenchmarkHostileVsNormal(b *testing.B) {
	for _, bp := range budgetBenchPatterns {
		r := compileNow(bp.pattern)
		for _, c := range []struct {
			budgeted bool
			size     int
		}{{false, 4 << 10}, {false, 16 << 10}, {true, 16 << 10}, {true, 64 << 10}, {true, 256 << 10}, {true, 1 << 20}} {
			name := fmt.Sprintf("%s/unbudgeted/%dKiB", bp.name, c.size>>10)
			if c.budgeted {
				name = fmt.Sprintf("%s/budgeted/%dKiB", bp.name, c.size>>10)
			}
			normal := pythonOf(b, c.size)
			hostile := []byte(strings.Repeat(bp.unit, (c.size-len(bp.tail))/len(bp.unit)) + bp.tail)
			b.Run(name, func(b *testing.B) {
				budget := unlimited
				var hostileTime, normalTime time.Duration
				for b.Loop() {
					if c.budgeted {
						budget = triesBudget(len(hostile))
					}
					start := time.Now()
					r.findAllAnchoredWithin(hostile, -1, budget)
					hostileTime += time.Since(start)
					if c.budgeted {
						budget = triesBudget(len(normal))
					}
					start = time.Now()
					r.findAllAnchoredWithin(normal, -1, budget)
					normalTime += time.Since(start)
				}
				b.ReportMetric(float64(hostileTime)/float64(normalTime), "hostile/normal")
				b.ReportMetric(float64(hostileTime.Microseconds())/float64(b.N), "hostile-µs/op")
			})
		}
	}
}
