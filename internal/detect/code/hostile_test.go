package code

import (
	"runtime"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// hostileSources are small files built of one unclosed call repeated: each
// call used to copy the rest of its line, so the work grew with the square
// of the file.
var hostileSources = []struct{ path, unit string }{
	{"app.py", `@app.get("/`},
	{"app.py", `@app.route("/`},
	{"urls.py", `path("`},
	{"urls.py", `include(`},
	{"Api.java", `@RequestMapping(value={"`},
	{"Api.java", `@GetMapping("`},
	{"api.ts", `app.get("/`},
	{"api.ts", `@Get('`},
	{"api.ts", `app.use(`},
	{"api.ts", `router.route(`},
	{"api.ts", `fastify.route({`},
	{"main.go", `r.Route("/`},
	{"main.go", `g.GET("/`},
	{"main.go", `HandleFunc("/`},
}

func TestUnclosedCallsCostLinearWork(t *testing.T) {
	allocated := func(path, unit, sep string, size int) uint64 {
		data := []byte(strings.Repeat(unit+sep, size/(len(unit)+len(sep))))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d := New()
		d.Scan(scan.File{Path: path, Data: data})
		d.Finish(&facts.Facts{})
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	const size = 128 << 10
	for _, h := range hostileSources {
		for _, sep := range []string{"", "\n"} {
			t.Run(h.path+"/"+h.unit+"/"+map[string]string{"": "line", "\n": "lines"}[sep], func(t *testing.T) {
				half, full := allocated(h.path, h.unit, sep, size/2), allocated(h.path, h.unit, sep, size)
				// Doubling the file doubles the work; the quadratic version
				// quadrupled it and reached gigabytes. A file's own size is
				// the least taken for the smaller one's: a scan that
				// allocates a few KiB whatever the size (scan.Code no longer
				// copies a file without comments) would otherwise see a
				// pooled buffer refilled after a GC as growth.
				if ratio := float64(full) / float64(max(half, size/2)); ratio > 2.6 {
					t.Errorf("allocations grew %.1fx (%d KiB -> %d KiB) when the file doubled", ratio, half>>10, full>>10)
				}
				if full > 96<<20 {
					t.Errorf("%d MiB allocated for a %d KiB file", full>>20, size>>10)
				}
			})
		}
	}
}
