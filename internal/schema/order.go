package schema

import (
	"slices"
	"strings"
)

// Order sorts migrations into the order a migration tool applies them:
// by Key compared naturally, except that a migration naming others in
// After comes after them (alembic's down_revision chain, Django's
// dependencies). A cycle, or a name no migration has, is ignored: the
// natural order decides.
func Order(migs []Migration) []Migration {
	out := slices.Clone(migs)
	slices.SortStableFunc(out, func(a, b Migration) int { return Natural(sortKey(a), sortKey(b)) })
	// The dependency pass is quadratic; past maxOrdered migrations (no
	// real project has that many) the natural order stands.
	if len(out) > maxOrdered || !slices.ContainsFunc(out, func(m Migration) bool { return len(m.After) > 0 }) {
		return out
	}
	// Kahn's algorithm over the natural order: repeatedly take the first
	// migration whose dependencies are all placed.
	byID := map[string]int{}
	for i, m := range out {
		if m.ID != "" {
			byID[m.ID] = i
		}
	}
	placed := make([]bool, len(out))
	ready := func(m Migration) bool {
		for _, dep := range m.After {
			if j, ok := byID[dep]; ok && !placed[j] {
				return false
			}
		}
		return true
	}
	sorted := make([]Migration, 0, len(out))
	for len(sorted) < len(out) {
		progressed := false
		for i, m := range out {
			if !placed[i] && ready(m) {
				placed[i] = true
				sorted = append(sorted, m)
				progressed = true
				break
			}
		}
		if !progressed { // a cycle: take the rest in natural order
			for i, m := range out {
				if !placed[i] {
					placed[i] = true
					sorted = append(sorted, m)
				}
			}
		}
	}
	return sorted
}

const maxOrdered = 5000

func sortKey(m Migration) string {
	if m.Key != "" {
		return m.Key
	}
	return m.At.Path
}

// Natural compares a and b with runs of digits compared as numbers
// ("V2__x" < "V10__x"), the rest byte by byte.
func Natural(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digits(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}
