package code

import (
	"slices"
	"testing"
)

func TestPlacesOf(t *testing.T) {
	cases := []struct {
		paths []string
		want  []string
		more  bool
	}{
		{[]string{"app.js", "server.js", "src/a.js", "src/b.js", "src/c/d.js", "lib/x.js"}, []string{"app.js", "server.js", "src/**", "lib/**"}, false},
		// Everything under backend/src: described from there.
		{[]string{"backend/src/app.ts", "backend/src/users/u.ts", "backend/src/users/v.ts"}, []string{"backend/src/app.ts", "backend/src/users/**"}, false},
		{[]string{"a.py", "b.py", "c.py", "d.py", "e.py", "pkg/x.py"}, []string{"a.py", "b.py", "c.py", "pkg/**"}, true},
		{nil, nil, false},
	}
	for _, c := range cases {
		got, more := placesOf(c.paths)
		if !slices.Equal(got, c.want) || more != c.more {
			t.Errorf("placesOf(%v) = %v, %v; want %v, %v", c.paths, got, more, c.want, c.more)
		}
	}
}

func TestSourcesCountTheProjectsGroup(t *testing.T) {
	f := run(t, stackOf("javascript", "express"),
		"app.js", "const app = express()\n",
		"src/routes/users.js", "router.get('/', list)\n",
		"src/routes/users.test.js", "test('x', () => {})\n",
		"scripts/seed.py", "print('seed')\n",
	)
	s := f.Sources
	if s.Files != 2 || s.Language != "JavaScript/TypeScript" || !slices.Equal(s.Places, []string{"app.js", "src/**"}) {
		t.Errorf("sources = %+v; want 2 JavaScript/TypeScript files in app.js, src/** (no test, no Python)", s)
	}
}
