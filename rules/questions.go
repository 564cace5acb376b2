package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Question is one question an interviewer would ask about this project's
// schema, with what the code answers so the candidate can prepare.
type Question struct {
	// Question is asked as an interviewer would ("Why is `price` a float?").
	Question string `json:"question"`
	// About names the table or table.column the question is about.
	About string `json:"about"`
	// Kind is what the question probes: index, types, constraint, keys,
	// normalisation, delete, migration or change.
	Kind string `json:"kind"`
	// Note is what the repository says about it (the ON DELETE action,
	// the index that serves a query), the starting point of an answer.
	Note     string     `json:"note,omitempty"`
	Evidence []Location `json:"evidence"`
}

// maxQuestions is how many questions a report offers: the three or four
// an interview has time for.
const maxQuestions = 4

// Questions returns the questions an interviewer would most likely ask
// about the project's schema, most relevant first, at most one of each
// kind: the smells a reviewer spots first (a float price, an email that is
// not unique, a foreign key with no index behind a route that filters by
// it), then what every schema invites (what a delete does to the rows that
// refer to it, how to change a busy table without downtime). None when no
// schema was read.
func Questions(f *Facts) []Question {
	if f == nil || !hasSchema(f) {
		return nil
	}
	type ranked struct {
		q     Question
		score int
		order int
	}
	var all []ranked
	add := func(score int, q Question) {
		if q.Evidence == nil {
			q.Evidence = []Location{}
		}
		all = append(all, ranked{q, score, len(all)})
	}
	s := &f.Schema
	routes := parseRoutes(f.Routes.List)
	for i := range s.Tables {
		t := &s.Tables[i]
		for _, fk := range t.ForeignKeys {
			if len(fk.Columns) == 0 {
				continue
			}
			c := fk.Columns[0]
			about := t.Name + "." + c
			indexed := indexLeads(t, c) || innoDBOnly(f.Database)
			nested, list := routes.nested(fk.References, t.Name), routes.list(t.Name)
			switch {
			case nested != "" && !indexed:
				add(95, Question{Question: fmt.Sprintf("Which index serves `%s`? `%s` has none.", nested, about), About: about, Kind: "index",
					Note: fmt.Sprintf("the route reads %s by %s, so without an index each call scans the whole table", t.Name, c), Evidence: []Location{fkAt(fk, t)}})
			case nested != "":
				add(70, Question{Question: fmt.Sprintf("Which index serves `%s`?", nested), About: about, Kind: "index",
					Note: indexNote(t, c), Evidence: indexEvidence(t, c, fkAt(fk, t))})
			case list != "" && !indexed:
				add(92, Question{Question: fmt.Sprintf("Which index serves `%s?%s=…`? `%s` has none.", list, c, about), About: about, Kind: "index",
					Note: fmt.Sprintf("filtering %s by %s scans the whole table without an index", t.Name, c), Evidence: []Location{fkAt(fk, t)}})
			case !indexed:
				add(72, Question{Question: fmt.Sprintf("How does the database find the %s of one %s? `%s` has no index.", t.Name, singular(fk.References), about), About: about, Kind: "index",
					Note: noIndexNote(f.Database), Evidence: []Location{fkAt(fk, t)}})
			case list != "":
				add(60, Question{Question: fmt.Sprintf("Which index serves `%s?%s=…`?", list, c), About: about, Kind: "index",
					Note: indexNote(t, c), Evidence: indexEvidence(t, c, fkAt(fk, t))})
			}
			score := 62
			if fk.OnDelete == "cascade" {
				score += 4
			}
			if routes.deletes(fk.References) {
				score += 10
			}
			parent := rowNoun(fk.References)
			add(score, Question{Question: fmt.Sprintf("What happens to %s's %s when the %s is deleted?", article(parent), schema.Plural(rowNoun(t.Name)), parent),
				About: about, Kind: "delete", Note: onDeleteNote(fk, t.Name), Evidence: []Location{fkAt(fk, t)}})
		}
		for j := range t.Columns {
			c := &t.Columns[j]
			about := t.Name + "." + c.Name
			if moneyLike(c.Name) && floatTypes[baseType(c.Type)] {
				add(90, Question{Question: fmt.Sprintf("Why is `%s` a %s?", about, c.Type), About: about, Kind: "types",
					Note: "a binary float cannot hold 0.10 exactly; money belongs in numeric/decimal or integer cents", Evidence: []Location{colAt(c, t)}})
			}
			if accountTable(t) && identityCol(c.Name) && (!uniqueOn(t, c.Name) || c.Nullable) {
				what := "unique"
				if uniqueOn(t, c.Name) {
					what = "NOT NULL"
				}
				add(85, Question{Question: fmt.Sprintf("Why is `%s` not %s?", about, what), About: about, Kind: "constraint",
					Note: "two sign-ups with one " + c.Name + " race past a check in the code; only a constraint stops the second", Evidence: []Location{colAt(c, t)}})
			}
			if listLike(c.Name) && textType(c.Type) {
				add(75, Question{Question: fmt.Sprintf("Why does `%s` keep a list in a %s column rather than a table of its own?", about, c.Type), About: about, Kind: "normalisation",
					Note: "a list in text cannot be indexed, joined or constrained (first normal form)", Evidence: []Location{colAt(c, t)}})
			}
		}
		if a, b, ok := joinTable(t); ok && !coversPair(t, a, b) {
			add(80, Question{Question: fmt.Sprintf("What stops the same (%s, %s) pair being stored twice in `%s`?", a, b, t.Name), About: t.Name, Kind: "keys",
				Note: "nothing: it has no composite primary key or unique constraint over both", Evidence: []Location{t.Source}})
		} else if !ok && len(t.PrimaryKey) == 0 {
			add(80, Question{Question: fmt.Sprintf("How do you update or delete one row of `%s`? It has no primary key.", t.Name), About: t.Name, Kind: "keys",
				Evidence: []Location{t.Source}})
		}
	}
	for _, m := range s.Migrations {
		if m.Reversible == "no" {
			add(58, Question{Question: fmt.Sprintf("How would you roll back `%s` after a bad deploy?", m.At.Path), About: m.At.Path, Kind: "migration",
				Note: "it has no way back (no down or downgrade)", Evidence: []Location{m.At}})
			break
		}
	}
	// A document store has no ALTER TABLE to plan around.
	if t := busiestTable(s); t != nil && !documentStore(f) {
		add(50, Question{Question: fmt.Sprintf("How would you add a column to `%s` without downtime?", t.Name), About: t.Name, Kind: "change",
			Note:     "add it nullable or with a constant default, backfill in batches, then add NOT NULL; build indexes CONCURRENTLY",
			Evidence: []Location{t.Source}})
	}
	slices.SortStableFunc(all, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.order, b.order))
	})
	var out []Question
	kinds := map[string]bool{}
	for _, r := range all {
		if kinds[r.q.Kind] {
			continue
		}
		kinds[r.q.Kind] = true
		out = append(out, r.q)
		if len(out) == maxQuestions {
			break
		}
	}
	return out
}

