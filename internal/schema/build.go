package schema

import (
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
	for _, f := range found {
		for _, m := range f.Migrations {
			if m.Tool == "" {
				m.Tool = f.Tool
			}
			tools[m.Tool]++
			migs = append(migs, m)
		}
		if len(f.Snapshot) > 0 {
			snapshot, snapTool = f.Snapshot, f.Tool
		}
		if len(f.Models) > 0 {
			models = mergeModels(models, f.Models)
			if modelTool == "" {
				modelTool = f.Tool
			}
		}
	}
	var s facts.Schema
	switch {
	case len(migs) > 0:
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
func mergeModels(models, more []facts.Table) []facts.Table {
	for _, t := range more {
		i := -1
		for j := range models {
			if key(models[j].Name) == key(t.Name) {
				i = j
				break
			}
		}
		if i < 0 {
			if len(models) >= maxTables {
				continue
			}
			models = append(models, clone(t))
			continue
		}
		have := &models[i]
		for _, c := range t.Columns {
			if have.Column(c.Name) == nil {
				have.Columns = append(have.Columns, c)
			}
		}
		have.ForeignKeys = append(have.ForeignKeys, t.ForeignKeys...)
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
