package code

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// The split alternations must find what the whole alternation finds, at the
// same place, and nothing where it finds nothing.
func TestAlternativesMatchLikeTheWhole(t *testing.T) {
	whole := func(a alternatives) *scan.Regexp {
		parts := make([]string, len(a))
		for i, re := range a {
			parts[i] = re.String()
		}
		return scan.MustCompile(strings.Join(parts, "|"))
	}
	inputs := []string{
		"from fastapi import BackgroundTasks\n\nasync def create(bg: BackgroundTasks): ...",
		"@Service\npublic class Jobs {\n  @Async\n  public void run() {}\n  @Scheduled(fixedRate = 1000)\n  void tick() {}\n}",
		"from sqlalchemy.ext.asyncio import AsyncSession\n\nclass Repo:\n    pass\n",
		"io.on('connection', (socket) => {})",
		"conn = engine.connection()\n",
		"SELECT * FROM items ORDER BY id LIMIT $1 OFFSET $2",
		"items = Item.objects.all()[offset:limit]",
		"Page<Owner> findByLastName(String lastName, Pageable pageable);",
		"",
		"\xff\xfe@Async\x00",
	}
	sets := map[string]alternatives{"page": rePageStrong}
	for _, x := range extraSignals {
		sets[x.category] = x.re
	}
	hits := 0
	for name, a := range sets {
		w := whole(a)
		for _, in := range inputs {
			got, want := a.FindIndex([]byte(in)), w.FindIndex([]byte(in))
			if (got == nil) != (want == nil) || (got != nil && got[0] != want[0]) {
				t.Errorf("%s on %q: split %v, whole %v", name, in, got, want)
			}
			if got != nil {
				hits++
			}
		}
	}
	if hits < 5 {
		t.Errorf("only %d hits: the inputs no longer exercise the signals", hits)
	}
	if m := extraSignals[0].re.FindIndex([]byte("class Repo(AsyncSession):\n    pass\n")); m != nil {
		t.Errorf("AsyncSession is not a background job: %v", m)
	}
}
