package schema

import (
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// Found is what the readers found in one file, with the reader's tool.
type Found struct {
	Tool string
	Result
}

// Build decides the schema from everything the readers found: the
// migrations applied in order when there are any, else the last committed
// dump, else the models. Models read besides migrations or a dump are
// kept in Schema.Models for the checks that compare them.
func Build(found []Found) facts.Schema {
	var migs []Migration
	var snapshot, models []facts.Table
	tools := map[string]int{}
	var snapTool, modelTool string
	undo := map[string]string{}
	aliases := map[string]string{}
	modelIndex := map[string]int{} // lower-cased table name → index in models
	for _, f := range found {
		for from, to := range f.Aliases {
			aliases[key(from)] = to
		}
		for _, m := range f.Migrations {
			if m.Tool == "" {
				m.Tool = f.Tool
			}
			if m.Undo {
				undo[m.Tool+"\x00"+m.Key] = m.Reversible
				continue
			}
			tools[m.Tool]++
			migs = append(migs, m)
		}
		if len(f.Snapshot) > 0 {
			snapshot, snapTool = f.Snapshot, f.Tool
		}
		if len(f.Models) > 0 {
			models = mergeModels(models, f.Models, modelIndex)
			if modelTool == "" {
				modelTool = f.Tool
			}
		}
	}
	models = resolveAliases(models, aliases)
	var s facts.Schema
	switch {
	case len(migs) > 0:
		for i, m := range migs {
			if r, ok := undo[m.Tool+"\x00"+m.Key]; ok && m.Key != "" {
				migs[i].Reversible = r
			}
		}
		migs = Order(migs)
		s.Source, s.Tool, s.Tables = "migrations", mostUsed(tools), Apply(migs)
		for _, m := range migs {
			s.Migrations = append(s.Migrations, facts.SchemaMigration{
				At: m.At, Tool: m.Tool, Reversible: m.Reversible, Destructive: m.Destructive,
			})
		}
		s.Models = models
	case len(snapshot) > 0:
		s.Source, s.Tool, s.Tables = "snapshot", snapTool, Apply([]Migration{{Ops: creates(snapshot)}})
		s.Models = models
	case len(models) > 0:
		s.Source, s.Tool, s.Tables = "models", modelTool, Apply([]Migration{{Ops: creates(models)}})
	}
	return s
}

func creates(ts []facts.Table) []Op {
	ops := make([]Op, len(ts))
	for i, t := range ts {
		ops[i] = Op{Kind: CreateTable, Def: t, At: t.Source}
	}
	return ops
}

// mergeModels adds more to models; a table declared twice (a model split
// over files, an abstract base) gains the columns it lacked.
func mergeModels(models, more []facts.Table, index map[string]int) []facts.Table {
	for _, t := range more {
		i, ok := index[key(t.Name)]
		if !ok {
			if len(models) >= maxTables {
				continue
			}
			index[key(t.Name)] = len(models)
			models = append(models, clone(t))
			continue
		}
		have := &models[i]
		if len(have.Columns)+len(t.Columns) > maxColumns {
			continue
		}
		for _, c := range t.Columns {
			if have.Column(c.Name) == nil {
				have.Columns = append(have.Columns, c)
			}
		}
		for _, fk := range t.ForeignKeys {
			// The two sides of one relation, read in two files (a GORM
			// has-many and its belongs-to), are one foreign key.
			if !slices.ContainsFunc(have.ForeignKeys, func(h facts.ForeignKey) bool { return sameColumns(h.Columns, fk.Columns) }) {
				have.ForeignKeys = append(have.ForeignKeys, fk)
			}
		}
		have.Indexes = append(have.Indexes, t.Indexes...)
		if len(have.PrimaryKey) == 0 {
			have.PrimaryKey = t.PrimaryKey
		}
	}
	return models
}

func mostUsed(counts map[string]int) string {
	best, n := "", 0
	for t, c := range counts {
		if c > n || (c == n && t < best) {
			best, n = t, c
		}
	}
	return best
}

// resolveAliases renames what the models call a table by a name its own
// file says it does not have (Result.Aliases): references, and join
// tables named after it (TypeORM's owner_property_inverse). A name a
// table really has is never renamed.
func resolveAliases(models []facts.Table, aliases map[string]string) []facts.Table {
	if len(aliases) == 0 {
		return models
	}
	real := map[string]bool{}
	for _, t := range models {
		real[key(t.Name)] = true
	}
	rename := func(name string) string {
		if to, ok := aliases[key(name)]; ok && !real[key(name)] {
			return to
		}
		return name
	}
	// Longest first, so user_profile_entity wins over profile_entity.
	names := make([]string, 0, len(aliases))
	for from := range aliases {
		names = append(names, from)
	}
	slices.SortFunc(names, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	for i := range models {
		t := &models[i]
		for j := range t.ForeignKeys {
			t.ForeignKeys[j].References = rename(t.ForeignKeys[j].References)
		}
		if real[key(t.Name)] && aliases[key(t.Name)] == "" {
			for _, from := range names {
				if real[from] || !strings.HasSuffix(key(t.Name), "_"+from) {
					continue
				}
				t.Name = t.Name[:len(t.Name)-len(from)] + aliases[from]
				break
			}
		}
	}
	return models
}