// noIndexNote says why an unindexed foreign key matters on the
// project's database.
func noIndexNote(db Database) string {
	if slices.Contains(db.Engines, "mongodb") && !db.Relational {
		return "MongoDB does not index a reference by itself: finding them scans the collection"
	}
	return "PostgreSQL does not index a foreign key column by itself: finding them scans the table"
}

// indexNote names the index that serves lookups by column.
func indexNote(t *facts.Table, column string) string {
	if len(t.PrimaryKey) > 0 && strings.EqualFold(t.PrimaryKey[0], column) {
		return "the primary key (" + strings.Join(t.PrimaryKey, ", ") + ") starts with " + column
	}
	for _, ix := range t.Indexes {
		if len(ix.Columns) > 0 && strings.EqualFold(ix.Columns[0], column) {
			name := ix.Name
			if name == "" {
				name = "an index"
			}
			return fmt.Sprintf("%s on (%s)", name, strings.Join(ix.Columns, ", "))
		}
	}
	return "MySQL's InnoDB indexes the foreign key itself"
}

// indexEvidence points at the index that serves column, else at fallback.
func indexEvidence(t *facts.Table, column string, fallback Location) []Location {
	for _, ix := range t.Indexes {
		if len(ix.Columns) > 0 && strings.EqualFold(ix.Columns[0], column) && ix.At.Path != "" {
			return []Location{ix.At}
		}
	}
	return []Location{fallback}
}

// onDeleteNote says what the foreign key does to child rows on delete.
func onDeleteNote(fk facts.ForeignKey, child string) string {
	switch fk.OnDelete {
	case "cascade":
		return "ON DELETE CASCADE: the " + child + " are deleted with it"
	case "set null":
		return "ON DELETE SET NULL: the " + child + " stay, with " + strings.Join(fk.Columns, ", ") + " emptied"
	case "set default":
		return "ON DELETE SET DEFAULT: the " + child + " stay, pointed at the default"
	case "restrict", "no action":
		return "ON DELETE " + strings.ToUpper(fk.OnDelete) + ": the delete fails while " + child + " refer to it"
	}
	return "no ON DELETE action is declared, so the database's default (NO ACTION) refuses the delete while " + child + " refer to it"
}

// busiestTable is the table most others refer to (the one a change would
// touch most), the first such in the schema's order.
func busiestTable(s *facts.Schema) *facts.Table {
	refs := map[string]int{}
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			refs[strings.ToLower(fk.References)]++
		}
	}
	var best *facts.Table
	bestN := -1
	for i := range s.Tables {
		t := &s.Tables[i]
		if n := refs[strings.ToLower(t.Name)]; n > bestN {
			best, bestN = t, n
		}
	}
	return best
}

// documentStore reports whether the schema is a document store's
// collections (Mongoose models, MongoDB with no relational database).
func documentStore(f *Facts) bool {
	return f.Schema.Tool == "mongoose" || (slices.Contains(f.Database.Engines, "mongodb") && !f.Database.Relational)
}

// article puts "a" or "an" before a word ("an event", "a user").
func article(word string) string {
	lower := strings.ToLower(word)
	// A "u" or "eu" said "you" and a "one" take "a": a user, a unit, a URL.
	for _, p := range []string{"us", "uni", "uti", "url", "eu", "one"} {
		if strings.HasPrefix(lower, p) {
			return "a " + word
		}
	}
	if lower != "" && strings.ContainsRune("aeiou", rune(lower[0])) {
		return "an " + word
	}
	return "a " + word
}

// rowNoun is a table name read in a sentence as one row: "OrderItem",
// "order_items" and "public.order_items" all give "order item".
func rowNoun(table string) string {
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		table = table[i+1:]
	}
	return strings.ReplaceAll(singular(strings.ToLower(schema.Snake(table))), "_", " ")
}

// singular is a table name read as one row ("customers" → customer).
func singular(name string) string {
	n := name
	switch {
	case strings.HasSuffix(n, "ies") && len(n) > 4:
		return n[:len(n)-3] + "y"
	case strings.HasSuffix(n, "sses"), strings.HasSuffix(n, "uses"), strings.HasSuffix(n, "xes"), strings.HasSuffix(n, "ches"), strings.HasSuffix(n, "shes"):
		return n[:len(n)-2]
	case strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss") && !strings.HasSuffix(n, "us") && len(n) > 1:
		return n[:len(n)-1]
	}
	return n
}

// routeSet is the routes of facts.Routes.List split into method and path
// segments, for matching tables to the routes that read them.
// routeSet holds the routes with each path segment reduced to the table
// name it would spell (segKey), indexed by the last segment so the
// questions look up a table's routes instead of scanning every route for
// every foreign key.
type routeSet struct {
	routes []routeInfo
	byLast map[string][]int
	// deleted are the tables a DELETE /tables/{id} route deletes rows of.
	deleted map[string]bool
}

type routeInfo struct {
	method, path string
	segs         []string
	// keys are the segments as segKey gives them; "" for a parameter.
	keys []string
}

func parseRoutes(list []string) routeSet {
	out := routeSet{byLast: map[string][]int{}, deleted: map[string]bool{}}
	for _, r := range list {
		method, path, ok := strings.Cut(r, " ")
		if !ok {
			continue
		}
		ri := routeInfo{method: strings.ToUpper(method), path: path}
		for s := range strings.SplitSeq(path, "/") {
			if s == "" {
				continue
			}
			ri.segs = append(ri.segs, s)
			k := ""
			if !param(s) {
				k = segKey(s)
			}
			ri.keys = append(ri.keys, k)
		}
		if n := len(ri.keys); n > 0 && ri.keys[n-1] != "" {
			out.byLast[ri.keys[n-1]] = append(out.byLast[ri.keys[n-1]], len(out.routes))
		}
		if n := len(ri.keys); ri.method == "DELETE" && n >= 2 && param(ri.segs[n-1]) && ri.keys[n-2] != "" {
			out.deleted[ri.keys[n-2]] = true
		}
		out.routes = append(out.routes, ri)
	}
	return out
}

// param reports whether a path segment is a parameter ({id}, :id, <int:id>).
func param(seg string) bool {
	return strings.HasPrefix(seg, "{") || strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "<") || strings.HasPrefix(seg, "*")
}

// segKey is the table a path segment or table name spells: lower case,
// singular, without a schema (orders, order, order-items and
// public.order_items all give order_item).
func segKey(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "-", "_"))
	if i := strings.IndexByte(s, '.'); i >= 0 { // a schema-qualified name
		s = s[i+1:]
	}
	return singular(s)
}

// nested returns the GET route that lists child rows of one parent
// ("GET /customers/{id}/orders"), or "".
func (rs routeSet) nested(parent, child string) string {
	pk := segKey(parent)
	for _, i := range rs.byLast[segKey(child)] {
		r := rs.routes[i]
		n := len(r.keys)
		if r.method == "GET" && n >= 3 && param(r.segs[n-2]) && r.keys[n-3] == pk {
			return r.method + " " + r.path
		}
	}
	return ""
}

// list returns the GET route that lists a table's rows ("GET /orders"), or "".
func (rs routeSet) list(table string) string {
	for _, i := range rs.byLast[segKey(table)] {
		if r := rs.routes[i]; r.method == "GET" {
			return r.method + " " + r.path
		}
	}
	return ""
}

// deletes reports whether a route deletes rows of the table.
func (rs routeSet) deletes(table string) bool { return rs.deleted[segKey(table)] }
